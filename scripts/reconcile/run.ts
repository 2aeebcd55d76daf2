/**
 * Reconciliation's I/O: pages through a campaign's ledger, reads each page's event log in one query,
 * asks Temporal's visibility which clue workflows exist and how they stand, queries the running ones
 * (and reads the result of the finished ones) with bounded concurrency, and judges each clue with
 * compareClue. A drift seen once is looked at again after a pause: an action in flight changes the
 * workflow a moment before its ledger write lands, and that is not a drift.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Database } from '../../db/database';
import { clueStateQuery, clueWorkflowId, type ClueView } from '../../workflows/clue/definitions';
import { compareClue, type Drift, type EventRow, type LedgerRow, type WorkflowSide } from './compare';

export interface ReconcileOptions {
  concurrency: number;
  /** Ledger rows per page. */
  pageSize?: number;
  /** Pause before a drift is looked at again (ms). */
  settleMs?: number;
  onProgress?: (checked: number, total: number) => void;
}

export interface ReconcileResult {
  campaignId: string;
  clues: number;
  drifts: Drift[];
  /** Workflows of the campaign that have no ledger row. */
  workflowsWithoutRow: string[];
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

interface Listed {
  status: string;
  runId: string;
  startTime: number;
}

/** Every clue workflow of the campaign, latest run per id, from visibility (one paged scan). */
async function listWorkflows(temporal: Client, campaignId: string): Promise<Map<string, Listed>> {
  const out = new Map<string, Listed>();
  const query = `CampaignId = '${campaignId.replace(/'/g, "''")}' AND WorkflowType = 'clueWorkflow'`;
  for await (const w of temporal.workflow.list({ query, pageSize: 1000 })) {
    const seen = out.get(w.workflowId);
    const startTime = w.startTime.getTime();
    if (!seen || seen.startTime < startTime) out.set(w.workflowId, { status: w.status.name, runId: w.runId, startTime });
  }
  return out;
}

async function readRows(db: Database, campaignId: string, after: string, limit: number, only?: string[]): Promise<LedgerRow[]> {
  const rows = await db.query(
    `SELECT clue_no, stage, unit_code, conclusion, dispositions, completed_dispositions, overdue, next_deadline, escalation_level, seq,
            workflow_started_at IS NOT NULL AS started
       FROM clues WHERE campaign_id = $1 AND ${only ? 'clue_no = ANY($2)' : 'clue_no > $2'} ORDER BY clue_no LIMIT $3`,
    [campaignId, only ?? after, only ? only.length : limit],
  );
  return rows.map((r) => ({
    clueNo: r.clue_no,
    stage: r.stage,
    unitCode: r.unit_code,
    conclusion: r.conclusion,
    dispositions: r.dispositions,
    completedDispositions: r.completed_dispositions,
    overdue: r.overdue,
    nextDeadline: r.next_deadline === null ? null : new Date(r.next_deadline).toISOString(),
    escalationLevel: r.escalation_level,
    seq: r.seq,
    workflowStarted: r.started,
  }));
}

async function readEvents(db: Database, campaignId: string, clueNos: string[]): Promise<Map<string, EventRow[]>> {
  const rows = await db.query<{ clue_no: string; seq: number; action: string }>(
    `SELECT clue_no, seq, action FROM clue_events WHERE campaign_id = $1 AND clue_no = ANY($2)`,
    [campaignId, clueNos],
  );
  const out = new Map<string, EventRow[]>();
  for (const r of rows) {
    let list = out.get(r.clue_no);
    if (!list) out.set(r.clue_no, (list = []));
    list.push({ seq: r.seq, action: r.action });
  }
  return out;
}

async function workflowSide(temporal: Client, campaignId: string, clueNo: string, listed: Listed | undefined): Promise<WorkflowSide> {
  const handle = temporal.workflow.getHandle(clueWorkflowId(campaignId, clueNo));
  try {
    // Visibility lags a little behind: what it does not list yet is described directly.
    const status = listed?.status ?? (await handle.describe()).status.name;
    if (status === 'RUNNING') return { status: 'running', view: await handle.query(clueStateQuery) };
    if (status === 'COMPLETED') return { status: 'completed', view: (await handle.result()) as ClueView };
    if (status === 'CONTINUED_AS_NEW') return { status: 'running', view: await handle.query(clueStateQuery) };
    return { status: 'closed', how: status.toLowerCase() };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as { name?: string }).name === 'WorkflowNotFoundError') return { status: 'not_found' };
    return { status: 'unreadable', error: (err as Error).message.slice(0, 200) };
  }
}

export async function reconcileCampaign(db: Database, temporal: Client, campaignId: string, o: ReconcileOptions): Promise<ReconcileResult> {
  const t0 = performance.now();
  const pageSize = o.pageSize ?? 1000;
  const [{ n: total }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = $1`, [campaignId]);
  const listed = await listWorkflows(temporal, campaignId);
  const seen = new Set<string>();
  const suspects = new Set<string>();
  let checked = 0;

  const judge = async (rows: LedgerRow[]): Promise<Drift[]> => {
    const events = await readEvents(db, campaignId, rows.map((r) => r.clueNo));
    const drifts: Drift[] = [];
    await pool(rows, o.concurrency, async (row) => {
      const id = clueWorkflowId(campaignId, row.clueNo);
      seen.add(id);
      drifts.push(...compareClue(row, events.get(row.clueNo) ?? [], await workflowSide(temporal, campaignId, row.clueNo, listed.get(id))));
    });
    return drifts;
  };

  for (let after = ''; ; ) {
    const rows = await readRows(db, campaignId, after, pageSize);
    if (!rows.length) break;
    for (const d of await judge(rows)) suspects.add(d.clueNo);
    checked += rows.length;
    o.onProgress?.(checked, total);
    after = rows[rows.length - 1].clueNo;
  }

  // A second look at each suspect, with fresh visibility: what still differs is a drift.
  let drifts: Drift[] = [];
  if (suspects.size) {
    await sleep(o.settleMs ?? 3000);
    listed.clear();
    const again = [...suspects];
    for (let i = 0; i < again.length; i += pageSize) {
      drifts.push(...(await judge(await readRows(db, campaignId, '', 0, again.slice(i, i + pageSize)))));
    }
    drifts = drifts.sort((a, b) => a.clueNo.localeCompare(b.clueNo));
  }
  const workflowsWithoutRow = [...(await listWorkflows(temporal, campaignId)).keys()].filter((id) => !seen.has(id)).sort();
  return { campaignId, clues: checked, drifts, workflowsWithoutRow, seconds: (performance.now() - t0) / 1000 };
}
