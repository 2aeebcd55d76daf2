/**
 * `npm run simulate -- --clues 50000 [--campaign id] [--seed n] [--url http://localhost:3000] [--token …]`
 *
 * Plays a believable campaign through the HTTP API (scripts/simulate/). With --url it drives a running
 * clueflow (`npm start` prints the admin token; without --token the one in DATA_DIR/admin-token is
 * used); without it, it starts a stack of its own — a Temporal dev server, a scratch database on the
 * PostgreSQL at DATABASE_URL (or 127.0.0.1:5432), the worker and the API — reconciles the campaign at
 * the end (npm run reconcile) and removes the stack.
 * Shares of each outcome are flags (--late 0.1, --overturn 0.3 …, see DEFAULT_SHARES). Exit code 1 when
 * any request failed unexpectedly or a clue did not end where its plan says.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../common/config';
import { simulateCampaign, type SimOptions } from './simulate/campaign';
import { DEFAULT_SHARES, type Shares } from './simulate/journey';
import { passed, summarize } from './simulate/summary';

const USAGE = `usage: npm run simulate -- [--clues 500] [--campaign id] [--seed 1] [--url http://localhost:3000] [--token …]
  [--concurrency 16] [--batch 1000] [--no-progress] ${Object.keys(DEFAULT_SHARES)
    .map((k) => `[--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${DEFAULT_SHARES[k as keyof Shares]}]`)
    .join(' ')}`;

export function parseArgs(argv: string[]): { opts: Omit<SimOptions, 'api' | 'token' | 'log'>; url?: string; token?: string } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-progress') flags.set('no-progress', '1');
    else if (a.startsWith('--') && i + 1 < argv.length) flags.set(a.slice(2), argv[++i]);
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  const num = (name: string, dflt: number) => {
    const v = flags.get(name);
    flags.delete(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} ${v} is not a number ≥ 0\n${USAGE}`);
    return n;
  };
  const shares = Object.fromEntries(
    Object.entries(DEFAULT_SHARES).map(([k, v]) => {
      const share = num(k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), v);
      if (share > 1) throw new Error(`--${k} is a share: 0 to 1`);
      return [k, share];
    }),
  ) as unknown as Shares;
  const url = flags.get('url');
  const token = flags.get('token');
  const campaignId = flags.get('campaign');
  const progress = !flags.has('no-progress');
  for (const k of ['url', 'token', 'campaign', 'no-progress']) flags.delete(k);
  const opts = {
    clues: num('clues', 500),
    seed: num('seed', 1),
    concurrency: Math.max(1, num('concurrency', 16)),
    batch: Math.max(1, num('batch', 1000)),
    campaignId,
    shares,
    progress,
  };
  if (flags.size) throw new Error(`unknown flag --${[...flags.keys()][0]}\n${USAGE}`);
  return { opts, url, token };
}

const say = (line: string) => process.stderr.write(`[simulate] ${line}\n`);

async function main(): Promise<void> {
  const { opts, url, token } = parseArgs(process.argv.slice(2));
  let api: string;
  let adminToken: string;
  let close = async () => undefined as void;
  let reconcile: ((campaignId: string) => Promise<boolean>) | undefined;
  if (url) {
    api = `${url.replace(/\/$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
    const config = loadConfig();
    if (token) adminToken = token;
    else if (config.adminToken) adminToken = config.adminToken;
    else {
      const file = path.join(config.dataDir, 'admin-token');
      if (!fs.existsSync(file)) throw new Error(`no --token given and ${file} does not exist: pass the admin token npm start printed`);
      adminToken = fs.readFileSync(file, 'utf8').trim();
    }
  } else {
    // Loaded only here: a run against --url needs none of the server code.
    const { startBenchStack, BENCH_ADMIN } = await import('../bench/harness');
    say('no --url: starting a stack of its own (Temporal dev server, scratch database, worker, API) …');
    const stack = await startBenchStack({ log: say });
    api = stack.api;
    adminToken = BENCH_ADMIN;
    close = () => stack.close();
    // Its own stack is in reach: end with a reconciliation of the campaign.
    reconcile = async (campaignId) => {
      const { reconcileCampaign } = await import('./reconcile/run');
      const { printReconcile } = await import('./reconcile');
      const r = await reconcileCampaign(stack.database.db, stack.temporal, campaignId, { concurrency: 16 });
      printReconcile(r, (line) => process.stdout.write(line));
      return r.drifts.length === 0 && r.workflowsWithoutRow.length === 0;
    };
  }
  try {
    const result = await simulateCampaign({ ...opts, api, token: adminToken, log: say });
    process.stdout.write(`\n${summarize(result)}\n`);
    if (url) process.stdout.write(`\nconsole: ${url.replace(/\/api\/v1\/?$/, '')}/ (campaign ${result.campaignId})\n`);
    const clean = reconcile ? await reconcile(result.campaignId) : true;
    process.exitCode = passed(result) && clean ? 0 : 1;
  } finally {
    await close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`[simulate] failed: ${(err as Error).stack ?? err}\n`);
    process.exit(2);
  });
}
