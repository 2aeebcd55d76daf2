/**
 * `npm run schemathesis -- <url> <token> [max-examples]`: schemathesis against a running clueflow's
 * OpenAPI document with every check — the long run of test/e2e/schemathesis.test.ts. Exit code is
 * schemathesis's own (0: nothing found).
 */
import { ensureSchemathesis, runSchemathesis } from './schemathesis-runner';

async function main(): Promise<number> {
  const [url, token, max = '100'] = process.argv.slice(2);
  if (!url || !token || !/^\d+$/.test(max)) {
    console.error('usage: npm run schemathesis -- <url, e.g. http://localhost:3000> <token> [max-examples, default 100]');
    return 2;
  }
  ensureSchemathesis((line) => console.error(line));
  const run = await runSchemathesis({ url: url.replace(/\/$/, ''), token, maxExamples: Number(max) });
  process.stdout.write(run.output);
  return run.status;
}

main().then((code) => process.exit(code));
