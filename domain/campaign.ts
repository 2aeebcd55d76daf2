/** Reading a stored campaign document into what the rules need: rules, not prose. */
import { DAY_MS } from './escalation';
import { STANDARD_LABELS } from './labels';
import { dueInstant } from './time';
import type { VerificationPolicy } from './verification';
import { VERIFICATION_STANDARDS } from './vocabulary';

export function policyOf(document: Record<string, any>): VerificationPolicy {
  const team = document.verificationTeam ?? {};
  return {
    minLeaders: team.minLeaders ?? 1,
    minMembers: team.minMembers ?? 2,
    forbiddenMemberKinds: team.forbiddenMemberKinds ?? ['village_cadre', 'community_cadre'],
    methods: (document.verificationMethods ?? []).map((m: { code: string }) => m.code),
    standards: standardsOf(document),
  };
}

/**
 * The standards a campaign holds verification to: those of the five its `verificationStandards`
 * names (in Chinese, as the plan writes them), all five when it names none.
 */
function standardsOf(document: Record<string, any>): string[] {
  const named: unknown[] = Array.isArray(document.verificationStandards) ? document.verificationStandards : [];
  const chosen = VERIFICATION_STANDARDS.filter((s) => named.includes(STANDARD_LABELS[s]) || named.includes(s));
  return chosen.length > 0 ? chosen : [...VERIFICATION_STANDARDS];
}

/**
 * The departments that receive the special reports (四、有关要求: 分别报区纪委监委和区政数局) rather
 * than write one: those the campaign's `reportRecipients` names, by name or by code. They verify
 * no clue, and no digest or escalation asks them for a report.
 */
export function reportRecipientCodes(document: Record<string, any>): string[] {
  const recipients: unknown[] = Array.isArray(document.reportRecipients) ? document.reportRecipients : [];
  return (document.departments ?? [])
    .filter((d: { code: string; name: string }) => recipients.includes(d.name) || recipients.includes(d.code))
    .map((d: { code: string }) => d.code);
}

/**
 * Who a clue may be handed to for verification (核查主体, 二(一) 分解到有关核查主体): every street or
 * management zone, and every department but the report recipients — departments verify and rectify
 * the clues the task force hands them (三(三) 开展区专班交办问题线索的入户核查及整改).
 */
export function verifyingBodyCodes(document: Record<string, any>): string[] {
  const recipients = new Set(reportRecipientCodes(document));
  return [
    ...(document.units ?? []).map((u: { code: string }) => u.code),
    ...(document.departments ?? []).map((d: { code: string }) => d.code).filter((code: string) => !recipients.has(code)),
  ];
}

/**
 * The district re-check group (三(二) 区级成立复核抽查组) where a code is needed for it: the subject
 * of its digest, and of a notice filed against it. Not a unit: no token is bound to it.
 */
export const RECHECK_GROUP_CODE = 'recheck-group';

/** 复核抽查达20%以上 (一、总体要求): the campaign's re-check sample rate, 0.2 unless it says otherwise. */
export function recheckRateOf(document: Record<string, any>): number {
  return document.targets?.recheckSampleRate ?? 0.2;
}

/** Long-running campaign workflows stay open this long after the campaign window for late work. */
const GRACE_DAYS = 60;

/** When a campaign's own workflows (campaign, mail clock, samplers) stop: its window's end or report deadline, plus grace. */
export function campaignEndsAt(c: { timezone: string; document: Record<string, any>; deadlines: Record<string, string> }): number {
  const end = c.document.window?.end ?? c.deadlines.report;
  const last = Math.max(dueInstant(end, c.timezone), dueInstant(c.deadlines.report, c.timezone));
  return last + GRACE_DAYS * DAY_MS;
}
