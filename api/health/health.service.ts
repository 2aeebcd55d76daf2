import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/database';
import { DATABASE, TEMPORAL } from '../shared/providers';
import type { HealthOut } from './health.dto';

/** How long a dependency has to answer before /health calls it down: a probe must not hang. */
const PROBE_MS = 3_000;

function answersWithin(probe: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_MS)));
  return Promise.race([probe.catch(() => false), timeout]).finally(() => clearTimeout(timer));
}

/** Whether clueflow can reach what it needs: the Temporal service and the ledger database. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  async check(): Promise<HealthOut> {
    const [database, temporal] = await Promise.all([
      answersWithin(this.db.ping()),
      answersWithin(this.temporal.workflowService.getSystemInfo({}).then(() => true)),
    ]);
    return { status: database && temporal ? 'ok' : 'degraded', temporal: temporal ? 'ok' : 'down', database: database ? 'ok' : 'down' };
  }
}
