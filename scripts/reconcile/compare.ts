/**
 * Reconciliation's judgement, with no I/O: one clue's ledger row (台账) against its workflow's own
 * state (the `clueState` query, or the result of a finished workflow) and its event log
 * (clue_events). Every difference is a drift — a field that disagrees, a workflow that is missing or
 * not running for an open clue, a timeline event written twice or missing.
 */
import { isTerminal } from '../../domain/lifecycle';
import type { Stage } from '../../domain/vocabulary';
import type { ClueView } from '../../workflows/clue/definitions';

export interface LedgerRow {
  clueNo: string;
  stage: Stage;
  unitCode: string | null;
  conclusion: string | null;
  dispositions: string[];
  completedDispositions: string[];
  overdue: boolean;
  /** ISO instant, or null. */
  nextDeadline: string | null;
  escalationLevel: number;
  /** Number of the last change the ledger took from the workflow (the import is 0). */
  seq: number;
  workflowStarted: boolean;
}

export interface EventRow {
  seq: number;
  action: string;
}

export type WorkflowSide =
  | { status: 'running' | 'completed'; view: ClueView }
  | { status: 'not_found' }
  /** Failed, terminated, timed out or cancelled: it will never act again. */
  | { status: 'closed'; how: string }
  | { status: 'unreadable'; error: string };

export type DriftKind = 'field' | 'no_workflow' | 'workflow_not_running' | 'workflow_unreadable' | 'duplicate_event' | 'missing_event';

export interface Drift {
  clueNo: string;
  kind: DriftKind;
  field: string;
  ledger: unknown;
  workflow: unknown;
}

/** Actions a clue's timeline holds at most once (an escalation or a verification may repeat). */
export const ONCE_ONLY_ACTIONS: readonly string[] = [
  'imported',
  'transferred_up',
  'signoff_approved',
  'sampling_drawn',
  'sampling_not_drawn',
  'recheck_confirmed',
  'recheck_overturned',
  'classified',
  'rectification_accepted',
  'referral_outcome_recorded',
  'rule_recorded',
  'closed',
];

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
const instant = (v: string | null) => (v === null ? null : Date.parse(v));

/** The ledger fields the workflow's view also carries, as [name, ledger value, workflow value, equal?]. */
function fields(row: LedgerRow, view: ClueView): Array<[string, unknown, unknown, boolean]> {
  return [
    ['stage', row.stage, view.stage, row.stage === view.stage],
    ['unitCode', row.unitCode, view.unitCode, (row.unitCode ?? null) === (view.unitCode ?? null)],
    ['conclusion', row.conclusion, view.conclusion, (row.conclusion ?? null) === (view.conclusion ?? null)],
    ['dispositions', row.dispositions, view.dispositions, sameList(row.dispositions, view.dispositions)],
    ['completedDispositions', row.completedDispositions, view.completedDispositions, sameList(row.completedDispositions, view.completedDispositions)],
    ['escalationLevel', row.escalationLevel, view.escalationLevel, row.escalationLevel === view.escalationLevel],
    ['overdue', row.overdue, view.overdue, row.overdue === view.overdue],
    ['nextDeadline', row.nextDeadline, view.nextDeadline, instant(row.nextDeadline) === instant(view.nextDeadline)],
  ];
}

export function compareClue(row: LedgerRow, events: readonly EventRow[], wf: WorkflowSide): Drift[] {
  const out: Drift[] = [];
  const drift = (kind: DriftKind, field: string, ledger: unknown, workflow: unknown) => out.push({ clueNo: row.clueNo, kind, field, ledger, workflow });

  if (wf.status === 'not_found') drift('no_workflow', 'workflow', row.workflowStarted ? 'started' : 'not started', 'none');
  else if (wf.status === 'unreadable') drift('workflow_unreadable', 'workflow', row.stage, wf.error);
  else if (wf.status === 'closed') {
    if (!isTerminal(row.stage)) drift('workflow_not_running', 'workflow', row.stage, wf.how);
  } else {
    if (wf.status === 'completed' && !isTerminal(row.stage)) drift('workflow_not_running', 'workflow', row.stage, 'completed');
    for (const [name, ledger, workflow, equal] of fields(row, wf.view)) if (!equal) drift('field', name, ledger, workflow);
  }

  // The event log: seq 0 (the import) to the row's seq, each once; once-only actions once.
  const bySeq = new Map<number, number>();
  for (const e of events) bySeq.set(e.seq, (bySeq.get(e.seq) ?? 0) + 1);
  for (const [seq, n] of bySeq) if (n > 1) drift('duplicate_event', `event #${seq}`, n, 1);
  const missing: number[] = [];
  for (let s = 0; s <= row.seq; s++) if (!bySeq.has(s)) missing.push(s);
  if (missing.length) drift('missing_event', 'events', `seq ${row.seq}`, `missing #${missing.slice(0, 5).join(', #')}${missing.length > 5 ? ' …' : ''}`);
  const beyond = [...bySeq.keys()].filter((s) => s > row.seq);
  if (beyond.length) drift('missing_event', 'seq', row.seq, `events up to #${Math.max(...beyond)}`);
  const perAction = new Map<string, number>();
  for (const e of events) if (ONCE_ONLY_ACTIONS.includes(e.action)) perAction.set(e.action, (perAction.get(e.action) ?? 0) + 1);
  for (const [action, n] of perAction) if (n > 1) drift('duplicate_event', action, n, 1);
  return out;
}
