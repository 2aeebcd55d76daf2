import {
  ActivityFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { deadlineProblems } from '../../domain/calendar';
import { refuse } from '../../domain/refuse';
import { requireRole, requireStorable, requireText } from '../../domain/requirements';
import { violation } from '../../domain/violation';
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
/**
 * How often the campaign looks for imported clues still without a workflow: five minutes after any
 * start request, then less and less often while it finds none, up to every six hours (the API also
 * asks once whenever it starts, which covers the usual crash-and-restart).
 */
const START_SWEEP_MS = 5 * 60_000;
const START_SWEEP_MAX_MS = 6 * 60 * 60_000;
const START_SWEEP_PATCH = 'start-sweep';
/** Events before a campaign run continues as new (each import or extension adds about ten). */
const CAMPAIGN_HISTORY_LIMIT = 5_000;

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
      // Several waiters can wake in one activation: re-check before taking the lock.
      while (summary === undefined || busy) await condition(() => summary !== undefined && !busy);
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
      validator: ({ deadlines, reason, ...rest }) =>
        refuse([
          ...requireRole(rest.actor, ['coordinator'], '调整期限'),
          ...requireText(reason, 'reason', '延期理由'),
          ...requireStorable({ deadlines, reason }),
          ...(deadlines && Object.keys(deadlines).length > 0 ? [] : [violation(422, 'deadlines_missing', '请至少指定一个阶段的新期限', 'deadlines')]),
          ...deadlineProblems(deadlines ?? {}).map((p) => violation(422, 'deadline_invalid', p.message, p.field)),
        ]),
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
  const ready = () => startsPending() && !busy;
  // Imports and extensions arrive all campaign long: keep the history small.
  const shouldRoll = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > CAMPAIGN_HISTORY_LIMIT;
  let sweepEvery = START_SWEEP_MS;
  for (;;) {
    const remaining = endsAt - Date.now();
    // Clues written to the ledger whose start request never came (the API died right after the
    // import committed) are found by a sweep: starts resume by themselves.
    const sweeping = patched(START_SWEEP_PATCH);
    if (remaining > 0) {
      const asked = await condition(() => ready() || shouldRoll(), sweeping ? Math.min(remaining, sweepEvery) : remaining);
      if (asked) sweepEvery = START_SWEEP_MS;
      else if (sweeping && !busy) {
        if ((await ledger.countUnstartedClues({ campaignId, olderThanMs: START_SWEEP_MS / 2 })) > 0) {
          log.warn('found imported clues without a workflow: starting them', { campaignId });
          startsRequested += 1;
          sweepEvery = START_SWEEP_MS;
        } else sweepEvery = Math.min(sweepEvery * 2, START_SWEEP_MAX_MS);
      }
    }
    if (ready()) {
      const target = startsRequested;
      busy = true;
      try {
        lastPass = await batch.startClueWorkflows({ campaignId });
      } catch (err) {
        // The campaign outlives a failed pass: its clues stay unstarted in the ledger, and the
        // next sweep (or the next import) starts them.
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('start pass failed; clues stay unstarted until the next sweep', { campaignId, error: err.message });
        lastPass = { started: 0 };
      } finally {
        busy = false;
      }
      startsDone = target;
      continue;
    }
    if (remaining <= 0 || shouldRoll()) {
      // Finish what was asked first; a start request arriving meanwhile is served (its handler waits on this loop).
      await condition(() => (allHandlersFinished() && !startsPending()) || ready());
      if (ready()) continue;
      if (remaining <= 0) return summary;
      await continueAsNew<typeof campaignWorkflow>({ ...input, summary });
    }
  }
}
