/**
 * Determinism guard: histories recorded by the lifecycle tests (test/histories/*.history, binary
 * protobuf, committed)
 * are replayed against today's workflow code. A change that would break running clues fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { quietRuntime } from '../support/stack';
import { workflowBundle } from '../support/temporal';

jest.setTimeout(120_000);

const dir = path.join(__dirname, '..', 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.history'));

it('has recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(4);
});

it.each(files)('replays %s deterministically', async (file) => {
  quietRuntime();
  const history = temporal.api.history.v1.History.decode(fs.readFileSync(path.join(dir, file)));
  const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, [{ workflowId: file, history }]);
  for await (const result of results) expect(result.error).toBeUndefined();
});
