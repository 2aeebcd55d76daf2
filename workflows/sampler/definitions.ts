/**
 * The re-check sampler of one project (抽查复核): collects the project's unsubstantiated (查否)
 * clues, draws at least ceil(rate × N) of them for re-check, and tells every clue its fate.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Calendar } from '../../domain/calendar';
import type { Actor } from '../../domain/vocabulary';

export const samplerWorkflowId = (campaignId: string, projectNo: number): string => `sampler-${campaignId}-${projectNo}`;

export interface SamplerInput {
  campaignId: string;
  projectNo: number;
  /** Sample rate as stored in the campaign, e.g. "0.2"; kept as text so proofs quote it exactly. */
  rate: string;
  calendar: Calendar;
  /** The sampler stops taking clues after this instant (campaign end plus grace). */
  endsAt: number;
  carried?: SamplerState;
}

export interface SamplerState {
  /** Every clue concluded unsubstantiated so far, in arrival order (N = its length). */
  population: string[];
  selected: string[];
  /** Clues already told drawn or not drawn. */
  decided: string[];
  draws: number;
}

export interface SamplerView {
  campaignId: string;
  projectNo: number;
  unsubstantiated: number;
  required: number;
  drawn: number;
  draws: number;
  undecided: number;
}

export interface DrawRequest {
  campaignId: string;
  projectNo: number;
  drawNo: number;
  kind: 'initial' | 'supplementary';
  population: string[];
  previouslySelected: string[];
  /** Clues already told "not drawn" (and closed): they cannot be drawn any more. */
  excluded: string[];
  rate: string;
  actor: Actor;
}

export interface DrawOutcome {
  drawNo: number;
  selected: string[];
  required: number;
  at: string;
}

export const clueConcludedSignal = defineSignal<[{ clueNo: string }]>('clueConcluded');
/** The coordinator or re-check lead draws now (POST /campaigns/:id/sampling/:projectNo/draw). */
export const drawUpdate = defineUpdate<DrawOutcome, [{ actor: Actor }]>('draw');
export const samplerStateQuery = defineQuery<SamplerView>('samplerState');

export interface SamplerActivities {
  drawRecheckSample(req: DrawRequest): Promise<DrawOutcome>;
  /** True when no clue of the project is still before its verification sign-off. */
  projectVerified(req: { campaignId: string; projectNo: number }): Promise<boolean>;
}
