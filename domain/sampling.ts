/**
 * Re-check sampling (二(三) 抽查复核): the sample size — at least ceil(rate × N) of a project's
 * unsubstantiated clues — and who may draw when. The rate is turned into parts per million once, so
 * the ceiling is exact integer arithmetic: 0.07 × 100 is 7, not 7.000000000000001.
 */
import { requireRole } from './requirements';
import type { Actor } from './vocabulary';
import { violation, type Violation } from './violation';

const PPM = 1_000_000;

export function rateToPpm(rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`sample rate must be within [0, 1], got ${rate}`);
  return Math.round(rate * PPM);
}

export function requiredSampleSize(population: number, rate: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  const ppm = rateToPpm(rate);
  return Math.floor((population * ppm + PPM - 1) / PPM);
}

/**
 * Whether a project's re-check will miss its deadline (二(三) 9月20日前) at today's pace: the sample
 * is still short of its floor after the first draw was due, or the re-checks done so far per day,
 * carried on to the deadline, do not cover every drawn clue. A group that has not started yet is
 * judged only once half the time from its first draw to the deadline is gone: a draw the day before
 * yesterday with nothing re-checked is not yet late.
 */
export function recheckAtRisk(p: {
  required: number;
  drawn: number;
  rechecked: number;
  /** When the first draw happened (ms), or null. */
  firstDrawAt: number | null;
  /** The verification deadline, when the first draw is due at the latest (ms). */
  drawDueAt: number;
  /** The re-check deadline (ms). */
  recheckDueAt: number;
  now: number;
}): boolean {
  if (p.drawn < p.required && p.now >= p.drawDueAt) return true;
  const pending = p.drawn - p.rechecked;
  if (pending <= 0) return false;
  if (p.now >= p.recheckDueAt) return true;
  if (p.firstDrawAt === null) return false;
  const elapsed = Math.max(0, p.now - p.firstDrawAt);
  const left = p.recheckDueAt - p.now;
  if (p.rechecked === 0) return elapsed > left;
  const DAY = 86_400_000;
  const perDay = p.rechecked / Math.max(1, elapsed / DAY);
  return perDay * (left / DAY) < pending;
}

/** Where a project's re-check draws stand: its unsubstantiated clues, those drawn, those not yet decided. */
export interface DrawState {
  projectNo: number;
  population: number;
  selected: number;
  undecided: number;
}

/** 抽查 (二(三)): drawn by the task force or the re-check group, and only while some clue awaits its draw. */
export function drawViolations(actor: Actor, draws: DrawState): Violation[] {
  return [
    ...requireRole(actor, ['coordinator', 'rechecker'], '抽查'),
    ...(draws.undecided === 0
      ? [violation(409, 'nothing_to_draw', `项目 ${draws.projectNo} 暂无待抽取的查否线索（查否 ${draws.population} 条，已抽 ${draws.selected} 条）`)]
      : []),
  ];
}
