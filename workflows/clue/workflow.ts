/**
 * ClueWorkflow: one problem clue (问题线索) from dispatch to close-off (销号). Each action is an
 * update whose validator refuses a broken rule before it reaches history; `ClueCase` holds the
 * state and does what each message asks. This function wires the handlers and runs the deadline
 * loop: calendar changes, re-check draw decisions, escalation and continue-as-new.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { CLUE_HISTORY_LIMIT } from '../../temporal.config';
import { isTerminal } from '../../domain/lifecycle';
import { ClueCase } from './case';
import {
  acceptRectificationUpdate,
  calendarChangedSignal,
  classificationUpdate,
  clueStateQuery,
  dispatchUpdate,
  recheckUpdate,
  rectificationSignoffUpdate,
  rectificationUpdate,
  referralOutcomeUpdate,
  ruleUpdate,
  samplingDecisionSignal,
  signoffUpdate,
  transferUpUpdate,
  verificationUpdate,
  type ClueView,
  type ClueWorkflowInput,
} from './definitions';

export async function clueWorkflow(input: ClueWorkflowInput): Promise<ClueView> {
  const clue = new ClueCase(input);

  setHandler(clueStateQuery, () => clue.view());
  setHandler(samplingDecisionSignal, (decision) => clue.receiveSamplingDecision(decision));
  setHandler(calendarChangedSignal, (next) => clue.receiveCalendar(next));
  setHandler(dispatchUpdate, (a) => clue.dispatch(a), { validator: (a) => clue.validateDispatch(a) });
  setHandler(transferUpUpdate, (a) => clue.transferUp(a), { validator: (a) => clue.validateTransferUp(a) });
  setHandler(verificationUpdate, (a) => clue.recordVerification(a), { validator: (a) => clue.validateRecordVerification(a) });
  setHandler(signoffUpdate, (a) => clue.signOff(a), { validator: (a) => clue.validateSignOff(a) });
  setHandler(recheckUpdate, (a) => clue.recordRecheck(a), { validator: (a) => clue.validateRecordRecheck(a) });
  setHandler(classificationUpdate, (a) => clue.classify(a), { validator: (a) => clue.validateClassify(a) });
  setHandler(rectificationUpdate, (a) => clue.recordRectification(a), { validator: (a) => clue.validateRecordRectification(a) });
  setHandler(rectificationSignoffUpdate, (a) => clue.signOffRectification(a), { validator: (a) => clue.validateSignOffRectification(a) });
  setHandler(acceptRectificationUpdate, (a) => clue.acceptRectification(a), { validator: (a) => clue.validateAcceptRectification(a) });
  setHandler(referralOutcomeUpdate, (a) => clue.recordReferralOutcome(a), { validator: (a) => clue.validateRecordReferralOutcome(a) });
  setHandler(ruleUpdate, (a) => clue.recordRule(a), { validator: (a) => clue.validateRecordRule(a) });

  if (!input.carried) clue.begin();

  while (!isTerminal(clue.stage)) {
    await clue.applyPendingCalendar();
    if (await clue.applySamplingDecision()) continue;
    await clue.escalate();
    // An update may have ended the clue while an escalation was being recorded.
    if (isTerminal(clue.stage)) break;

    if (workflowInfo().historyLength > CLUE_HISTORY_LIMIT || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof clueWorkflow>(clue.carryOver());
    }

    // Sleep until the next escalation step, or until a message changes something.
    const seen = clue.version;
    const wakeAt = clue.nextChangeAt();
    const woken = () => clue.version !== seen || clue.hasPendingMessage();
    if (wakeAt === null) await condition(woken);
    else await condition(woken, Math.max(1, wakeAt - Date.now()));
  }

  await condition(allHandlersFinished);
  return clue.view();
}
