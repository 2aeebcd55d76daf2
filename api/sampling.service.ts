import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { recheckRateOf } from '../domain/campaign';
import type { Database } from '../db/database';
import { SamplingDrawEntity } from '../db/entities';
import { requiredSampleSize } from '../domain/sampling';
import { drawUpdate, samplerWorkflowId } from '../workflows/sampler/definitions';
import type { Actor } from '../domain/vocabulary';
import { CampaignService } from './campaigns.service';
import { ApiError, notFound } from './errors';
import { DATABASE, TEMPORAL } from './providers';

/** Re-check sampling as the ledger records it (GET) and as the sampler workflow performs it (POST). */
@Injectable()
export class SamplingService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
    private readonly campaigns: CampaignService,
  ) {}

  async overview(campaignId: string) {
    const campaign = await this.campaigns.stored(campaignId);
    const rate = recheckRateOf(campaign.document);
    const [projects, draws] = await this.db.run((em) =>
      Promise.all([
        em.query(
          `SELECT p.no AS "projectNo", p.name,
                  count(c.clue_no) FILTER (WHERE c.conclusion = 'unsubstantiated' OR c.verification_inaccurate)::int AS unsubstantiated,
                  count(c.clue_no) FILTER (WHERE c.sampled)::int AS "drawnInLedger"
             FROM projects p LEFT JOIN clues c ON c.campaign_id = p.campaign_id AND c.project_no = p.no
            WHERE p.campaign_id = $1 GROUP BY p.no, p.name ORDER BY p.no`,
          [campaignId],
        ),
        em.find(SamplingDrawEntity, { where: { campaignId }, order: { projectNo: 'ASC', drawNo: 'ASC' } }),
      ]),
    );
    return projects.map((p: { projectNo: number; name: string; unsubstantiated: number }) => {
      const mine = draws.filter((d) => d.projectNo === p.projectNo);
      return {
        projectNo: p.projectNo,
        name: p.name,
        unsubstantiated: p.unsubstantiated,
        required: requiredSampleSize(p.unsubstantiated, rate),
        drawn: mine.reduce((n, d) => n + d.selected.length, 0),
        draws: mine.map((d) => ({
          drawNo: d.drawNo,
          kind: d.kind,
          at: d.at.toISOString(),
          by: d.actor.name,
          populationSize: d.populationSize,
          required: d.required,
          seedHash: d.seedHash,
          populationHash: d.populationHash,
          selected: d.selected,
        })),
      };
    });
  }

  async draw(actor: Actor, campaignId: string, projectNo: number) {
    await this.campaigns.stored(campaignId);
    try {
      return await this.temporal.workflow.getHandle(samplerWorkflowId(campaignId, projectNo)).executeUpdate(drawUpdate, { args: [{ actor }] });
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') {
        throw new ApiError(409, 'nothing_to_draw', `项目 ${projectNo} 尚无经审核的查否线索，无需抽查`);
      }
      throw err;
    }
  }

  async proof(campaignId: string, projectNo: number, drawNo: number) {
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
