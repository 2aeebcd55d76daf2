/**
 * The replay guard can fail: a recorded history that today's workflow code would not have produced
 * is refused with a determinism error. Without this, test/replay.test.ts could pass by replaying
 * nothing at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowBundle } from '../support/temporal';
import { quietRuntime } from './support/runtime';

type History = temporal.api.history.v1.IHistory;
const { EventType } = temporal.api.enums.v1;

/** Recorded by test/clue-lifecycle.test.ts: verification, sign-off, draw, re-check, close-off. */
const RECORDED = path.join(__dirname, '..', 'histories', 'unsubstantiated-drawn-confirmed.history');

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  quietRuntime();
  bundle = await workflowBundle();
});

/** A fresh copy of the recorded history each time, so one tampering cannot leak into another. */
const recorded = (): temporal.api.history.v1.History => temporal.api.history.v1.History.decode(fs.readFileSync(RECORDED));
const replay = (history: History) => Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'tampered' }, history, 'clue-tampered');
const scheduled = (h: History) => h.events!.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);

it('replays the history as recorded', async () => {
  const history = recorded();
  expect(scheduled(history).map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name)).toEqual([
    'projectClue',
    'projectClue',
    'requestSampling',
    'projectClue',
    'projectClue',
  ]);
  await expect(replay(history)).resolves.toBeUndefined();
});

it('refuses a history whose workflow scheduled another activity than the code does', async () => {
  const history = recorded();
  scheduled(history)[2].activityTaskScheduledEventAttributes!.activityType!.name = 'drawRecheckSample';
  const err = await replay(history).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DeterminismViolationError);
  expect((err as Error).message).toMatch(/requestSampling.*drawRecheckSample|drawRecheckSample.*requestSampling/);
});

it('refuses a history with a step of the code missing', async () => {
  const history = recorded();
  // The search attributes the clue published when it was drawn for re-check (抽中复核).
  const drawn = history.events!.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
  const upsert = history.events!.findIndex((e, i) => i > drawn && e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
  expect(upsert).toBeGreaterThan(drawn);
  const err = await replay(withoutEvent(history, upsert)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DeterminismViolationError);
  expect((err as Error).message).toMatch(/UpsertWorkflowSearchAttributes/);
});

/**
 * The history with one event taken out and the later ones renumbered, every reference to an event
 * id (`scheduledEventId`, `startedEventId`, …) with them, so that only the missing step is wrong.
 */
function withoutEvent(history: History, index: number): History {
  const removed = Number(history.events![index].eventId);
  const shift = (value: unknown): unknown => (Number(value) > removed ? String(Number(value) - 1) : value);
  const renumber = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(renumber);
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, key === 'eventId' || key.endsWith('EventId') ? shift(value) : renumber(value)]),
    );
  };
  const plain = temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, { longs: String });
  plain.events = plain.events.filter((_: unknown, i: number) => i !== index);
  return temporal.api.history.v1.History.fromObject(renumber(plain) as Record<string, unknown>);
}
