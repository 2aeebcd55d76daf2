/** Reading a stored campaign document into what the rules need: rules, not prose. */
import { DAY_MS } from './escalation';
import { dueInstant } from './time';
import type { VerificationPolicy } from './verification';

export function policyOf(document: Record<string, any>): VerificationPolicy {
  const team = document.verificationTeam ?? {};
  return {
    minLeaders: team.minLeaders ?? 1,
    minMembers: team.minMembers ?? 2,
    forbiddenMemberKinds: team.forbiddenMemberKinds ?? ['village_cadre', 'community_cadre'],
    methods: (document.verificationMethods ?? []).map((m: { code: string }) => m.code),
  };
}

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
