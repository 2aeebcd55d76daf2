import { allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { batchActivityOptions, ledgerActivityOptions } from '../../temporal.config';
import {
  activationUpdate,
  extendDeadlinesUpdate,
  type CampaignActivities,
  type CampaignSummary,
  type CampaignWorkflowInput,
} from './definitions';

const ledger = proxyActivities<CampaignActivities>(ledgerActivityOptions);
const batch = proxyActivities<CampaignActivities>(batchActivityOptions);

export async function campaignWorkflow({ campaignId, endsAt }: CampaignWorkflowInput): Promise<CampaignSummary> {
  let summary: CampaignSummary | undefined = undefined;

  setHandler(activationUpdate, async () => {
    await condition(() => summary !== undefined);
    return summary!;
  });

  setHandler(
    extendDeadlinesUpdate,
    async (extension) => {
      await condition(() => summary !== undefined);
      const { deadlines, calendar } = await ledger.applyDeadlines({ ...extension, campaignId });
      const cluesSignalled = await batch.signalCalendar({ campaignId, calendar, reason: extension.reason });
      return { deadlines, calendarVersion: calendar.version, cluesSignalled };
    },
    {
      validator: ({ deadlines, reason }) => {
        if (!reason || !reason.trim()) throw new Error('延期须说明理由（reason）');
        if (!deadlines || Object.keys(deadlines).length === 0) throw new Error('请至少指定一个阶段的新期限');
      },
    },
  );

  summary = await ledger.activateCampaign({ campaignId });
  await sleep(Math.max(0, endsAt - Date.now()));
  await condition(allHandlersFinished);
  return summary;
}
