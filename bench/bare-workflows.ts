/**
 * The bare engine beside each benchmark: a workflow that does nothing clueflow does — it waits on
 * a timer, answers an update with a counter, and ends on a signal. Run by its own Worker on its
 * own task queue against the same dev server, so each figure has its baseline from the same run.
 */
import { condition, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const bareUpdate = defineUpdate<number, [unknown]>('bareUpdate');
export const bareStop = defineSignal('bareStop');

export interface BareInput {
  /** Milliseconds until the timer fires (default: a day). */
  timerMs?: number;
  /** Present for input-size comparisons; the workflow does not read it. */
  payload?: unknown;
}

/** Waits on one timer (or a stop signal), answering updates meanwhile. */
export async function bareWorkflow(input: BareInput = {}): Promise<number> {
  let updates = 0;
  let stop = false;
  setHandler(bareUpdate, () => ++updates);
  setHandler(bareStop, () => {
    stop = true;
  });
  await condition(() => stop, input.timerMs ?? 24 * 3600_000);
  return updates;
}

/** A bare timer workflow for the storm: sleeps until `at`, then completes. */
export async function bareTimerWorkflow(input: { at: number }): Promise<void> {
  await sleep(Math.max(1, input.at - Date.now()));
}
