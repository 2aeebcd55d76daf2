import { WithStartWorkflowOperation } from '@temporalio/client';
import type { CampaignEntity } from '../../db/entities';
import { campaignEndsAt } from '../../domain/campaign';
import { TASK_QUEUE } from '../../temporal.config';
import { campaignWorkflowId } from '../../workflows/campaign/definitions';
import type { campaignWorkflow } from '../../workflows/campaign/workflow';

/**
 * Every request to a campaign's workflow goes with this start operation: the running workflow takes
 * it, and a campaign whose workflow has ended (its window is long past) gets a fresh run, which
 * re-activates idempotently and serves the request. One operation per request (the SDK's rule).
 */
export function campaignWorkflowStart(c: CampaignEntity): WithStartWorkflowOperation<typeof campaignWorkflow> {
  return new WithStartWorkflowOperation<typeof campaignWorkflow>('campaignWorkflow', {
    workflowId: campaignWorkflowId(c.id),
    taskQueue: TASK_QUEUE,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [{ campaignId: c.id, endsAt: campaignEndsAt(c) }],
  });
}
