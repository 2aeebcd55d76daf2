/** The actions on a clue (API.md "Actions"): one Temporal update each; the reply carries the clue's new stage. */
import { Body, Controller, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import {
  acceptRectificationUpdate,
  classificationUpdate,
  dispatchUpdate,
  recheckUpdate,
  rectificationSignoffUpdate,
  rectificationUpdate,
  referralOutcomeUpdate,
  ruleUpdate,
  signoffUpdate,
  transferUpUpdate,
  verificationUpdate,
} from '../../workflows/clue/definitions';
import { CurrentActor } from '../shared/auth';
import { PendingInterceptor, PendingOut } from '../shared/pending';
import { ClueNoParam, ClueNoPipe } from '../shared/validation';
import {
  AcceptRectificationRequest,
  ClassificationRequest,
  ClueViewOut,
  DispatchRequest,
  RecheckRequest,
  RectificationRequest,
  RectificationSignoffRequest,
  ReferralOutcomeRequest,
  RuleRequest,
  SignoffRequest,
  TransferUpRequest,
  VerificationRequest,
} from './clue-actions.dto';
import { ClueActionService } from './clue-actions.service';
import { ClueQuery } from './clues.dto';

@ApiTags('clue actions')
@ApiBearerAuth()
@ApiExtraModels(PendingOut)
@ApiAcceptedResponse({ type: PendingOut, description: '已受理但 15 秒内未完成（如台账写入正在重试）：稍后在 Location 查看' })
@UseInterceptors(PendingInterceptor)
@ClueNoParam()
@Controller('clues/:clueNo')
export class ClueActionController {
  constructor(private readonly actions: ClueActionService) {}

  @Post('dispatch')
  @HttpCode(200)
  @ApiOperation({ summary: '分派或改派核查主体：街道、管理区或部门（区专班）' })
  @ApiOkResponse({ type: ClueViewOut })
  dispatch(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: DispatchRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, dispatchUpdate, b);
  }

  @Post('transfer-up')
  @HttpCode(200)
  @ApiOperation({ summary: '上报上级纪委监委（干部管理权限在本地区以外；区专班或单位主要领导）' })
  @ApiOkResponse({ type: ClueViewOut })
  transferUp(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: TransferUpRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, transferUpUpdate, b);
  }

  @Post('verification')
  @HttpCode(200)
  @ApiOperation({ summary: '录入核查情况：核查组、五条标准、五种方式、结论与证据；可标记突出问题（本单位或本部门核查人员）' })
  @ApiOkResponse({ type: ClueViewOut })
  verification(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: VerificationRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, verificationUpdate, b);
  }

  @Post('signoff')
  @HttpCode(200)
  @ApiOperation({ summary: '主要领导审核核查情况：同意或退回' })
  @ApiOkResponse({ type: ClueViewOut })
  signoff(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: SignoffRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, signoffUpdate, b);
  }

  @Post('recheck')
  @HttpCode(200)
  @ApiOperation({ summary: '录入复核结果：复核组、五条标准、五种方式（区级复核抽查组，成员不得来自原核查单位）；推翻即移交区纪委监委问责事项' })
  @ApiOkResponse({ type: ClueViewOut })
  recheck(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: RecheckRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, recheckUpdate, b);
  }

  @Post('classification')
  @HttpCode(200)
  @ApiOperation({ summary: '分类处置（区专班）' })
  @ApiOkResponse({ type: ClueViewOut })
  classification(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: ClassificationRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, classificationUpdate, b);
  }

  @Post('rectification')
  @HttpCode(200)
  @ApiOperation({ summary: '报告整改情况（本单位或本部门核查人员）；追回金额待主要领导审核' })
  @ApiOkResponse({ type: ClueViewOut })
  rectification(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: RectificationRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, rectificationUpdate, b);
  }

  @Post('rectification/signoff')
  @HttpCode(200)
  @ApiOperation({ summary: '主要领导审核整改情况：同意后追回金额计入统计，或退回重报' })
  @ApiOkResponse({ type: ClueViewOut })
  rectificationSignoff(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: RectificationSignoffRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, rectificationSignoffUpdate, b);
  }

  @Post('rectification/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '验收整改（区专班；须单位报告完成且经主要领导审核同意）' })
  @ApiOkResponse({ type: ClueViewOut })
  acceptRectification(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: AcceptRectificationRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, acceptRectificationUpdate, b);
  }

  @Post('referral-outcome')
  @HttpCode(200)
  @ApiOperation({ summary: '录入移交处理结果（区纪委监委）' })
  @ApiOkResponse({ type: ClueViewOut })
  referralOutcome(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: ReferralOutcomeRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, referralOutcomeUpdate, b);
  }

  @Post('rule')
  @HttpCode(200)
  @ApiOperation({ summary: '录入建章立制（项目的责任部门）' })
  @ApiOkResponse({ type: ClueViewOut })
  rule(@CurrentActor() a: Actor, @Param('clueNo', ClueNoPipe) n: string, @Query() q: ClueQuery, @Body() b: RuleRequest): Promise<ClueViewOut | PendingOut> {
    return this.actions.act(a, q.campaignId, n, ruleUpdate, b);
  }
}
