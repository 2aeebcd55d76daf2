/** Reading a stored campaign into what workflows need: instants, not dates; rules, not prose. */
import type { Calendar } from '../workflows/rules/calendar';
import { DEADLINE_KEYS, type DeadlineKey } from '../workflows/rules/domain';
import type { VerificationPolicy } from '../workflows/rules/verification';
import { dueInstant } from './time';

export interface StoredCampaign {
  id: string;
  timezone: string;
  deadlines: Record<string, string>;
  calendarVersion: number;
  escalationAfterDays: number[];
  document: Record<string, any>;
}

export function calendarOf(c: StoredCampaign): Calendar {
  const dueAt = {} as Record<DeadlineKey, number>;
  for (const key of DEADLINE_KEYS) dueAt[key] = dueInstant(c.deadlines[key], c.timezone);
  return { dueAt, escalationAfterDays: c.escalationAfterDays, version: c.calendarVersion };
}

export function policyOf(document: Record<string, any>): VerificationPolicy {
  const team = document.verificationTeam ?? {};
  return {
    minLeaders: team.minLeaders ?? 1,
    minMembers: team.minMembers ?? 2,
    forbiddenMemberKinds: team.forbiddenMemberKinds ?? ['village_cadre', 'community_cadre'],
    methods: (document.verificationMethods ?? []).map((m: { code: string }) => m.code),
  };
}

export function recheckRateOf(document: Record<string, any>): number {
  return document.targets?.recheckSampleRate ?? 0.2;
}
