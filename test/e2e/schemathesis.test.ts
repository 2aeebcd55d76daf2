/**
 * schemathesis (issue 10) against the running API, as a coordinator and as a unit officer: every
 * check — no 5xx, replies that match their documented schema and status, schema-valid requests
 * accepted (or refused only by a documented rule: 403/404/409/422), schema-invalid ones refused.
 * A short run here; `npm run schemathesis` runs a long one.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { clue } from '../support/fixtures';
import { runSchemathesis } from '../../scripts/schemathesis-runner';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(15 * 60_000);

const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 5);

describe('schemathesis against the OpenAPI document', () => {
  let s: Stack;
  let url: string;
  let officer: string;

  beforeAll(async () => {
    s = await startStack('postgres', { CLUEFLOW_RATE_LIMIT: '0' });
    const server = s.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = { Authorization: `Bearer ${ADMIN}` };
    // The campaign id generated examples use, with clues in it, so operations reach past 404.
    await s.http.post('/api/v1/campaigns').set(admin).send({ ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'hsg-2024' }).expect(201);
    await s.http.post('/api/v1/campaigns/hsg-2024/clues').set(admin).send({ clues: [clue('HSG-2024-000001'), clue('HSG-2024-000002', { unitCode: undefined })] }).expect(200);
    officer = (await s.http.post('/api/v1/tokens').set(admin).send({ role: 'unit_officer', unitCode: 'hsg-jd', name: 'schemathesis' }).expect(201)).body.token;
  });
  afterAll(() => s?.close());

  it.each([
    ['a coordinator', () => ADMIN],
    ['a unit officer', () => officer],
  ])('finds nothing as %s', async (_who, token) => {
    const run = await runSchemathesis({ url, token: token(), maxExamples: MAX_EXAMPLES, seed: Number(process.env.SCHEMATHESIS_SEED ?? 1) });
    // On failure the report names each finding and how to reproduce it (from its FAILURES section on), and the seed.
    const failures = Math.max(0, run.output.indexOf('FAILURES') - 80);
    expect({ status: run.status, report: run.status === 0 ? 'clean' : run.output.slice(failures, failures + 20_000) }).toEqual({ status: 0, report: 'clean' });
  });
});
