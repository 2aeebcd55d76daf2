/**
 * `npm run reconcile -- --campaign <id> [--concurrency 32]`: for every clue of the campaign, the
 * ledger row against the workflow's own state and the event log (scripts/reconcile/). Prints each
 * drift — clue, field, ledger value, workflow value — and exits 1 if there is any, 0 if none, 2 on a
 * usage or connection error. It reads DATABASE_URL and TEMPORAL_ADDRESS (TEMPORAL_NAMESPACE) as the
 * API and worker do; the embedded PGlite of `npm start` belongs to that process, so stop it first or
 * run clueflow on PostgreSQL. Operators run it after an incident; the drills end with it.
 */
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../common/config';
import { Database } from '../db/database';
import { reconcileCampaign, type ReconcileResult } from './reconcile/run';

export function printReconcile(r: ReconcileResult, write: (s: string) => void): void {
  write(`reconcile ${r.campaignId}: ${r.clues} clues checked in ${r.seconds.toFixed(1)} s — ${r.drifts.length} drift(s), ${r.workflowsWithoutRow.length} workflow(s) without a ledger row\n`);
  if (r.drifts.length) {
    write(`clue\tkind\tfield\tledger\tworkflow\n`);
    for (const d of r.drifts) write(`${d.clueNo}\t${d.kind}\t${d.field}\t${JSON.stringify(d.ledger)}\t${JSON.stringify(d.workflow)}\n`);
  }
  for (const id of r.workflowsWithoutRow) write(`${id}\tworkflow without a ledger row\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const campaignId = flag('campaign');
  const concurrency = Number(flag('concurrency') ?? 32);
  if (!campaignId || !Number.isInteger(concurrency) || concurrency < 1) {
    process.stderr.write('usage: npm run reconcile -- --campaign <id> [--concurrency 32]   (DATABASE_URL and TEMPORAL_ADDRESS as for start:api)\n');
    return 2;
  }
  const config = loadConfig();
  if (!config.databaseUrl || !config.temporalAddress) {
    process.stderr.write('reconcile needs DATABASE_URL and TEMPORAL_ADDRESS (the ledger database and the Temporal cluster clueflow runs on)\n');
    return 2;
  }
  const db = await Database.open({ url: config.databaseUrl });
  const connection = await Connection.connect({ address: config.temporalAddress, connectTimeout: 10_000 });
  try {
    const temporal = new Client({ connection, namespace: config.temporalNamespace });
    const result = await reconcileCampaign(db, temporal, campaignId, {
      concurrency,
      onProgress: (n, total) => process.stderr.write(`\r[reconcile] ${n}/${total}`),
    });
    process.stderr.write('\n');
    printReconcile(result, (s) => process.stdout.write(s));
    return result.drifts.length || result.workflowsWithoutRow.length ? 1 : 0;
  } finally {
    await connection.close();
    await db.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[reconcile] ${(err as Error).message}\n`);
      process.exit(2);
    },
  );
}
