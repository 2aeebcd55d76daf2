/**
 * Limits a client meets when it retries, floods or outlives its token (issue 10), on the real
 * stack: Idempotency-Key replays instead of acting twice, per-token rate limits answer 429 with
 * Retry-After, revoked tokens stop at once, and an action whose ledger write cannot finish answers
 * 202 within the bound and completes by itself; one the engine does not take at all answers 503.
 */
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { clue } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(180_000);

const RATE_LIMIT = 40;

describe('retries, floods and revoked tokens', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const campaignId = 'abuse-1';
  const plan = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: campaignId };
  const events = async (clueNo: string) =>
    (await s.database.db.query<{ action: string }>(`SELECT action FROM clue_events WHERE campaign_id = $1 AND clue_no = $2 ORDER BY seq`, [campaignId, clueNo])).map((e) => e.action);
  const issue = async (name: string, role: string, unitCode?: string) =>
    ({ Authorization: `Bearer ${(await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201)).body.token}` });

  beforeAll(async () => {
    s = await startStack('postgres', { CLUEFLOW_RATE_LIMIT: String(RATE_LIMIT) });
    await s.http.post('/api/v1/campaigns').set(admin).send(plan).expect(201);
    await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues: [clue('I-1', { unitCode: undefined }), clue('P-1'), clue('B-1', { unitCode: undefined })] }).expect(200);
  });
  afterAll(() => s?.close());

  it('replays the first reply to a retried request with the same Idempotency-Key and acts once', async () => {
    const send = (key: string, unitCode: string) =>
      s.http.post(`/api/v1/clues/I-1/dispatch?campaignId=${campaignId}`).set(admin).set('Idempotency-Key', key).send({ unitCode });
    const first = await send('dispatch-I-1-a', 'hsg-jd').expect(200);
    const again = await send('dispatch-I-1-a', 'hsg-jd').expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await events('I-1')).toEqual(['imported', 'dispatched']);
    const other = await send('dispatch-I-1-a', 'syg-jd').expect(422);
    expect(other.body.error).toBe('idempotency_key_reused');
    // A refusal is the answer to its key too: the retry gets the same 409, not a second try.
    const refused = await send('dispatch-I-1-b', 'hsg-jd').expect(409);
    expect((await send('dispatch-I-1-b', 'hsg-jd').expect(409)).body).toEqual(refused.body);
    expect(await events('I-1')).toEqual(['imported', 'dispatched']);
  });

  it('stops a revoked token at once and lists tokens without their secrets', async () => {
    const officer = await issue('撤销测试', 'unit_officer', 'hsg-jd');
    await s.http.get(`/api/v1/clues?campaignId=${campaignId}`).set(officer).expect(200);
    const list = await s.http.get('/api/v1/tokens').set(admin).expect(200);
    const mine = list.body.items.find((t: { name: string }) => t.name === '撤销测试');
    expect(mine).toMatchObject({ role: 'unit_officer', unitCode: 'hsg-jd', revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(officer.Authorization.slice(7));
    await s.http.get('/api/v1/tokens').set(officer).expect(403);
    await s.http.delete(`/api/v1/tokens/${mine.id}`).set(admin).expect(200);
    const after = await s.http.get(`/api/v1/clues?campaignId=${campaignId}`).set(officer).expect(401);
    expect(after.body.error).toBe('unauthorized');
    await s.http.delete(`/api/v1/tokens/${mine.id}`).set(admin).expect(409);
    await s.http.delete('/api/v1/tokens/not-a-uuid').set(admin).expect(400);
  });

  it('answers 202 when the ledger write is held up, and the ledger catches up by itself', async () => {
    // Hold the clue's ledger row in another transaction, as a stalled database would.
    const lock = await s.database.db.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query(`SELECT 1 FROM clues WHERE campaign_id = $1 AND clue_no = 'P-1' FOR UPDATE`, [campaignId]);
    const started = Date.now();
    const reassign = await s.http.post(`/api/v1/clues/P-1/dispatch?campaignId=${campaignId}`).set(admin).send({ unitCode: 'syg-jd', reason: '属地调整' });
    expect(reassign.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(reassign.body).toMatchObject({ accepted: true, location: `/api/v1/clues/P-1?campaignId=${campaignId}` });
    expect(reassign.headers.location).toBe(reassign.body.location);
    await lock.rollbackTransaction();
    await lock.release();
    for (let i = 0; i < 100 && (await events('P-1')).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await events('P-1')).toEqual(['imported', 'reassigned']);
    const clueNow = await s.http.get(reassign.body.location).set(admin).expect(200);
    expect(clueNow.body).toMatchObject({ unitCode: 'syg-jd', stage: 'verifying' });
  });

  it('answers 503 rather than hang when the engine takes no action within two bounds, and says to look before retrying', async () => {
    await s.stopWorker(); // no worker: the update is neither accepted nor refused
    const started = Date.now();
    const res = await s.http.post(`/api/v1/clues/B-1/dispatch?campaignId=${campaignId}`).set(admin).send({ unitCode: 'hsg-jd' });
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ error: 'service_unavailable', message: expect.stringContaining(`/api/v1/clues/B-1?campaignId=${campaignId}`) });
    // The engine kept the request: once a worker is back the action takes effect, once.
    await s.startWorker();
    for (let i = 0; i < 200 && (await events('B-1')).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await events('B-1')).toEqual(['imported', 'dispatched']);
  });

  it('answers 429 with Retry-After once a token passes its rate, and other tokens go on', async () => {
    const flood = await issue('刷屏', 'inspector');
    let limited: { status: number; headers: Record<string, string>; body: { error: string } } | undefined;
    for (let i = 0; i < RATE_LIMIT + 5 && !limited; i++) {
      const res = await s.http.get('/api/v1/campaigns').set(flood);
      if (res.status === 429) limited = res as never;
    }
    expect(limited).toBeDefined();
    expect(limited!.body.error).toBe('too_many_requests');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    await s.http.get('/api/v1/campaigns').set(await issue('安静', 'inspector')).expect(200);
  });
});
