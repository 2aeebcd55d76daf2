import { ActivityFailure, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
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
/**
 * The clock outlives a day that could not be mailed (SMTP down past every retry, a bad address):
 * what was not sent stays queued or failed in the outbox, and tomorrow's run tries again.
 */
async function survive(what: string, step: Promise<unknown>): Promise<void> {
  try {
    await step;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.error(`mail ${what} failed; the outbox keeps what was not sent`, { error: err.message });
  }
}

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
        // so nothing is mailed twice today.
        runNow = false;
        await survive('compose', ledger.composeDailyMail({ campaignId, at: Date.now() }));
      }
      deliverNow = false;
      await survive('deliver', mail.deliverOutbox({ campaignId }));
    }
    await survive('compose', ledger.composeDailyMail({ campaignId, date: slot.date, at: slot.at }));
    await survive('deliver', mail.deliverOutbox({ campaignId }));
    if ((workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 1_000) && !deliverNow && !runNow) {
      await continueAsNew<typeof unitDigestWorkflow>(input);
    }
  }
}
