/** Thin controllers: one service call per route (API.md is the contract). */
import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Database } from '../db/database';
import {
  acceptRectificationUpdate,
  classificationUpdate,
  dispatchUpdate,
  recheckUpdate,
  rectificationUpdate,
  referralOutcomeUpdate,
  ruleUpdate,
  signoffUpdate,
  transferUpUpdate,
  verificationUpdate,
} from '../workflows/clue/definitions';
import { STAGES, type Actor } from '../domain/vocabulary';
import { CampaignService } from './campaigns.service';
import { ClueService } from './clues.service';
import {
  AcceptRectificationRequest,
  CampaignDocument,
  ClassificationRequest,
  ContactsRequest,
  DeadlinesRequest,
  DispatchRequest,
  ImportRequest,
  RecheckRequest,
  RectificationRequest,
  ReferralOutcomeRequest,
  RuleRequest,
  SignoffRequest,
  TokenRequest,
  TransferUpRequest,
  VerificationRequest,
} from './dto';
import { ApiError } from './errors';
import { DATABASE, TEMPORAL } from './providers';
import { SamplingService } from './sampling.service';
import { CurrentActor, Public, Roles, TokenService } from './tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Temporal 与数据库状态' })
  async health() {
    const [database, temporal] = await Promise.all([
      this.db.ping(),
      this.temporal.workflowService
        .getSystemInfo({}, )
        .then(() => true)
        .catch(() => false),
    ]);
    return {
      status: database && temporal ? 'ok' : 'degraded',
      temporal: temporal ? 'ok' : 'down',
      database: database ? 'ok' : 'down',
    };
  }
}

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('tokens')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '签发访问令牌（区专班）' })
  issue(@CurrentActor() actor: Actor, @Body() body: TokenRequest) {
    return this.tokens.issue(actor, body);
  }
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly sampling: SamplingService,
    private readonly clues: ClueService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: '创建专项工作（工作方案数据）' })
  create(@CurrentActor() actor: Actor, @Body() body: CampaignDocument) {
    return this.campaigns.create(actor, body);
  }

  @Get()
  list() {
    return this.campaigns.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.campaigns.get(id);
  }

  @Post(':id/deadlines')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: '调整期限；运行中的线索重新计时' })
  deadlines(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: DeadlinesRequest) {
    return this.campaigns.extendDeadlines(actor, id, body);
  }

  @Put(':id/units/:unitCode/contacts')
  @Roles('coordinator')
  contacts(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('unitCode') unitCode: string, @Body() body: ContactsRequest) {
    return this.campaigns.setContacts(actor, id, unitCode, body.contacts);
  }

  @Get(':id/stats')
  stats(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.campaigns.stats(actor, id);
  }

  @Post(':id/clues')
  @HttpCode(200)
  @Roles('coordinator', 'system')
  @ApiOperation({ summary: '导入问题线索（逐条校验，整条接收或拒收）' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 64 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description: 'JSON `{ "clues": [ClueIn, ...] }`，或 multipart 文件字段 `file`（CSV 或 XLSX，首行为列名：字段名或中文列名）',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ImportRequest) },
        { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
      ],
    },
  })
  @ApiExtraModels(ImportRequest)
  import(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Record<string, unknown>, @UploadedFile() file?: { buffer: Buffer; originalname: string }) {
    if (file) return this.clues.importFile(actor, id, file);
    return this.clues.import(actor, id, importRequest(body).clues);
  }

  @Get(':id/sampling')
  samplingOverview(@Param('id') id: string) {
    return this.sampling.overview(id);
  }

  @Post(':id/sampling/:projectNo/draw')
  @Roles('coordinator', 'rechecker')
  @ApiOperation({ summary: '立即抽查该项目（补充抽查同样适用）' })
  draw(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('projectNo', ParseIntPipe) projectNo: number) {
    return this.sampling.draw(actor, id, projectNo);
  }

  @Get(':id/sampling/:projectNo/draws/:n/proof')
  @ApiOperation({ summary: '抽查证明：种子、总体、结果，可用 npm run verify-draw 复算' })
  proof(@Param('id') id: string, @Param('projectNo', ParseIntPipe) projectNo: number, @Param('n', ParseIntPipe) n: number) {
    return this.sampling.proof(id, projectNo, n);
  }
}

/** The JSON form of an import, checked here because the same route also takes a file upload. */
function importRequest(body: Record<string, unknown>): ImportRequest {
  const request = plainToInstance(ImportRequest, body ?? {});
  const details = validateSync(request).flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
  if (details.length) {
    throw new ApiError(400, 'validation_failed', `请以 JSON { "clues": [...] } 提交线索，或以 multipart 文件字段 file 上传 CSV / XLSX：${details.map((d) => d.message).join('; ')}`, details);
  }
  return request;
}

function parseBool(v?: string): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ApiError(400, 'validation_failed', `overdue 应为 true 或 false，收到 ${v}`, [{ field: 'overdue', message: '应为 true 或 false' }]);
}

export function parsePositive(name: string, v: string | undefined, fallback: number, max: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ApiError(400, 'validation_failed', `${name} 应为 1-${max} 的整数`, [{ field: name, message: `应为 1-${max} 的整数` }]);
  }
  return n;
}

function requireCampaign(campaignId?: string): string {
  if (!campaignId) throw new ApiError(400, 'validation_failed', '请在查询参数中给出 campaignId', [{ field: 'campaignId', message: '必填' }]);
  return campaignId;
}

@ApiTags('clues')
@ApiBearerAuth()
@Controller('clues')
export class ClueController {
  constructor(private readonly clues: ClueService) {}

  @Get()
  @ApiQuery({ name: 'stage', required: false, enum: STAGES })
  list(
    @CurrentActor() actor: Actor,
    @Query('campaignId') campaignId?: string,
    @Query('unitCode') unitCode?: string,
    @Query('projectNo') projectNo?: string,
    @Query('stage') stage?: string,
    @Query('overdue') overdue?: string,
    @Query('q') q?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ) {
    if (stage && !(STAGES as readonly string[]).includes(stage)) {
      throw new ApiError(400, 'validation_failed', `stage 应为 ${STAGES.join(', ')} 之一`, [{ field: 'stage', message: '未知阶段' }]);
    }
    return this.clues.list(actor, {
      campaignId,
      unitCode,
      projectNo: projectNo ? parsePositive('projectNo', projectNo, 1, 30) : undefined,
      stage,
      overdue: parseBool(overdue),
      q,
      page: parsePositive('page', page, 1, 1_000_000),
      pageSize: parsePositive('pageSize', pageSize, 50, 500),
    });
  }

  @Get(':clueNo')
  get(@CurrentActor() actor: Actor, @Param('clueNo') clueNo: string, @Query('campaignId') campaignId?: string) {
    return this.clues.get(actor, requireCampaign(campaignId), clueNo);
  }

  @Post(':clueNo/dispatch')
  @HttpCode(200)
  dispatch(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: DispatchRequest) {
    return this.clues.act(a, requireCampaign(c), n, dispatchUpdate, b);
  }

  @Post(':clueNo/transfer-up')
  @HttpCode(200)
  transferUp(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: TransferUpRequest) {
    return this.clues.act(a, requireCampaign(c), n, transferUpUpdate, b);
  }

  @Post(':clueNo/verification')
  @HttpCode(200)
  verification(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: VerificationRequest) {
    return this.clues.act(a, requireCampaign(c), n, verificationUpdate, b);
  }

  @Post(':clueNo/signoff')
  @HttpCode(200)
  signoff(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: SignoffRequest) {
    return this.clues.act(a, requireCampaign(c), n, signoffUpdate, b);
  }

  @Post(':clueNo/recheck')
  @HttpCode(200)
  recheck(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: RecheckRequest) {
    return this.clues.act(a, requireCampaign(c), n, recheckUpdate, b);
  }

  @Post(':clueNo/classification')
  @HttpCode(200)
  classification(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: ClassificationRequest) {
    return this.clues.act(a, requireCampaign(c), n, classificationUpdate, b);
  }

  @Post(':clueNo/rectification')
  @HttpCode(200)
  rectification(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: RectificationRequest) {
    return this.clues.act(a, requireCampaign(c), n, rectificationUpdate, b);
  }

  @Post(':clueNo/rectification/accept')
  @HttpCode(200)
  acceptRectification(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: AcceptRectificationRequest) {
    return this.clues.act(a, requireCampaign(c), n, acceptRectificationUpdate, b);
  }

  @Post(':clueNo/referral-outcome')
  @HttpCode(200)
  referralOutcome(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: ReferralOutcomeRequest) {
    return this.clues.act(a, requireCampaign(c), n, referralOutcomeUpdate, b);
  }

  @Post(':clueNo/rule')
  @HttpCode(200)
  rule(@CurrentActor() a: Actor, @Param('clueNo') n: string, @Query('campaignId') c: string | undefined, @Body() b: RuleRequest) {
    return this.clues.act(a, requireCampaign(c), n, ruleUpdate, b);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @Roles('coordinator', 'discipline')
  async list(@Query('clueNo') clueNo?: string, @Query('actor') actor?: string, @Query('campaignId') campaignId?: string) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (clueNo) where.push(`(entity_id = $${params.push(clueNo)} OR detail->'clueNos' ? $${params.length})`);
    if (actor) where.push(`actor_name = $${params.push(actor)}`);
    if (campaignId) where.push(`campaign_id = $${params.push(campaignId)}`);
    const rows = await this.db.query(
      `SELECT id, at, actor_name AS actor, actor_role AS "actorRole", actor_unit AS "actorUnit", action, entity_type AS "entityType",
              entity_id AS "entityId", campaign_id AS "campaignId", detail
         FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT 500`,
      params,
    );
    return { items: rows };
  }
}
