import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/database';
import { DATABASE, TEMPORAL } from '../shared/providers';
import type { HealthOut } from './health.dto';

/** Whether clueflow can reach what it needs: the Temporal service and the ledger database. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  async check(): Promise<HealthOut> {
    const [database, temporal] = await Promise.all([
      this.db.ping(),
      this.temporal.workflowService
        .getSystemInfo({})
        .then(() => true)
        .catch(() => false),
    ]);
    return { status: database && temporal ? 'ok' : 'degraded', temporal: temporal ? 'ok' : 'down', database: database ? 'ok' : 'down' };
  }
}
