/** Acting on a clue: each action is one update of its workflow, whose validator applies the plan's rules. */
import { Inject, Injectable } from '@nestjs/common';
import type { Client, UpdateDefinition } from '@temporalio/client';
import type { Acting } from '../../domain/actions';
import type { Actor } from '../../domain/vocabulary';
import { clueWorkflowId, type ClueView } from '../../workflows/clue/definitions';
import { ApiError } from '../shared/errors';
import { TEMPORAL } from '../shared/providers';
import { ClueService } from './clues.service';

@Injectable()
export class ClueActionService {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: Client,
    private readonly clues: ClueService,
  ) {}

  async act<P extends object>(actor: Actor, campaignId: string, clueNo: string, update: UpdateDefinition<ClueView, [Acting<P>]>, payload: P): Promise<ClueView> {
    const clue = await this.clues.visibleClue(actor, campaignId, clueNo);
    if (!clue.workflowStartedAt) {
      throw new ApiError(409, 'clue_starting', `线索 ${clueNo} 刚导入，流程仍在启动中（大批量导入需数分钟），请稍后重试`);
    }
    return this.temporal.workflow.getHandle(clueWorkflowId(campaignId, clueNo)).executeUpdate(update, { args: [{ ...payload, actor }] });
  }
}
