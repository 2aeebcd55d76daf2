/**
 * Starts resume by themselves (issue 10): clues the ledger holds without a workflow — the API died
 * right after an import committed, before it asked the campaign to start them — are found by the
 * campaign's sweep and started, with no re-import. The sweep is a durable timer of the campaign
 * workflow, so it survives any worker or API restart. Time-skipping server, real activities and
 * PostgreSQL.
 */
import request from 'supertest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../common/config';
import { campaignEndsAt } from '../../domain/campaign';
import { initialStage } from '../../domain/lifecycle';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { TASK_QUEUE } from '../../temporal.config';
import { activationUpdate, campaignWorkflowId } from '../../workflows/campaign/definitions';
import { clueStateQuery, clueWorkflowId } from '../../workflows/clue/definitions';
import { startEngine, type Engine } from '../support/engine';
import { clue } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

describe('clues imported but never started', () => {
  let e: Engine;
  const campaign = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'resume-1' };

  beforeAll(async () => {
    e = await startEngine(campaign);
  });
  afterAll(() => e?.close());

  const started = async () =>
    (await e.t.db.query<{ n: number }>(`SELECT count(workflow_started_at)::int AS n FROM clues WHERE campaign_id = $1`, [campaign.id]))[0].n;

  it('are started by the campaign within minutes, with no re-import', async () => {
    const stored = await e.t.db.run((em) => em.query(`SELECT timezone, document, deadlines FROM campaigns WHERE id = $1`, [campaign.id]));
    const handle = await e.env.client.workflow.start('campaignWorkflow', {
      workflowId: campaignWorkflowId(campaign.id),
      taskQueue: TASK_QUEUE,
      args: [{ campaignId: campaign.id, endsAt: campaignEndsAt(stored[0]) }],
    });
    await handle.executeUpdate(activationUpdate);
    // What an import writes before it asks the campaign to start the clues — and then the API is gone.
    const rows = [clue('R-1'), clue('R-2', { unitCode: undefined }), clue('R-3', { projectNo: 9 })];
    for (const c of rows) {
      await e.t.db.query(
        `INSERT INTO clues (campaign_id, clue_no, project_no, unit_code, subject_name, subject_id_no, community, clue_type, description, amount_involved, stage, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() - interval '10 minutes')`,
        [campaign.id, c.clueNo, c.projectNo, c.unitCode ?? null, c.subjectName, c.subjectIdNo, c.community, c.clueType, c.description, c.amountInvolved, initialStage(c.unitCode)],
      );
    }
    expect(await started()).toBe(0);
    // Nothing asks for them; the next sweep (every 5 minutes of the campaign's time) finds them.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await started()).toBe(0);
    await e.env.sleep(6 * 60_000);
    for (let i = 0; i < 100 && (await started()) < rows.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await started()).toBe(rows.length);
    for (const c of rows) {
      const view = await e.env.client.workflow.getHandle(clueWorkflowId(campaign.id, c.clueNo)).query(clueStateQuery);
      expect(view.stage).toBe(initialStage(c.unitCode));
    }
  });
});

describe('an API restarted after dying between an import and its start request', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const campaignId = 'resume-2';

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(admin).send({ ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: campaignId }).expect(201);
  });
  afterAll(() => s?.close());

  it('asks the campaign to start what the ledger holds without a workflow, as soon as it is back', async () => {
    const rows = [clue('AR-1'), clue('AR-2', { unitCode: undefined })];
    for (const c of rows) {
      await s.database.db.query(
        `INSERT INTO clues (campaign_id, clue_no, project_no, unit_code, subject_name, subject_id_no, community, clue_type, description, amount_involved, stage, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() - interval '2 minutes')`,
        [campaignId, c.clueNo, c.projectNo, c.unitCode ?? null, c.subjectName, c.subjectIdNo, c.community, c.clueType, c.description, c.amountInvolved, initialStage(c.unitCode)],
      );
    }
    // The API process comes back: a new app over the same database and Temporal.
    const restarted = await createApp({ config: loadConfig({ DATA_DIR: '/tmp/clueflow-test' }), db: s.database.db, temporal: s.env.client, adminToken: ADMIN });
    await restarted.init();
    try {
      const list = async () => (await request(restarted.getHttpServer()).get(`/api/v1/clues?campaignId=${campaignId}`).set(admin).expect(200)).body.items;
      for (let i = 0; i < 150 && !(await list()).every((c: { workflowStarted: boolean }) => c.workflowStarted); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await list()).map((c: { clueNo: string; workflowStarted: boolean; stage: string }) => [c.clueNo, c.workflowStarted, c.stage])).toEqual([
        ['AR-1', true, 'verifying'],
        ['AR-2', true, 'received'],
      ]);
    } finally {
      await restarted.close();
    }
  });
});
