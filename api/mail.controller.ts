/** Inspection notices (通报) and the mail outbox (API.md "Ledger, reports, mail, audit"). */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../domain/vocabulary';
import { parsePositive } from './controllers';
import { NoticeRequest } from './dto';
import { MailService } from './mail.service';
import { CurrentActor, Roles } from './tokens';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticeController {
  constructor(private readonly mail: MailService) {}

  @Post()
  @Roles('inspector')
  @ApiOperation({ summary: '巡查督导组通报某单位（邮件通知该单位与区专班，记入审计与专题报告）' })
  file(@CurrentActor() actor: Actor, @Body() body: NoticeRequest) {
    return this.mail.fileNotice(actor, body);
  }

  @Get()
  @ApiOperation({ summary: '通报列表；单位令牌只见本单位' })
  list(@CurrentActor() actor: Actor, @Query('campaignId') campaignId?: string, @Query('unitCode') unitCode?: string) {
    return this.mail.notices(actor, campaignId, unitCode);
  }
}

@ApiTags('outbox')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @ApiOperation({ summary: '发件箱：每日汇总、升级提醒、通报、期限调整邮件及其投递状态；单位令牌只见本单位' })
  @ApiQuery({ name: 'status', required: false, enum: ['queued', 'sent', 'failed', 'no_recipient', 'outbox_only'] })
  @ApiQuery({ name: 'kind', required: false, enum: ['digest', 'escalation', 'notice', 'extension'] })
  list(
    @CurrentActor() actor: Actor,
    @Query('campaignId') campaignId?: string,
    @Query('unitCode') unitCode?: string,
    @Query('kind') kind?: string,
    @Query('status') status?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ) {
    return this.mail.outbox(actor, {
      campaignId,
      unitCode,
      kind,
      status,
      page: parsePositive('page', page, 1, 1_000_000),
      pageSize: parsePositive('pageSize', pageSize, 50, 500),
    });
  }
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class DigestController {
  constructor(private readonly mail: MailService) {}

  @Post(':id/digests/run')
  @HttpCode(202)
  @Roles('coordinator')
  @ApiOperation({ summary: '立即生成并投递今日的单位汇总与升级提醒（不必等到每日发送时刻）' })
  run(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.mail.runDigestsNow(actor, id);
  }
}
