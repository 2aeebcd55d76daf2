/** Reconciliation's judgement: the ledger row against the workflow's state and the event log. */
import { compareClue, type EventRow, type LedgerRow } from '../../scripts/reconcile/compare';
import type { ClueView } from '../../workflows/clue/definitions';

const row: LedgerRow = {
  clueNo: 'C1',
  stage: 'disposing',
  unitCode: 'hsg-jd',
  conclusion: 'substantiated',
  dispositions: ['referral', 'rectification'],
  completedDispositions: ['referral'],
  overdue: false,
  nextDeadline: '2024-10-10T15:59:59.999Z',
  escalationLevel: 0,
  seq: 4,
  workflowStarted: true,
};
const view: ClueView = {
  campaignId: 'c',
  clueNo: 'C1',
  stage: 'disposing',
  unitCode: 'hsg-jd',
  conclusion: 'substantiated',
  dispositions: ['rectification', 'referral'],
  completedDispositions: ['referral'],
  overdue: false,
  nextDeadline: '2024-10-10T15:59:59.999+00:00',
  escalationLevel: 0,
};
const events: EventRow[] = ['imported', 'verification_submitted', 'signoff_approved', 'classified', 'referral_outcome_recorded'].map((action, seq) => ({ seq, action }));

describe('compareClue', () => {
  it('finds nothing when the ledger, the workflow and the log agree (order of dispositions and instant notation aside)', () => {
    expect(compareClue(row, events, { status: 'running', view })).toEqual([]);
  });

  it('names each field that differs, with both values', () => {
    const drifts = compareClue({ ...row, stage: 'classifying', escalationLevel: 2 }, events, { status: 'running', view });
    expect(drifts).toEqual([
      { clueNo: 'C1', kind: 'field', field: 'stage', ledger: 'classifying', workflow: 'disposing' },
      { clueNo: 'C1', kind: 'field', field: 'escalationLevel', ledger: 2, workflow: 0 },
    ]);
  });

  it('reports a clue with no workflow, and an open clue whose workflow ended', () => {
    expect(compareClue(row, events, { status: 'not_found' })).toEqual([{ clueNo: 'C1', kind: 'no_workflow', field: 'workflow', ledger: 'started', workflow: 'none' }]);
    expect(compareClue(row, events, { status: 'closed', how: 'terminated' })).toEqual([
      { clueNo: 'C1', kind: 'workflow_not_running', field: 'workflow', ledger: 'disposing', workflow: 'terminated' },
    ]);
    expect(compareClue(row, events, { status: 'completed', view })[0]).toMatchObject({ kind: 'workflow_not_running' });
    const closed = { ...row, stage: 'closed' as const };
    expect(compareClue(closed, events, { status: 'closed', how: 'terminated' })).toEqual([]);
  });

  it('reports events written twice, once-only actions repeated, and gaps in the log', () => {
    const twice = [...events, { seq: 3, action: 'classified' }];
    expect(compareClue(row, twice, { status: 'running', view }).map((d) => [d.kind, d.field])).toEqual([
      ['duplicate_event', 'event #3'],
      ['duplicate_event', 'classified'],
    ]);
    const gap = events.filter((e) => e.seq !== 2);
    expect(compareClue(row, gap, { status: 'running', view })).toEqual([{ clueNo: 'C1', kind: 'missing_event', field: 'events', ledger: 'seq 4', workflow: 'missing #2' }]);
    const ahead = [...events, { seq: 5, action: 'rectification_reported' }];
    expect(compareClue(row, ahead, { status: 'running', view })).toEqual([{ clueNo: 'C1', kind: 'missing_event', field: 'seq', ledger: 4, workflow: 'events up to #5' }]);
    const escalations = [...events, { seq: 5, action: 'escalated' }, { seq: 6, action: 'escalated' }];
    expect(compareClue({ ...row, seq: 6 }, escalations, { status: 'running', view })).toEqual([]);
  });
});
