import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { batchActivityOptions, ledgerActivityOptions } from '../../temporal.config';
import { deliverNowSignal, digestWorkflowId, type MailActivities } from '../digest/definitions';
import { unitDigestWorkflow } from '../digest/workflow';
import {
  activationUpdate,
  extendDeadlinesUpdate,
  startCluesUpdate,
  type CampaignActivities,
  type CampaignSummary,
  type CampaignWorkflowInput,
  type CluesStarted,
} from './definitions';

const ledger = proxyActivities<CampaignActivities>(ledgerActivityOptions);
const batch = proxyActivities<CampaignActivities>(batchActivityOptions);
const compose = proxyActivities<MailActivities>(ledgerActivityOptions);

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignSummary> {
  const { campaignId, endsAt } = input;
  let summary: CampaignSummary | undefined = input.summary;
  /** Start passes asked for and finished; a request is answered by the first pass that begins after it. */
  let startsRequested = 0;
  let startsDone = 0;
  let lastPass: CluesStarted = { started: 0 };
  /**
   * Starting clues and extending deadlines never overlap: a clue started during an extension could
   * read the old calendar and be missed by the extension's signals.
   */
  let busy = false;

  setHandler(activationUpdate, async () => {
    await condition(() => summary !== undefined);
    return summary!;
  });

  setHandler(startCluesUpdate, async () => {
    const mine = ++startsRequested;
    await condition(() => startsDone >= mine);
    return lastPass;
  });

  setHandler(
    extendDeadlinesUpdate,
    async (extension) => {
      await condition(() => summary !== undefined && !busy);
      busy = true;
      try {
        const { deadlines, before, calendar } = await ledger.applyDeadlines({ ...extension, campaignId });
        const cluesSignalled = await batch.signalCalendar({ campaignId, calendar, reason: extension.reason });
        if (await compose.composeExtensionMail({ campaignId, requestId: extension.requestId, before, after: deadlines, reason: extension.reason })) {
          // The mail clock delivers (and retries while SMTP is down) without holding up the campaign.
          await getExternalWorkflowHandle(digestWorkflowId(campaignId))
            .signal(deliverNowSignal)
            .catch(() => undefined);
        }
        return { deadlines, calendarVersion: calendar.version, cluesSignalled };
      } finally {
        busy = false;
      }
    },
    {
      validator: ({ deadlines, reason }) => {
        if (!reason || !reason.trim()) throw new Error('延期须说明理由（reason）');
        if (!deadlines || Object.keys(deadlines).length === 0) throw new Error('请至少指定一个阶段的新期限');
      },
    },
  );

  if (!summary) {
    summary = await ledger.activateCampaign({ campaignId });
    // The mail clock lives beside the campaign, not under it: it outlives this run's continue-as-new.
    try {
      await startChild(unitDigestWorkflow, {
        workflowId: digestWorkflowId(campaignId),
        args: [{ campaignId, endsAt }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  const startsPending = () => startsRequested > startsDone;
  for (;;) {
    const remaining = endsAt - Date.now();
    const ready = () => startsPending() && !busy;
    if (remaining > 0 ? await condition(ready, remaining) : ready()) {
      const target = startsRequested;
      busy = true;
      try {
        lastPass = await batch.startClueWorkflows({ campaignId });
      } finally {
        busy = false;
      }
      startsDone = target;
      continue;
    }
    // Imports and extensions arrive all campaign long: keep the history small, and at the end finish
    // what was asked. A start request arriving meanwhile is served first (its handler waits on this loop).
    if (remaining <= 0 || workflowInfo().continueAsNewSuggested) {
      await condition(() => allHandlersFinished() || startsPending());
      if (startsPending()) continue;
      if (remaining <= 0) return summary;
      await continueAsNew<typeof campaignWorkflow>({ ...input, summary });
    }
  }
}
