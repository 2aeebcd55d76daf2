import type { LocationQueryRaw, RouteLocationRaw } from 'vue-router';
import { verificationRate } from '@domain/figures';
import { UNVERIFIED_STAGES } from '@domain/lifecycle';
import type { Stage } from '@domain/vocabulary';
import type { StageCell } from '@/api/types';

/** One row of a stage matrix (StageMatrix.vue): a unit, a department or a project. */
export interface MatrixRow {
  key: string;
  name: string;
  /** Its own page, if it has one. */
  to?: RouteLocationRaw;
  /** The clue-list filter that selects this row's clues. */
  filter: LocationQueryRaw;
  /** GET /overview's `byStage`: per stage `{ count, overdue }`, stages without clues left out. */
  byStage: Readonly<Record<string, unknown>>;
  total: number;
  open: number;
  overdue: number;
  maxLevel: number;
}

const int = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

/**
 * A row's clues in one stage. The OpenAPI document describes `byStage` only in words (its values
 * have no schema), so the cell is read field by field; a stage without clues is absent.
 */
export function stageCell(row: Pick<MatrixRow, 'byStage'>, stage: Stage): StageCell {
  const cell = row.byStage[stage];
  if (typeof cell !== 'object' || cell === null) return { count: 0, overdue: 0 };
  const { count, overdue } = cell as Record<string, unknown>;
  return { count: int(count), overdue: int(overdue) };
}

/**
 * 核查率 of a row, counted as domain/figures counts the campaign's: clues past sign-off over the
 * clues to verify, transferred ones left out of both.
 */
export function rowVerificationRate(row: Pick<MatrixRow, 'byStage' | 'total'>): number {
  const unverified = UNVERIFIED_STAGES.reduce((n, s) => n + stageCell(row, s).count, 0);
  const transferred = stageCell(row, 'transferred').count;
  return verificationRate({ total: row.total, verified: row.total - unverified - transferred, transferred });
}
