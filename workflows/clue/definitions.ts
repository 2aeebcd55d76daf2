/**
 * The contract of one clue's workflow (一条线索一个工作流): its input, state, view, and the
 * signals, queries and updates that the API sends it. The API imports these constants.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcceptRectificationPayload,
  Acting,
  ClassificationPayload,
  DispatchPayload,
  RecheckPayload,
  RectificationPayload,
  RectificationSignoffPayload,
  RecheckTeamMember,
  ReferralOutcomePayload,
  RulePayload,
  SignoffPayload,
  TransferUpPayload,
  VerificationPayload,
} from '../../domain/actions';
import type { Calendar } from '../../domain/calendar';
import type { Actor, Conclusion, Disposition, Stage } from '../../domain/vocabulary';
import type { Evidence, MethodOmission, Verification, VerificationPolicy } from '../../domain/verification';
import type { VerificationMethod, VerificationStandard } from '../../domain/vocabulary';

export const clueWorkflowId = (campaignId: string, clueNo: string): string => `clue-${campaignId}-${clueNo}`;

export interface ClueStart {
  campaignId: string;
  clueNo: string;
  projectNo: number;
  /** The project's responsible department (责任部门), who records rule-building for it. */
  departmentCode: string;
  /** Verifying body (unit or department) named at import; without one the clue waits in `received` for dispatch. */
  unitCode?: string;
  /**
   * The verifying bodies a clue may be dispatched to (核查主体, 二(一)): units, and departments other
   * than the report recipients (三(三)). Clues started before departments verified list units only.
   */
  unitCodes: string[];
  policy: VerificationPolicy;
  calendar: Calendar;
  /**
   * The starter set every search attribute with the start, so the first task upserts none (one
   * visibility write per clue, not two). Absent in clues started before, which upsert as they did.
   */
  attributesAtStart?: boolean;
}

export interface RecheckRecord {
  result: 'confirmed' | 'overturned';
  findings: string;
  conclusion?: Conclusion;
  amountConfirmed?: number;
  /** Absent in re-checks recorded before re-checks recorded their work like a verification. */
  team?: RecheckTeamMember[];
  standards?: VerificationStandard[];
  methods?: VerificationMethod[];
  methodsOmitted?: MethodOmission[];
  evidence?: Evidence[];
  by: Actor;
}

export interface RectificationRecord {
  measures: string;
  /** Reported by the unit; it counts as recovered (`ClueState.amountRecovered`) once its leader signs the report off. */
  amountRecovered?: number;
  completed: boolean;
  /** The verifying body's leader on this report (四(四)); cleared by a new report. */
  signoff?: { by: Actor; approve: boolean; comment?: string };
  acceptedBy?: Actor;
}

export interface ReferralRecord {
  caseNo?: string;
  outcome: string;
  personsHandled?: number;
}

export interface RuleRecord {
  title: string;
  summary: string;
  department: string;
}

export interface SamplingDecision {
  drawn: boolean;
  /** Which draw of the project decided it (1 = first draw, 2+ = supplementary). */
  drawNo: number;
}

/** Everything the workflow knows; carried across continue-as-new. */
export interface ClueState {
  stage: Stage;
  unitCode?: string;
  /** The unit whose verification was signed off: a rechecker may not come from it. */
  verifyingUnitCode?: string;
  seq: number;
  overdue: boolean;
  dueAt: number | null;
  escalationLevel: number;
  verification?: Verification & { by: Actor };
  signoff?: { by: Actor; approve: boolean; comment?: string };
  conclusion?: Conclusion;
  sampling?: SamplingDecision;
  recheck?: RecheckRecord;
  /** 核查不实: a re-check overturned this clue's verification. */
  verificationInaccurate: boolean;
  dispositions: Disposition[];
  completed: Disposition[];
  classificationReason?: string;
  rectification?: RectificationRecord;
  referral?: ReferralRecord;
  rule?: RuleRecord;
  amountConfirmed?: number;
  /** Recovered as the leader signed it off; a reported amount waits in `rectification` until then. */
  amountRecovered?: number;
  closed?: { by: Actor; reason: string; at: number };
  transfer?: { by: Actor; reason: string };
  /** Signals that arrived but are not yet acted on, so continue-as-new loses none. */
  pendingDecision?: SamplingDecision;
  pendingCalendar?: Calendar & { reason?: string };
}

export interface ClueWorkflowInput extends ClueStart {
  carried?: ClueState;
}

/** What an update replies and the state query returns. */
export interface ClueView {
  campaignId: string;
  clueNo: string;
  stage: Stage;
  unitCode: string | null;
  conclusion: Conclusion | null;
  dispositions: Disposition[];
  completedDispositions: Disposition[];
  overdue: boolean;
  nextDeadline: string | null;
  escalationLevel: number;
}

export type DispatchInput = Acting<DispatchPayload>;
export type TransferUpInput = Acting<TransferUpPayload>;
export type VerificationInput = Acting<VerificationPayload>;
export type SignoffInput = Acting<SignoffPayload>;
export type RecheckInput = Acting<RecheckPayload>;
export type ClassificationInput = Acting<ClassificationPayload>;
export type RectificationInput = Acting<RectificationPayload>;
export type RectificationSignoffInput = Acting<RectificationSignoffPayload>;
export type AcceptRectificationInput = Acting<AcceptRectificationPayload>;
export type ReferralOutcomeInput = Acting<ReferralOutcomePayload>;
export type RuleInput = Acting<RulePayload>;

export const dispatchUpdate = defineUpdate<ClueView, [DispatchInput]>('dispatch');
export const transferUpUpdate = defineUpdate<ClueView, [TransferUpInput]>('transferUp');
export const verificationUpdate = defineUpdate<ClueView, [VerificationInput]>('recordVerification');
export const signoffUpdate = defineUpdate<ClueView, [SignoffInput]>('signOff');
export const recheckUpdate = defineUpdate<ClueView, [RecheckInput]>('recordRecheck');
export const classificationUpdate = defineUpdate<ClueView, [ClassificationInput]>('classify');
export const rectificationUpdate = defineUpdate<ClueView, [RectificationInput]>('recordRectification');
export const rectificationSignoffUpdate = defineUpdate<ClueView, [RectificationSignoffInput]>('signOffRectification');
export const acceptRectificationUpdate = defineUpdate<ClueView, [AcceptRectificationInput]>('acceptRectification');
export const referralOutcomeUpdate = defineUpdate<ClueView, [ReferralOutcomeInput]>('recordReferralOutcome');
export const ruleUpdate = defineUpdate<ClueView, [RuleInput]>('recordRule');

/** From the project's sampler: drawn for re-check (抽中复核) or not. */
export const samplingDecisionSignal = defineSignal<[SamplingDecision]>('samplingDecision');
/** From the campaign: deadlines moved; re-arm the timers. */
export const calendarChangedSignal = defineSignal<[Calendar & { reason?: string }]>('calendarChanged');
export const clueStateQuery = defineQuery<ClueView>('clueState');

/** One ledger write: the row's new state, a timeline event and an audit entry, keyed by seq. */
export interface ClueProjection {
  workflowId: string;
  campaignId: string;
  clueNo: string;
  seq: number;
  at: number;
  actor: Actor;
  action: string;
  detail: Record<string, unknown>;
  state: ClueState;
}

/** What the clue workflow needs from the outside world; implemented in activities/. */
export interface ClueActivities {
  projectClue(p: ClueProjection): Promise<void>;
  requestSampling(req: { campaignId: string; projectNo: number; clueNo: string }): Promise<void>;
}
