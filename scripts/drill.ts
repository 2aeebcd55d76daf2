/**
 * `npm run drill [-- --clues 300 --workers 2 --postgres-down 20 --temporal-down 10 --flood 500 --kills 4 --seed 1 --schemathesis 50]`
 *
 * The fault drill (scripts/drill/run.ts): the API and the workers as processes of their own from dist/,
 * a Temporal dev server with a persisting SQLite file, a PostgreSQL of its own (never the machine's),
 * the simulator driving a campaign while workers are SIGKILLed, the Temporal server and PostgreSQL are
 * stopped and started again and the API is flooded; then every check of the drill, the last a long
 * schemathesis run against the API that went through it all (`--schemathesis 0` skips it). Prints the faults,
 * the simulator's rounds and the checks; exit code 0 when every check holds, 1 when one does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { printReconcile } from './reconcile';
import { runDrill } from './drill/run';
import { table } from './simulate/summary';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const num = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return dflt;
    const n = Number(args[i + 1]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} ${args[i + 1]} is not a number ≥ 0`);
    return n;
  };
  const t0 = Date.now();
  const say = (line: string) => process.stderr.write(`[drill ${String(Math.round((Date.now() - t0) / 1000)).padStart(4)} s] ${line}\n`);
  const report = await runDrill({
    build: path.join(__dirname, '..'),
    cluesPerRound: num('clues', 300),
    minRounds: 1,
    concurrency: num('concurrency', 8),
    workers: Math.max(2, num('workers', 2)),
    postgresDownMs: num('postgres-down', 20) * 1000,
    temporalDownMs: num('temporal-down', 10) * 1000,
    floodRequests: num('flood', 500),
    floodConcurrency: num('flood-concurrency', 100),
    randomKills: num('kills', 4),
    seed: num('seed', 1),
    schemathesisExamples: num('schemathesis', 50),
    log: say,
  });
  const out = (s: string) => process.stdout.write(s);
  out(`\nfaults injected\n${table(report.faults.map((f) => ({ 'at (s)': Math.round(f.atSeconds), fault: f.fault, 'lasted (s)': Math.round(f.seconds), detail: f.detail })))}\n`);
  out(`\nsimulator rounds\n${table(report.rounds.map((r) => ({ round: r.round, clues: r.clues, seconds: Math.round(r.seconds), '503 retried': r.retried503, unexpected: r.unexpected, 'not at final stage': r.misplaced, stuck: r.stuck })))}\n\n`);
  if (report.reconcile) printReconcile(report.reconcile, out);
  out(`\nchecks\n${table(report.checks.map((c) => ({ '': c.ok ? 'ok' : 'FAIL', check: c.check, detail: c.detail })))}\n`);
  // Everything (probes, every unexpected reply) for the post-mortem, beside the benchmarks' results.
  const file = path.join(__dirname, '..', '..', 'bench', 'results', 'drill-latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2) + '\n');
  out(`\ndrill ${report.passed ? 'passed' : 'FAILED'} in ${Math.round(report.seconds)} s (details: ${path.relative(process.cwd(), file)})\n`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[drill] failed: ${(err as Error).stack ?? err}\n`);
    process.exit(2);
  },
);
