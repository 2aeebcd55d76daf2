/**
 * The re-check draw (抽查) and the hand-off into it. The seed comes from a CSPRNG here, never
 * from workflow code; the draw record is append-only and keyed by (campaign, project, draw no),
 * so a retried activity returns the stored draw instead of drawing again with a new seed.
 */
import type { Client } from '@temporalio/client';
import { calendarOf } from '../domain/calendar';
import { recheckRateOf } from '../domain/campaign';
import { appendAudit } from '../db/audit';
import type { Database } from '../db/database';
import { CampaignEntity, SamplingDrawEntity } from '../db/entities';
import { TASK_QUEUE } from '../temporal.config';
import type { ClueActivities } from '../workflows/clue/definitions';
import { unverifiedStageSql } from '../domain/lifecycle';
import { requiredSampleSize } from '../domain/sampling';
import {
  clueConcludedSignal,
  samplerWorkflowId,
  type DrawOutcome,
  type DrawRequest,
  type SamplerActivities as Contract,
} from '../workflows/sampler/definitions';
import type { samplerWorkflow } from '../workflows/sampler/workflow';
import { drawSample, newSeed, populationHash, seedCommitment } from './sampling/draw';
import { campaignEndsAt } from '../domain/campaign';

export class SamplingActivities implements Contract, Pick<ClueActivities, 'requestSampling'> {
  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
  ) {}

  /** Hands an unsubstantiated clue to its project's sampler, starting the sampler if need be. */
  async requestSampling({ campaignId, projectNo, clueNo }: { campaignId: string; projectNo: number; clueNo: string }): Promise<void> {
    const campaign = await this.db.run((em) => em.findOneByOrFail(CampaignEntity, { id: campaignId }));
    await this.temporal.workflow.signalWithStart<typeof samplerWorkflow, [{ clueNo: string }]>('samplerWorkflow', {
      workflowId: samplerWorkflowId(campaignId, projectNo),
      taskQueue: TASK_QUEUE,
      args: [
        {
          campaignId,
          projectNo,
          rate: String(recheckRateOf(campaign.document)),
          calendar: calendarOf(campaign),
          endsAt: campaignEndsAt(campaign),
        },
      ],
      signal: clueConcludedSignal,
      signalArgs: [{ clueNo }],
    });
  }

  async projectVerified({ campaignId, projectNo }: { campaignId: string; projectNo: number }): Promise<boolean> {
    const [row] = await this.db.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM clues
        WHERE campaign_id = $1 AND project_no = $2 AND ${unverifiedStageSql('stage')}`,
      [campaignId, projectNo],
    );
    return row.open === 0;
  }

  async drawRecheckSample(req: DrawRequest): Promise<DrawOutcome> {
    return this.db.tx(async (em) => {
      const existing = await em.findOneBy(SamplingDrawEntity, { campaignId: req.campaignId, projectNo: req.projectNo, drawNo: req.drawNo });
      if (existing) {
        return { drawNo: existing.drawNo, selected: existing.selected, required: existing.required, at: existing.at.toISOString() };
      }
      const seed = newSeed();
      const required = requiredSampleSize(req.population.length, Number(req.rate));
      const selected = drawSample({
        seed,
        projectNo: req.projectNo,
        population: req.population,
        previouslySelected: req.previouslySelected,
        excluded: req.excluded,
        required,
      });
      const at = new Date();
      const draw: SamplingDrawEntity = {
        campaignId: req.campaignId,
        projectNo: req.projectNo,
        drawNo: req.drawNo,
        kind: req.kind,
        seed,
        seedHash: seedCommitment(seed),
        population: req.population,
        populationHash: populationHash(req.population),
        populationSize: req.population.length,
        required,
        previouslySelected: req.previouslySelected,
        excluded: req.excluded,
        selected,
        rate: req.rate,
        actor: { ...req.actor },
        at,
      };
      await em.insert(SamplingDrawEntity, draw);
      await appendAudit(em, {
        key: `sampler-${req.campaignId}-${req.projectNo}#draw#${req.drawNo}`,
        actor: req.actor,
        action: 'sampling.drawn',
        entityType: 'sampling_draw',
        entityId: `${req.projectNo}/${req.drawNo}`,
        campaignId: req.campaignId,
        detail: { kind: req.kind, populationSize: req.population.length, required, selected, seedHash: draw.seedHash },
      });
      return { drawNo: req.drawNo, selected, required, at: at.toISOString() };
    });
  }
}
