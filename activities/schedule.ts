import { DAY_MS } from '../workflows/rules/calendar';
import { dueInstant } from '../common/time';

/** Long-running campaign workflows stay open this long after the campaign window for late work. */
const GRACE_DAYS = 60;

export function campaignEndsAt(c: { timezone: string; document: Record<string, any>; deadlines: Record<string, string> }): number {
  const end = c.document.window?.end ?? c.deadlines.report;
  const last = Math.max(dueInstant(end, c.timezone), dueInstant(c.deadlines.report, c.timezone));
  return last + GRACE_DAYS * DAY_MS;
}
