/** The simulator's summary: per action what happened, per stage where the clues ended, per phase how long. */
import type { Stage } from '../../domain/vocabulary';
import { STAGES } from '../../domain/vocabulary';
import type { SimResult } from './campaign';
import { expectedFinalStage } from './journey';

export function table(rows: Array<Record<string, string | number>>): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : String(v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export function summarize(r: SimResult): string {
  const actions = [...r.tallies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, t]) => ({
      action,
      done: t.done,
      'refused (expected)': t.refusedAsExpected,
      '202 (completes later)': t.accepted202,
      'retried 503': t.retried503,
      'retried other': t.retriedOther,
      unexpected: t.unexpected,
    }));
  const expected = new Map<Stage, number>();
  for (const p of r.plans) expected.set(expectedFinalStage(p), (expected.get(expectedFinalStage(p)) ?? 0) + 1);
  const ours = new Set(r.plans.map((p) => p.clueNo));
  const actual = new Map<Stage, number>();
  for (const [clueNo, stage] of r.finalStage) if (ours.has(clueNo)) actual.set(stage, (actual.get(stage) ?? 0) + 1);
  const stages = STAGES.filter((s) => expected.has(s) || actual.has(s)).map((stage) => ({ stage, expected: expected.get(stage) ?? 0, reached: actual.get(stage) ?? 0 }));
  const total = r.phases.reduce((n, p) => n + p.seconds, 0);
  return [
    `campaign ${r.campaignId}: ${r.accepted.length} clues accepted, ${r.duplicates} duplicates, ${r.rejected} rejected`,
    '',
    table(actions),
    '',
    table(stages),
    '',
    table([...r.phases.map((p) => ({ phase: p.phase, seconds: p.seconds })), { phase: 'total', seconds: total }]),
    '',
    `unexpected errors: ${r.unexpected.length}; clues stuck: ${r.stuck.length}; clues not at their expected stage: ${r.misplaced.length}; slowest request ${(r.slowestMs / 1000).toFixed(1)} s`,
    ...r.unexpected.slice(0, 10).map((u) => `  ${u.name}: ${u.method} ${u.url} → ${u.status} ${u.body}`),
    ...r.stuck.slice(0, 10).map((s) => `  stuck ${s.clueNo}: ${s.error}`),
    ...r.misplaced.slice(0, 10).map((m) => `  ${m.clueNo}: expected ${m.expected}, is ${m.actual}`),
  ].join('\n');
}

/** A run passes when nothing unexpected happened and every clue is where its plan ends. */
export const passed = (r: SimResult): boolean => r.unexpected.length === 0 && r.stuck.length === 0 && r.misplaced.length === 0;
