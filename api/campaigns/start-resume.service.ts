/**
 * When the API starts, it asks every campaign that has imported clues still without a workflow to
 * start them: an API that died between writing an import and asking the campaign (the usual crash)
 * leaves nothing waiting once it is back. The campaign's own sweep covers an API that never returns.
 */
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkflowUpdateStage, type Client } from '@temporalio/client';
import { logger } from '../../common/logger';
import type { Database } from '../../db/database';
import { CampaignEntity } from '../../db/entities';
import { startCluesUpdate } from '../../workflows/campaign/definitions';
import { DATABASE, TEMPORAL } from '../shared/providers';
import { campaignWorkflowStart } from './campaign-workflow';

@Injectable()
export class StartResumeService implements OnApplicationBootstrap {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: start-up does not wait on Temporal, and a failure here is only logged.
    void this.resume().catch((err) => logger.warn({ err }, 'could not ask campaigns to start their waiting clues; their sweep will'));
  }

  async resume(): Promise<string[]> {
    const waiting = await this.db.query<{ campaign_id: string }>(
      `SELECT DISTINCT campaign_id FROM clues WHERE workflow_started_at IS NULL AND imported_at < now() - interval '1 minute'`,
    );
    for (const { campaign_id } of waiting) {
      const campaign = await this.db.run((em) => em.findOneByOrFail(CampaignEntity, { id: campaign_id }));
      await this.temporal.workflow.startUpdateWithStart(startCluesUpdate, {
        startWorkflowOperation: campaignWorkflowStart(campaign),
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      logger.info({ campaignId: campaign_id }, 'asked the campaign to start imported clues left without a workflow');
    }
    return waiting.map((w) => w.campaign_id);
  }
}
