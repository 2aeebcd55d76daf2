import { ADMIN, startStack, type Stack } from '../support/stack';
import { clue, planDocument } from '../support/fixtures';
import { searchAttributes } from '../../temporal.config';

jest.setTimeout(120_000);

describe('HTTP API on a real Temporal dev server and PostgreSQL', () => {
  let s: Stack;
  const auth = { Authorization: `Bearer ${ADMIN}` };
  beforeAll(async () => {
    s = await startStack('postgres');
  });
  afterAll(() => s?.close());

  it('reports health without a token', async () => {
    const res = await s.http.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
  });

  it('refuses requests without a valid token', async () => {
    const none = await s.http.get('/api/v1/campaigns').expect(401);
    expect(none.body).toMatchObject({ error: 'unauthorized' });
    await s.http.get('/api/v1/campaigns').set('Authorization', 'Bearer nope').expect(401);
  });

  it('creates a campaign through its workflow and reads it back from the ledger', async () => {
    const res = await s.http.post('/api/v1/campaigns').set(auth).send(planDocument('api-1')).expect(201);
    expect(res.body).toMatchObject({ id: 'api-1', status: 'active', deadlines: { verification: '2024-08-30' } });
    expect(res.body.units).toHaveLength(6);
    expect(res.body.projects).toHaveLength(30);
    const again = await s.http.post('/api/v1/campaigns').set(auth).send(planDocument('api-1')).expect(409);
    expect(again.body.error).toBe('campaign_exists');
    const audit = await s.http.get('/api/v1/audit?campaignId=api-1').set(auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['campaign.created', 'campaign.activated']),
    );
  });

  it('rejects a malformed campaign with one detail per field and stores nothing', async () => {
    const doc = planDocument('api-bad', { timezone: 'Mars/Olympus', deadlines: { mobilization: '2024-08-08' } });
    const res = await s.http.post('/api/v1/campaigns').set(auth).send(doc).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['deadlines.verification']));
    await s.http.get('/api/v1/campaigns/api-bad').set(auth).expect(404);
  });

  it('scopes unit tokens to their own unit', async () => {
    await s.http
      .post('/api/v1/campaigns/api-1/clues')
      .set(auth)
      .send({ clues: [clue('S1', { unitCode: 'hsg-jd' }), clue('S2', { unitCode: 'syg-jd' })] })
      .expect(200);
    const issued = await s.http
      .post('/api/v1/tokens')
      .set(auth)
      .send({ role: 'unit_officer', unitCode: 'hsg-jd', name: '黄石港街道核查组' })
      .expect(201);
    expect(issued.body).toMatchObject({ role: 'unit_officer', unitCode: 'hsg-jd' });
    const unit = { Authorization: `Bearer ${issued.body.token}` };
    const list = await s.http.get('/api/v1/clues?campaignId=api-1').set(unit).expect(200);
    expect(list.body.items.map((c: { clueNo: string }) => c.clueNo)).toEqual(['S1']);
    expect(list.body.items[0].subjectIdNo).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await s.http.get('/api/v1/clues/S2?campaignId=api-1').set(unit).expect(404);
    const forbidden = await s.http.post('/api/v1/tokens').set(unit).send({ role: 'coordinator', name: 'x' }).expect(403);
    expect(forbidden.body.error).toBe('forbidden');
    await s.http.post('/api/v1/clues/S2/dispatch?campaignId=api-1').set(unit).send({ unitCode: 'hsg-jd' }).expect(404);
  });

  it('lets engineers find clues in Temporal by their search attributes', async () => {
    // Visibility is eventually consistent on the dev server: ask until it has caught up (10 s at most).
    const eventually = async <T>(read: () => Promise<T>, expected: T): Promise<T> => {
      let value = await read();
      for (let i = 0; i < 50 && JSON.stringify(value) !== JSON.stringify(expected); i++) {
        await new Promise((r) => setTimeout(r, 200));
        value = await read();
      }
      return value;
    };
    const count = async (query: string) => (await s.env.client.workflow.count(query)).count;
    const list = async (query: string) => {
      const found: Array<[string, number | undefined]> = [];
      for await (const w of s.env.client.workflow.list({ query })) found.push([w.workflowId, w.typedSearchAttributes.get(searchAttributes.EscalationLevel)]);
      return found;
    };
    const verifying = `CampaignId = 'api-1' AND UnitCode = 'hsg-jd' AND ClueStage = 'verifying' AND ProjectNo = 4 AND Overdue = true`;
    expect(await eventually(() => count(verifying), 1)).toBe(1);
    expect(await count(`CampaignId = 'api-1' AND ClueStage = 'closed'`)).toBe(0);
    // The 2024 plan's verification deadline is long past: escalated to the discipline commission (level 4).
    expect(await eventually(() => list(`CampaignId = 'api-1' AND UnitCode = 'syg-jd'`), [['clue-api-1-S2', 4]])).toEqual([['clue-api-1-S2', 4]]);
  });

  it('serves the OpenAPI document', async () => {
    const res = await s.http.get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/clues/{clueNo}/verification', '/api/v1/campaigns']));
  });
});
