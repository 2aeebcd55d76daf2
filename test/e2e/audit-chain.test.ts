/**
 * The audit log a discipline inspector can trust (issue 10): paged and filtered through the API,
 * hash-chained per campaign, and an entry altered or removed behind the database's back is named
 * by the chain check.
 */
import { AuditHashChain1795800000001 } from '../../db/migrations/1795800000001-AuditHashChain';
import { verifyAuditChains } from '../../db/verify-audit';
import { createTestDatabase } from '../support/databases';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { clue } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

describe('audit log', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const campaignId = 'audit-1';

  /** What only someone with the database superuser could do: change history under the trigger. */
  const behindTheBack = async (sql: string, params: unknown[]) => {
    await s.database.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    try {
      await s.database.db.query(sql, params);
    } finally {
      await s.database.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    }
  };

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(admin).send({ ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: campaignId }).expect(201);
    await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues: [clue('AU-1', { unitCode: undefined }), clue('AU-2')] }).expect(200);
    await s.http.post(`/api/v1/clues/AU-1/dispatch?campaignId=${campaignId}`).set(admin).send({ unitCode: 'hsg-jd' }).expect(200);
    await s.http.post(`/api/v1/clues/AU-1/dispatch?campaignId=${campaignId}`).set(admin).send({ unitCode: 'syg-jd', reason: '属地调整' }).expect(200);
  });
  afterAll(() => s?.close());

  it('pages and filters the log, newest first, each entry linked to the one before it', async () => {
    const all = await s.http.get(`/api/v1/audit?campaignId=${campaignId}&pageSize=100`).set(admin).expect(200);
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(['clue.reassigned', 'clue.dispatched', 'clue.imported', 'campaign.activated', 'campaign.created']);
    const chain = [...all.body.items].reverse();
    chain.slice(1).forEach((e: { prevHash: string }, i: number) => expect(e.prevHash).toBe(chain[i].hash));

    const page2 = await s.http.get(`/api/v1/audit?campaignId=${campaignId}&pageSize=2&page=2`).set(admin).expect(200);
    expect(page2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.body.items.map((e: { action: string }) => e.action)).toEqual(['clue.imported', 'campaign.activated']);
    const clueOnly = await s.http.get(`/api/v1/audit?campaignId=${campaignId}&action=clue.&clueNo=AU-1`).set(admin).expect(200);
    expect(clueOnly.body.items.map((e: { action: string }) => e.action)).toEqual(['clue.reassigned', 'clue.dispatched', 'clue.imported']);
    const future = await s.http.get(`/api/v1/audit?campaignId=${campaignId}&from=2999-01-01T00:00:00Z`).set(admin).expect(200);
    expect(future.body.total).toBe(0);
    await s.http.get(`/api/v1/audit?from=yesterday`).set(admin).expect(400);
  });

  it('holds untouched, and names the first entry changed or removed behind the database', async () => {
    expect((await verifyAuditChains(s.database.db, campaignId)).breaks).toEqual([]);
    const entries = await s.database.db.query<{ id: string; action: string }>(`SELECT id, action FROM audit_log WHERE campaign_id = $1 ORDER BY id`, [campaignId]);
    const dispatched = entries.find((e) => e.action === 'clue.dispatched')!;
    await behindTheBack(`UPDATE audit_log SET detail = jsonb_set(detail, '{unitCode}', '"jb-glq"') WHERE id = $1`, [dispatched.id]);
    expect((await verifyAuditChains(s.database.db, campaignId)).breaks).toEqual([
      expect.objectContaining({ id: dispatched.id, action: 'clue.dispatched', entityId: 'AU-1', problem: 'content_changed' }),
    ]);
    await behindTheBack(`DELETE FROM audit_log WHERE id = $1`, [dispatched.id]);
    const reassigned = entries.find((e) => e.action === 'clue.reassigned')!;
    expect((await verifyAuditChains(s.database.db, campaignId)).breaks).toEqual([expect.objectContaining({ id: reassigned.id, problem: 'link_broken' })]);
    // Other campaigns' chains are their own: the token chain (no campaign) still holds.
    const everything = await verifyAuditChains(s.database.db);
    expect(everything.breaks.map((b) => b.campaignId)).toEqual([campaignId]);
  });
});

describe('the hash chain migration', () => {
  it('chains the entries written before it, in the order they were written', async () => {
    const t = await createTestDatabase('postgres');
    try {
      const migration = new AuditHashChain1795800000001();
      const runner = t.db.dataSource.createQueryRunner();
      try {
        await migration.down(runner);
        // Entries as the first version wrote them: no hashes, instants with microseconds.
        for (const [key, campaign, at] of [
          ['a', 'c-1', '2024-08-01 09:00:00.123456+08'],
          ['b', null, '2024-08-01 09:00:01+08'],
          ['c', 'c-1', '2024-08-02 10:00:00.5+08'],
        ]) {
          await runner.query(
            `INSERT INTO audit_log (idempotency_key, at, actor_name, actor_role, action, campaign_id, entity_type, entity_id, detail)
             VALUES ($1, $2, '区专班', 'coordinator', 'clue.dispatched', $3, 'clue', 'X-1', '{"unitCode":"hsg-jd"}')`,
            [key, at, campaign],
          );
        }
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const report = await verifyAuditChains(t.db);
      expect(report).toMatchObject({ chains: 2, entries: 3, breaks: [] });
      const [first, , third] = await t.db.query<{ prev_hash: string; hash: string }>(`SELECT prev_hash, hash FROM audit_log ORDER BY id`);
      expect(third.prev_hash).toBe(first.hash);
    } finally {
      await t.drop();
    }
  });
});
