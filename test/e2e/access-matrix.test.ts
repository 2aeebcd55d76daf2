/**
 * Every route × every role × its own unit or another (issue 10), on the real stack. The table
 * below says who may use each route; the test first checks it lists exactly the routes of the
 * OpenAPI document, so a new route fails here until someone decides who may use it.
 *
 * Expected: a role the route does not admit gets 403; a unit-scoped token (unit officer, unit
 * leader, department) asking about another unit's clue or report gets 404 — it learns nothing,
 * not even that it exists — before any question of role; an admitted role gets neither 401 nor 403.
 * The requests an admitted role sends are refused by a rule (stage, content) wherever they would
 * change a clue, so the matrix runs against one unchanging set of clues.
 */
import { isUnitScoped } from '../../domain/access';
import { localDate } from '../../domain/time';
import { ROLES, type Role } from '../../domain/vocabulary';
import { shiftedPlan, withDemoContacts } from '../../db/seed/demo';
import { clue, goodTeam } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(240_000);

type Target = 'own' | 'other';
interface Route {
  /** Roles admitted; 'any' = every role with a token; 'public' = no token needed. */
  roles: readonly Role[] | 'any' | 'public';
  /** The route concerns one clue or one unit's report: unit-scoped tokens see only their own. */
  scoped?: 'clue' | 'report';
  /** Path parameters and body for the request; `t` is the own/other target. */
  path: (t: Target) => string;
  body?: (t: Target) => object;
}

const C = 'scope-1';
/** S-OWN: verified by hsg-jd, project 4 (区民政局 civil). S-OTHER: syg-jd, project 1 (区教育局 edu). */
const clueOf = (t: Target) => (t === 'own' ? 'S-OWN' : 'S-OTHER');
const unitOf = (t: Target) => (t === 'own' ? 'hsg-jd' : 'syg-jd');
const clueAction = (action: string, body: object = {}): Route => ({
  roles: 'any',
  scoped: 'clue',
  path: (t) => `/api/v1/clues/${clueOf(t)}/${action}?campaignId=${C}`,
  body: () => body,
});
const ANY_UUID = '00000000-0000-4000-8000-000000000000';

/** Who may do what. The clue actions' roles are the workflow validators' (domain/clue-rules). */
const ROUTES: Record<string, Route & { actionRoles?: readonly Role[] }> = {
  'GET /api/v1/health': { roles: 'public', path: () => '/api/v1/health' },
  'POST /api/v1/tokens': { roles: ['coordinator'], path: () => '/api/v1/tokens', body: () => ({ role: 'inspector', name: '矩阵测试' }) },
  'GET /api/v1/tokens': { roles: ['coordinator'], path: () => '/api/v1/tokens' },
  'DELETE /api/v1/tokens/{tokenId}': { roles: ['coordinator'], path: () => `/api/v1/tokens/${ANY_UUID}` },
  'GET /api/v1/me': { roles: 'any', path: () => '/api/v1/me' },
  'POST /api/v1/campaigns': { roles: ['coordinator'], path: () => '/api/v1/campaigns', body: () => ({ ...plan(), id: C }) },
  'GET /api/v1/campaigns': { roles: 'any', path: () => '/api/v1/campaigns' },
  'GET /api/v1/campaigns/{id}': { roles: 'any', path: () => `/api/v1/campaigns/${C}` },
  'POST /api/v1/campaigns/{id}/deadlines': { roles: ['coordinator'], path: () => `/api/v1/campaigns/${C}/deadlines`, body: () => ({ reason: '不给新期限' }) },
  'PUT /api/v1/campaigns/{id}/units/{unitCode}/contacts': {
    roles: ['coordinator'],
    path: (t) => `/api/v1/campaigns/${C}/units/${unitOf(t)}/contacts`,
    body: () => ({ contacts: [{ name: '经办人', role: 'officer', email: 'officer@example.org' }] }),
  },
  'GET /api/v1/campaigns/{id}/stats': { roles: 'any', path: () => `/api/v1/campaigns/${C}/stats` },
  'GET /api/v1/campaigns/{id}/overview': { roles: 'any', path: () => `/api/v1/campaigns/${C}/overview` },
  'GET /api/v1/campaigns/{id}/units': { roles: 'any', path: () => `/api/v1/campaigns/${C}/units` },
  'GET /api/v1/clues': { roles: 'any', path: () => `/api/v1/clues?campaignId=${C}` },
  'GET /api/v1/clues/{clueNo}': { roles: 'any', scoped: 'clue', path: (t) => `/api/v1/clues/${clueOf(t)}?campaignId=${C}` },
  // Dispatching to the unit it already has is refused (409): nothing changes.
  'POST /api/v1/clues/{clueNo}/dispatch': { ...clueAction('dispatch'), body: (t) => ({ unitCode: unitOf(t) }), actionRoles: ['coordinator'] },
  // A blank reason is refused by the rule (422) once the role and the unit are right.
  'POST /api/v1/clues/{clueNo}/transfer-up': { ...clueAction('transfer-up', { reason: '' }), actionRoles: ['coordinator', 'unit_leader'] },
  'POST /api/v1/clues/{clueNo}/verification': {
    ...clueAction('verification', { team: goodTeam.slice(0, 1), methods: [], conclusion: 'unsubstantiated', findings: '' }),
    actionRoles: ['unit_officer'],
  },
  'POST /api/v1/clues/{clueNo}/signoff': { ...clueAction('signoff', { approve: true }), actionRoles: ['unit_leader'] },
  'POST /api/v1/clues/{clueNo}/recheck': {
    ...clueAction('recheck', { result: 'confirmed', findings: '维持', team: goodTeam, methods: ['site_visit'] }),
    actionRoles: ['rechecker'],
  },
  'POST /api/v1/clues/{clueNo}/classification': { ...clueAction('classification', { dispositions: ['rectification'], reason: '一般性问题' }), actionRoles: ['coordinator'] },
  'POST /api/v1/clues/{clueNo}/rectification': { ...clueAction('rectification', { measures: '追回', completed: true }), actionRoles: ['unit_officer'] },
  'POST /api/v1/clues/{clueNo}/rectification/signoff': { ...clueAction('rectification/signoff', { approve: true }), actionRoles: ['unit_leader'] },
  'POST /api/v1/clues/{clueNo}/rectification/accept': { ...clueAction('rectification/accept'), actionRoles: ['coordinator'] },
  'POST /api/v1/clues/{clueNo}/referral-outcome': { ...clueAction('referral-outcome', { outcome: '立案' }), actionRoles: ['discipline'] },
  'POST /api/v1/clues/{clueNo}/rule': { ...clueAction('rule', { title: '制度', summary: '内容' }), actionRoles: ['department'] },
  'POST /api/v1/campaigns/{id}/clues': { roles: ['coordinator', 'system'], path: () => `/api/v1/campaigns/${C}/clues`, body: () => ({ clues: [clue('S-OWN')] }) },
  'GET /api/v1/campaigns/{id}/sampling': { roles: 'any', path: () => `/api/v1/campaigns/${C}/sampling` },
  'POST /api/v1/campaigns/{id}/sampling/{projectNo}/draw': { roles: ['coordinator', 'rechecker'], path: () => `/api/v1/campaigns/${C}/sampling/4/draw` },
  'GET /api/v1/campaigns/{id}/sampling/{projectNo}/draws/{n}/proof': { roles: 'any', path: () => `/api/v1/campaigns/${C}/sampling/4/draws/1/proof` },
  'GET /api/v1/campaigns/{id}/reports/{unitCode}.docx': {
    roles: ['coordinator', 'discipline', 'inspector', 'unit_officer', 'unit_leader', 'department'],
    scoped: 'report',
    path: (t) => `/api/v1/campaigns/${C}/reports/${reportOf(t)}.docx`,
  },
  'GET /api/v1/campaigns/{id}/reports/{unitCode}': {
    roles: ['coordinator', 'discipline', 'inspector', 'unit_officer', 'unit_leader', 'department'],
    scoped: 'report',
    path: (t) => `/api/v1/campaigns/${C}/reports/${reportOf(t)}`,
  },
  'POST /api/v1/campaigns/{id}/reports/{unitCode}/signoff': {
    roles: 'any',
    actionRoles: ['unit_leader'],
    scoped: 'report',
    path: (t) => `/api/v1/campaigns/${C}/reports/${reportOf(t)}/signoff`,
    body: () => ({ comment: '同意' }),
  },
  'GET /api/v1/campaigns/{id}/ledger.xlsx': { roles: 'any', path: () => `/api/v1/campaigns/${C}/ledger.xlsx` },
  'GET /api/v1/campaigns/{id}/ledger.csv': { roles: 'any', path: () => `/api/v1/campaigns/${C}/ledger.csv` },
  'POST /api/v1/notices': { roles: ['inspector'], path: () => '/api/v1/notices', body: (t) => ({ campaignId: C, unitCode: unitOf(t), finding: '核查不深入', severity: 'general' }) },
  'GET /api/v1/notices': { roles: 'any', path: () => `/api/v1/notices?campaignId=${C}` },
  'GET /api/v1/outbox': { roles: 'any', path: () => `/api/v1/outbox?campaignId=${C}` },
  'POST /api/v1/campaigns/{id}/digests/run': { roles: ['coordinator'], path: () => `/api/v1/campaigns/${C}/digests/run` },
  'GET /api/v1/audit': { roles: ['coordinator', 'discipline'], path: () => `/api/v1/audit?campaignId=${C}` },
  'GET /api/v1/accountability': { roles: ['coordinator', 'discipline'], path: () => '/api/v1/accountability' },
  'GET /api/v1/accountability/{id}': { roles: ['coordinator', 'discipline'], path: () => `/api/v1/accountability/${ANY_UUID}` },
  'POST /api/v1/accountability/{id}/outcome': { roles: ['discipline'], path: () => `/api/v1/accountability/${ANY_UUID}/outcome`, body: () => ({ outcome: '诫勉谈话' }) },
};

/** A unit-scoped token's own code and another's: a department's report is its department's. */
let reportOf: (t: Target) => string = unitOf;
const plan = () => withDemoContacts(shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')));

/** Each role's token: unit roles bound to hsg-jd, the department to civil (project 4's), the rest district-wide. */
const UNIT_OF: Partial<Record<Role, string>> = { unit_officer: 'hsg-jd', unit_leader: 'hsg-jd', department: 'civil' };

describe('who may use which route', () => {
  let s: Stack;
  const tokens: Partial<Record<Role, string>> = { coordinator: ADMIN };

  beforeAll(async () => {
    s = await startStack('postgres', { CLUEFLOW_RATE_LIMIT: '0' });
    const admin = { Authorization: `Bearer ${ADMIN}` };
    await s.http.post('/api/v1/campaigns').set(admin).send({ ...plan(), id: C }).expect(201);
    await s.http
      .post(`/api/v1/campaigns/${C}/clues`)
      .set(admin)
      .send({ clues: [clue('S-OWN', { projectNo: 4, unitCode: 'hsg-jd' }), clue('S-OTHER', { projectNo: 1, unitCode: 'syg-jd' })] })
      .expect(200);
    for (const role of ROLES.filter((r) => r !== 'coordinator')) {
      const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode: UNIT_OF[role], name: `矩阵-${role}` }).expect(201);
      tokens[role] = res.body.token;
    }
  });
  afterAll(() => s?.close());

  it('lists exactly the routes of the OpenAPI document', async () => {
    const doc = (await s.http.get('/api/docs-json').expect(200)).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(Object.keys(ROUTES).sort()).toEqual(documented.sort());
  });

  const cases = Object.entries(ROUTES).flatMap(([name, route]) =>
    ROLES.flatMap((role) => (route.scoped && isUnitScoped({ role }) ? (['own', 'other'] as Target[]) : (['own'] as Target[])).map((t) => [name, role, t] as const)),
  );

  it.each(cases)('%s as %s (%s)', async (name, role, target) => {
    const route = ROUTES[name];
    reportOf = role === 'department' ? (t) => (t === 'own' ? 'civil' : 'edu') : unitOf;
    const [method, ...rest] = name.split(' ');
    void rest;
    const req = s.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](route.path(target));
    if (route.roles !== 'public') req.set('Authorization', `Bearer ${tokens[role]}`);
    const res = await (route.body ? req.send(route.body(target)) : req);
    const admitted = route.roles === 'public' || route.roles === 'any' || route.roles.includes(role);
    const acts = admitted && (!route.actionRoles || route.actionRoles.includes(role));
    if (route.scoped && isUnitScoped({ role }) && target === 'other') {
      expect([res.status, res.body?.error]).toEqual([404, 'not_found']);
    } else if (!acts) {
      expect(res.status).toBe(403);
    } else {
      expect([401, 403]).not.toContain(res.status);
      if (route.scoped) expect(res.status).not.toBe(404);
    }
  });
});
