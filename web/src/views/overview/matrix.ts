import type { LocationQueryRaw, RouteLocationRaw } from 'vue-router';
import type { Stage } from '@domain/vocabulary';
import type { StageCount } from '@/api/types';

/** One row of a stage matrix (StageMatrix.vue): a unit, a department or a project. */
export interface MatrixRow {
  key: string;
  name: string;
  /** Its own page, if it has one. */
  to?: RouteLocationRaw;
  /** The clue-list filter that selects this row's clues. */
  filter: LocationQueryRaw;
  byStage: Partial<Record<Stage, StageCount>>;
  total: number;
  open: number;
  overdue: number;
  maxLevel: number;
}
