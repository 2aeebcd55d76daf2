/**
 * The re-check draw that no one asks for: a project whose clues are not all concluded is drawn by
 * its sampler's timer at the verification deadline (time-skipping server, real activities, PostgreSQL).
 */
import { ClueImportService } from '../../api/clues/clue-import.service';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { clueStateQuery, clueWorkflowId, signoffUpdate, verificationUpdate } from '../../workflows/clue/definitions';
import type { Actor } from '../../domain/vocabulary';
import { waitFor as poll } from '../support/wait';
import { startEngine, type Engine } from '../support/engine';
import { clue, fullWork } from '../support/fixtures';

jest.setTimeout(120_000);

const coordinator: Actor = { name: '区专班', role: 'coordinator' };
const officer: Actor = { name: '核查员', role: 'unit_officer', unitCode: 'hsg-jd' };
const leader: Actor = { name: '街道书记', role: 'unit_leader', unitCode: 'hsg-jd' };

describe('re-check sampling at the verification deadline', () => {
  let e: Engine;
  const campaign = shiftedPlan(localDate(Date.now(), 'Asia/Shanghai'));
  beforeAll(async () => {
    e = await startEngine(campaign);
  });
  afterAll(() => e?.close());

  const handle = (no: string) => e.env.client.workflow.getHandle(clueWorkflowId(campaign.id, no));
  const ledger = async (no: string) => (await e.t.db.query(`SELECT * FROM clues WHERE campaign_id = $1 AND clue_no = $2`, [campaign.id, no]))[0];
  const draws = () => e.t.db.query(`SELECT draw_no, population_size, required, selected FROM sampling_draws WHERE campaign_id = $1 AND project_no = 8`, [campaign.id]);
  const waitFor = (what: () => Promise<boolean>, label: string) => poll(what, label, 300);

  it('waits while the project has unverified clues, then draws at the deadline and the drawn clue goes to re-check', async () => {
    await new ClueImportService(e.t.db, e.env.client).import(coordinator, campaign.id, [clue('D1', { projectNo: 8 }), clue('D2', { projectNo: 8 })]);
    await handle('D1').executeUpdate(verificationUpdate, {
      args: [{ actor: officer, ...fullWork, conclusion: 'unsubstantiated', findings: '核实无此问题' }],
    });
    await handle('D1').executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] });
    await waitFor(async () => (await ledger('D1')).stage === 'awaiting_sampling', 'D1 awaiting sampling');

    const dueAt = Date.parse((await handle('D2').query(clueStateQuery)).nextDeadline!);
    // A day before the deadline D2 is still unverified: no draw, D1 keeps waiting.
    await e.env.sleep(dueAt - Date.now() - 86_400_000);
    expect(await draws()).toEqual([]);
    expect((await handle('D1').query(clueStateQuery)).stage).toBe('awaiting_sampling');

    await e.env.sleep(86_400_000 + 60_000);
    await waitFor(async () => (await ledger('D1')).stage === 'rechecking', 'D1 drawn at the deadline');
    expect(await draws()).toEqual([{ draw_no: 1, population_size: 1, required: 1, selected: ['D1'] }]);
    const [drawn] = await e.t.db.query<{ at: Date }>(
      `SELECT at FROM clue_events WHERE campaign_id = $1 AND clue_no = 'D1' AND action = 'sampling_drawn'`,
      [campaign.id],
    );
    expect(drawn.at.getTime()).toBeGreaterThanOrEqual(dueAt);
    expect(await ledger('D2')).toMatchObject({ stage: 'verifying', overdue: true });
  });
});
