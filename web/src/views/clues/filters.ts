/** The clue list's filters as they stand in the URL query and as GET /clues and the export take them. */
import type { LocationQuery } from 'vue-router';
import { STAGES } from '@domain/vocabulary';
import type { ClueFilter, ClueSort } from '@/api/types';
import { bool, int, oneOf, text } from '@/utils/query';

export const SORTS: readonly ClueSort[] = ['deadline', '-deadline', 'clueNo'];
export const PAGE_SIZES = [20, 50, 100, 200];

export interface ClueListState extends ClueFilter {
  sort?: ClueSort;
  page: number;
  pageSize: number;
}

export function fromQuery(q: LocationQuery): ClueListState {
  return {
    unitCode: text(q, 'unitCode'),
    department: text(q, 'department'),
    projectNo: int(q, 'projectNo'),
    stage: oneOf(q, 'stage', STAGES),
    overdue: bool(q, 'overdue'),
    escalationLevel: int(q, 'escalationLevel'),
    q: text(q, 'q'),
    sort: oneOf(q, 'sort', SORTS),
    page: int(q, 'page') ?? 1,
    pageSize: int(q, 'pageSize') ?? PAGE_SIZES[0],
  };
}

/** The filter part alone (what the export takes). */
export function filterOf(s: ClueListState): ClueFilter {
  return {
    unitCode: s.unitCode,
    department: s.department,
    projectNo: s.projectNo,
    stage: s.stage,
    overdue: s.overdue,
    escalationLevel: s.escalationLevel,
    q: s.q,
  };
}
