import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { ledgerActivityOptions, mailActivityOptions } from '../../temporal.config';
import { deliverNowSignal, runNowSignal, type DigestWorkflowInput, type MailActivities } from './definitions';

const ledger = proxyActivities<MailActivities>(ledgerActivityOptions);
const mail = proxyActivities<MailActivities>(mailActivityOptions);

/**
 * A timer, not a cron in the API: the day's mail is composed at the digest hour in the campaign's
 * time zone (the slot is computed by an activity, so time-zone rules never touch workflow code),
 * and delivered with retries. Everything is keyed by the run's date, so a retried or repeated run
 * sends nothing twice.
 */
export async function unitDigestWorkflow(input: DigestWorkflowInput): Promise<void> {
  const { campaignId, endsAt } = input;
  let deliverNow = false;
  let runNow = false;
  setHandler(deliverNowSignal, () => {
    deliverNow = true;
  });
  setHandler(runNowSignal, () => {
    runNow = true;
  });
  for (;;) {
    const slot = await ledger.nextDigestSlot({ campaignId, after: Date.now() });
    if (slot.at > endsAt) return;
    while (await condition(() => deliverNow || runNow, Math.max(1, slot.at - Date.now()))) {
      if (runNow) {
        // Today's run, now (the coordinator asked): keyed by today's date like the scheduled run,
        // so a scheduled run later today adds only what is new.
        runNow = false;
        await ledger.composeDailyMail({ campaignId, at: Date.now() });
      }
      deliverNow = false;
      await mail.deliverOutbox({ campaignId });
    }
    await ledger.composeDailyMail({ campaignId, date: slot.date, at: slot.at });
    await mail.deliverOutbox({ campaignId });
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 1_000) {
      await continueAsNew<typeof unitDigestWorkflow>(input);
    }
  }
}
