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
