import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Database } from '../../db/database';
import { SamplingDrawEntity } from '../../db/entities';
import { calendarOf } from '../../domain/calendar';
import { recheckRateOf } from '../../domain/campaign';
import { recheckAtRisk, requiredSampleSize } from '../../domain/sampling';
import type { Actor } from '../../domain/vocabulary';
import { drawUpdate, samplerWorkflowId } from '../../workflows/sampler/definitions';
import { CampaignService } from '../campaigns/campaigns.service';
import { ApiError, notFound } from '../shared/errors';
import { DATABASE, TEMPORAL } from '../shared/providers';
import type { DrawOutcomeOut, DrawProofOut, SamplingProjectOut } from './sampling.dto';

/** Re-check sampling as the ledger records it (GET) and as the sampler workflow performs it (POST). */
@Injectable()
export class SamplingService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
    private readonly campaigns: CampaignService,
  ) {}

  async overview(campaignId: string): Promise<SamplingProjectOut[]> {
    const campaign = await this.campaigns.stored(campaignId);
    const rate = recheckRateOf(campaign.document);
    const calendar = calendarOf(campaign);
    const now = Date.now();
    const [projects, draws] = await this.db.run((em) =>
      Promise.all([
        em.query(
          `SELECT p.no AS "projectNo", p.name,
                  count(c.clue_no) FILTER (WHERE c.conclusion = 'unsubstantiated' OR c.verification_inaccurate)::int AS unsubstantiated,
                  count(c.clue_no) FILTER (WHERE jsonb_typeof(c.record->'recheck') = 'object')::int AS rechecked,
                  count(c.clue_no) FILTER (WHERE c.verification_inaccurate)::int AS overturned
             FROM projects p LEFT JOIN clues c ON c.campaign_id = p.campaign_id AND c.project_no = p.no
            WHERE p.campaign_id = $1 GROUP BY p.no, p.name ORDER BY p.no`,
          [campaignId],
        ),
        em.find(SamplingDrawEntity, { where: { campaignId }, order: { projectNo: 'ASC', drawNo: 'ASC' } }),
      ]),
    );
    return projects.map((p: { projectNo: number; name: string; unsubstantiated: number; rechecked: number; overturned: number }) => {
      const mine = draws.filter((d) => d.projectNo === p.projectNo);
      const required = requiredSampleSize(p.unsubstantiated, rate);
      const drawn = mine.reduce((n, d) => n + d.selected.length, 0);
      return {
        projectNo: p.projectNo,
        name: p.name,
        unsubstantiated: p.unsubstantiated,
        required,
        drawn,
        rechecked: p.rechecked,
        overturned: p.overturned,
        pendingRecheck: Math.max(0, drawn - p.rechecked),
        atRisk: recheckAtRisk({
          required,
          drawn,
          rechecked: p.rechecked,
          firstDrawAt: mine[0]?.at.getTime() ?? null,
          drawDueAt: calendar.dueAt.verification,
          recheckDueAt: calendar.dueAt.recheck,
          now,
        }),
        draws: mine.map((d) => ({
          drawNo: d.drawNo,
          kind: d.kind,
          at: d.at.toISOString(),
          by: d.actor.name,
          byRole: d.actor.role,
          populationSize: d.populationSize,
          required: d.required,
          seedHash: d.seedHash,
          populationHash: d.populationHash,
          selected: d.selected,
        })),
      };
    });
  }

  async draw(actor: Actor, campaignId: string, projectNo: number): Promise<DrawOutcomeOut> {
    await this.campaigns.stored(campaignId);
    try {
      return await this.temporal.workflow.getHandle(samplerWorkflowId(campaignId, projectNo)).executeUpdate(drawUpdate, { args: [{ actor }] });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new ApiError(409, 'nothing_to_draw', `项目 ${projectNo} 尚无经审核的查否线索，无需抽查`);
      }
      throw err;
    }
  }

  async proof(campaignId: string, projectNo: number, drawNo: number): Promise<DrawProofOut> {
    const d = await this.db.run((em) => em.findOneBy(SamplingDrawEntity, { campaignId, projectNo, drawNo }));
    if (!d) throw notFound(`项目 ${projectNo} 的第 ${drawNo} 次抽查`);
    return {
      campaignId: d.campaignId,
      projectNo: d.projectNo,
      drawNo: d.drawNo,
      kind: d.kind,
      seed: d.seed,
      seedHash: d.seedHash,
      population: d.population,
      populationHash: d.populationHash,
      populationSize: d.populationSize,
      rate: d.rate,
      required: d.required,
      previouslySelected: d.previouslySelected,
      excluded: d.excluded,
      selected: d.selected,
      actor: d.actor,
      at: d.at.toISOString(),
    };
  }
}
