/**
 * What a person sends to act on a clue — the payload of each clue workflow update. Defined once:
 * the workflow's update inputs are these plus the acting `actor`, and the API's request DTOs
 * implement them, so the two cannot drift apart.
 */
import type { Evidence, TeamMember, Verification, WorkRecord } from './verification';
import type { Actor, Conclusion, Disposition, RecheckResult } from './vocabulary';

/** 分派 / 改派: the coordinator hands the clue to a verifying body — a unit or a department (二(一) 分解到有关核查主体). */
export interface DispatchPayload {
  /** The verifying body's code: a street, a management zone or a department. */
  unitCode: string;
  reason?: string;
}

/** 上报上级纪委监委: outside the district's jurisdiction (三(二)). */
export interface TransferUpPayload {
  reason: string;
}

/** 核查: team, standards, methods, conclusion, findings and evidence (二(二)); optionally a 突出问题 (三(二)). */
export type VerificationPayload = Verification;

/** 主要领导审核把关 (四(四)): approve, or send back with a comment. */
export interface SignoffPayload {
  approve: boolean;
  comment?: string;
}

/** A member of the re-check team, and the unit or department they are seconded from, if any. */
export interface RecheckTeamMember extends TeamMember {
  unitCode?: string;
}

/**
 * 抽查复核 (二(三)): the district re-check group confirms or overturns an unsubstantiated conclusion,
 * recording its team, standards and methods like a verification (二(二) 在问题线索核查和复核抽查过程中).
 */
export interface RecheckPayload extends WorkRecord {
  team: RecheckTeamMember[];
  result: RecheckResult;
  findings: string;
  conclusion?: Conclusion;
  amountConfirmed?: number;
  evidence?: Evidence[];
}

/** 分类处置 (二(四)): one or more dispositions, with the reason. */
export interface ClassificationPayload {
  dispositions: Disposition[];
  reason: string;
}

/** 整改纠正: what the unit did, what it recovered, whether it is done. */
export interface RectificationPayload {
  measures: string;
  amountRecovered?: number;
  completed: boolean;
}

/**
 * 主要领导审核把关 (四(四)) of the rectification report: the amount recovered counts in reports and
 * stats only once the verifying body's leader approves it; sending it back needs a comment.
 */
export interface RectificationSignoffPayload {
  approve: boolean;
  comment?: string;
}

export interface AcceptRectificationPayload {
  comment?: string;
}

/** 移交纪检监察机关: what discipline decided. */
export interface ReferralOutcomePayload {
  caseNo?: string;
  outcome: string;
  personsHandled?: number;
}

/** 建章立制: the rule or measure the responsible department made. */
export interface RulePayload {
  title: string;
  summary: string;
}

/** A payload as the workflow receives it: with who acts. */
export type Acting<T> = T & { actor: Actor };
