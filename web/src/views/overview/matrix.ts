import type { LocationQueryRaw, RouteLocationRaw } from 'vue-router';
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
export function stageCell(row: MatrixRow, stage: Stage): StageCell {
  const cell = row.byStage[stage];
  if (typeof cell !== 'object' || cell === null) return { count: 0, overdue: 0 };
  const { count, overdue } = cell as Record<string, unknown>;
  return { count: int(count), overdue: int(overdue) };
}
