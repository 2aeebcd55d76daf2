/** Acting on a clue: each action is one update of its workflow, whose validator applies the plan's rules. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateStage, type Client, type UpdateDefinition } from '@temporalio/client';
import type { Acting } from '../../domain/actions';
import type { Actor } from '../../domain/vocabulary';
import { clueWorkflowId, type ClueView } from '../../workflows/clue/definitions';
import { ApiError } from '../shared/errors';
import { currentIdempotencyKey } from '../shared/idempotency';
import { Pending, withinBound } from '../shared/pending';
import { TEMPORAL } from '../shared/providers';
import { ClueService } from './clues.service';

/** With an Idempotency-Key, the update id is derived from it: the engine then applies a repeated request once. */
function idempotentUpdateId(actor: Actor, campaignId: string, clueNo: string): { updateId?: string } {
  const key = currentIdempotencyKey();
  return key ? { updateId: `${actor.role}:${actor.unitCode ?? ''}:${actor.name}:${campaignId}:${clueNo}:${key}` } : {};
}

const NOT_YET_ACCEPTED = new Pending('', '', '');

/** The workflow engine took neither the action nor a refusal of it within two reply bounds. */
function engineBusy(location: string): ApiError {
  // The shape of every 503 (service_unavailable; the error filter adds Retry-After).
  return new ApiError(
    503,
    'service_unavailable',
    `流程引擎（Temporal）繁忙，操作尚未受理，可能稍后生效：请先在该线索的时间线（${location}）中查看，再以同一 Idempotency-Key 重试`,
  );
}

@Injectable()
export class ClueActionService {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: Client,
    private readonly clues: ClueService,
  ) {}

  /**
   * Sends the action and waits for its outcome, at most REPLY_BOUND_MS: a refusal comes back at once
   * (the validator runs before the update is accepted); an accepted action whose ledger write is
   * still retrying answers 202 and completes by itself.
   */
  async act<P extends object>(actor: Actor, campaignId: string, clueNo: string, update: UpdateDefinition<ClueView, [Acting<P>]>, payload: P): Promise<ClueView | Pending> {
    const clue = await this.clues.visibleClue(actor, campaignId, clueNo);
    if (!clue.workflowStartedAt) {
      throw new ApiError(409, 'clue_starting', `线索 ${clueNo} 刚导入，流程仍在启动中（大批量导入需数分钟），请稍后重试`);
    }
    const handle = this.temporal.workflow.getHandle(clueWorkflowId(campaignId, clueNo));
    const options = { args: [{ ...payload, actor }] as [Acting<P>], updateId: idempotentUpdateId(actor, campaignId, clueNo).updateId ?? randomUUID() };
    // One round trip for acceptance and outcome together (not one to be accepted and another for the
    // result): an action answers as fast as a bare update can (docs/performance/engine.md).
    const outcome = handle.executeUpdate(update, options);
    outcome.catch(() => undefined); // answered below, or by the accepted-stage call once the bound has passed
    const location = `/api/v1/clues/${encodeURIComponent(clueNo)}?campaignId=${encodeURIComponent(campaignId)}`;
    const reply = await withinBound(outcome, () => new Pending(options.updateId, location, '操作已受理，正在写入台账；请稍后在该线索的时间线中查看结果，无需重复提交'));
    if (reply instanceof Pending) {
      // Past the bound: answer 202 only for an action the clue accepted. The same update id joins the
      // update already sent, so a refusal still comes back as one and nothing is sent twice. If the
      // engine has not even taken the action after a second bound, say so (503) rather than hang:
      // the drill saw requests wait over a minute for acceptance on a busy server.
      const accepted = await withinBound(handle.startUpdate(update, { ...options, waitForStage: WorkflowUpdateStage.ACCEPTED }), () => NOT_YET_ACCEPTED);
      if (accepted === NOT_YET_ACCEPTED) throw engineBusy(location);
    }
    return reply;
  }
}
