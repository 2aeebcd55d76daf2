import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { ledgerActivityOptions } from '../../temporal.config';
import { calendarChangedSignal, clueWorkflowId, samplingDecisionSignal } from '../clue/definitions';
import type { Calendar } from '../../domain/calendar';
import { SYSTEM, type Actor } from '../../domain/vocabulary';
import { drawViolations, requiredSampleSize } from '../../domain/sampling';
import { refuse } from '../../domain/refuse';
import {
  clueConcludedSignal,
  drawUpdate,
  samplerStateQuery,
  type DrawOutcome,
  type SamplerActivities,
  type SamplerInput,
  type SamplerState,
  type SamplerView,
} from './definitions';

const acts = proxyActivities<SamplerActivities>(ledgerActivityOptions);
const HISTORY_LIMIT = 10_000;

export async function samplerWorkflow(input: SamplerInput): Promise<SamplerView> {
  const { campaignId, projectNo, rate } = input;
  const s: SamplerState = input.carried ?? { population: [], selected: [], decided: [], draws: 0 };
  let calendar: Calendar = input.calendar;
  const members = new Set(s.population);
  const decided = new Set(s.decided);
  let drawing = false;

  const required = () => requiredSampleSize(s.population.length, Number(rate));
  const undecided = () => s.population.filter((c) => !decided.has(c));
  const view = (): SamplerView => ({
    campaignId,
    projectNo,
    unsubstantiated: s.population.length,
    required: required(),
    drawn: s.selected.length,
    draws: s.draws,
    undecided: undecided().length,
  });

  setHandler(samplerStateQuery, view);
  setHandler(clueConcludedSignal, ({ clueNo }) => {
    if (members.has(clueNo)) return;
    members.add(clueNo);
    s.population.push(clueNo);
  });
  setHandler(calendarChangedSignal, (next) => {
    if (next.version > calendar.version) calendar = next;
  });

  const tell = async (clueNos: string[], drawn: boolean, drawNo: number) => {
    for (let i = 0; i < clueNos.length; i += 50) {
      await Promise.all(
        clueNos
          .slice(i, i + 50)
          .map((c) => getExternalWorkflowHandle(clueWorkflowId(campaignId, c)).signal(samplingDecisionSignal, { drawn, drawNo })),
      );
    }
    for (const c of clueNos) decided.add(c);
    s.decided = [...decided];
  };

  /** One draw over everything not yet decided, restoring the floor; then every undecided clue learns its fate. */
  const draw = async (actor: Actor): Promise<DrawOutcome> => {
    drawing = true;
    try {
      const pending = undecided();
      const outcome = await acts.drawRecheckSample({
        campaignId,
        projectNo,
        drawNo: s.draws + 1,
        kind: s.draws === 0 ? 'initial' : 'supplementary',
        population: [...s.population],
        previouslySelected: [...s.selected],
        excluded: s.population.filter((c) => decided.has(c) && !s.selected.includes(c)),
        rate,
        actor,
      });
      s.draws = outcome.drawNo;
      s.selected = [...s.selected, ...outcome.selected];
      const chosen = new Set(outcome.selected);
      await tell(outcome.selected, true, outcome.drawNo);
      await tell(
        pending.filter((c) => !chosen.has(c)),
        false,
        outcome.drawNo,
      );
      return outcome;
    } finally {
      drawing = false;
    }
  };

  setHandler(
    drawUpdate,
    async ({ actor }) => {
      await condition(() => !drawing);
      return draw(actor);
    },
    {
      validator: ({ actor }) =>
        refuse(drawViolations(actor, { projectNo, population: s.population.length, selected: s.selected.length, undecided: undecided().length })),
    },
  );

  let checkedAt = -1;
  while (Date.now() < input.endsAt) {
    const firstDrawDue = s.draws === 0 && Date.now() >= calendar.dueAt.verification;
    if (undecided().length > 0 && !drawing) {
      if (s.draws > 0 || firstDrawDue) {
        await draw(SYSTEM);
        continue;
      }
      if (checkedAt !== s.population.length) {
        checkedAt = s.population.length;
        if (await acts.projectVerified({ campaignId, projectNo })) {
          await draw(SYSTEM);
          continue;
        }
      }
    }
    if (workflowInfo().historyLength > HISTORY_LIMIT || workflowInfo().continueAsNewSuggested) {
      await condition(() => allHandlersFinished() && !drawing);
      await continueAsNew<typeof samplerWorkflow>({ ...input, calendar, carried: s });
    }
    const size = s.population.length;
    const version = calendar.version;
    const wakeAt = s.draws === 0 ? Math.min(calendar.dueAt.verification, input.endsAt) : input.endsAt;
    await condition(() => s.population.length !== size || calendar.version !== version, Math.max(1, wakeAt - Date.now()));
  }
  await condition(() => allHandlersFinished() && !drawing);
  return view();
}
