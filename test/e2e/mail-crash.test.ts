/**
 * A worker process killed (SIGKILL) in the middle of sending mail, and a new one started: every
 * message arrives exactly once. The worker runs as its own process (`worker/main.ts`, compiled),
 * on a real Temporal dev server and PostgreSQL, against a real SMTP server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../common/config';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { DEFAULT_NAMESPACE } from '../../temporal.config';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { clue } from '../support/fixtures';
import { ADMIN } from '../support/stack';
import { startDevServer } from '../support/temporal';

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(ROOT, '.test-build');

describe('mail delivery across a worker crash', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;
  let app: INestApplication;
  let smtp: SMTPServer;
  let worker: ChildProcess | undefined;
  const received: string[] = [];
  let hangNext = false;
  const auth = { Authorization: `Bearer ${ADMIN}` };

  const startWorker = (smtpPort: number) => {
    worker = spawn(process.execPath, [path.join(BUILD, 'worker', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        TEMPORAL_ADDRESS: env.connection.options.address as string,
        TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  };

  beforeAll(async () => {
    // The worker must be a process of its own to be killed; build it as production runs it.
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD], { cwd: ROOT, encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
    [env, t] = await Promise.all([startDevServer(), createTestDatabase('postgres')]);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (hangNext) {
            // Never answer: the worker is killed while it waits for this message's 250.
            hangNext = false;
            worker?.kill('SIGKILL');
            return;
          }
          received.push(/^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString('utf8'))![1]);
          // The next message after the first one hangs.
          if (received.length === 1) hangNext = true;
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    startWorker((smtp.server.address() as AddressInfo).port);
    app = await createApp({ config: loadConfig({ DATA_DIR: '/tmp/clueflow-test', SMTP_URL: 'smtp://127.0.0.1:25' }), db: t.db, temporal: env.client, adminToken: ADMIN });
    await app.init();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await app?.close();
    await env?.teardown();
    await t?.drop();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    fs.rmSync(BUILD, { recursive: true, force: true });
  });

  it('sends each message exactly once when the worker dies waiting for the SMTP server', async () => {
    const http = request(app.getHttpServer());
    const plan = shiftedPlan(localDate(Date.now(), 'Asia/Shanghai'));
    const doc = {
      ...plan,
      id: 'crash-1',
      units: plan.units.map((u: { code: string }) => ({ ...u, contacts: [{ name: `${u.code}核查组`, role: 'officer', email: `${u.code}@hsg.example` }] })),
      contacts: { taskForce: [{ name: '区专班', email: 'zb@hsg.example' }] },
    };
    await http.post('/api/v1/campaigns').set(auth).send(doc).expect(201);
    await http.post('/api/v1/campaigns/crash-1/clues').set(auth).send({ clues: [clue('K1')] }).expect(200);
    const inspector = { Authorization: `Bearer ${(await http.post('/api/v1/tokens').set(auth).send({ role: 'inspector', name: '巡查组' }).expect(201)).body.token}` };
    for (const unitCode of ['hsg-jd', 'syg-jd']) {
      await http.post('/api/v1/notices').set(inspector).send({ unitCode, finding: '核查流于形式', severity: 'general' }).expect(201);
    }

    const outbox = () => t.db.query<{ message_id: string | null; status: string }>(`SELECT message_id, status FROM mail_outbox WHERE campaign_id = 'crash-1'`);
    for (let i = 0; i < 100 && worker!.exitCode === null && worker!.signalCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(worker!.signalCode).toBe('SIGKILL');
    expect(received).toHaveLength(1);

    // A new worker: once the dead attempt's heartbeat times out (1 minute), the delivery is retried.
    startWorker((smtp.server.address() as AddressInfo).port);
    for (let i = 0; i < 1_200 && (await outbox()).some((m) => m.status !== 'sent'); i++) await new Promise((r) => setTimeout(r, 100));
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect([...received].sort()).toEqual(rows.map((r) => r.message_id).sort());
  });
});
