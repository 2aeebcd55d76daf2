import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { CodeParam, CodePipe } from '../shared/validation';
import { DigestRunOut } from './outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('outbox')
@ApiBearerAuth()
@CodeParam('id', '专项工作 id')
@Controller('campaigns/:id/digests')
export class DigestController {
  constructor(private readonly outbox: OutboxService) {}

  @Post('run')
  @HttpCode(202)
  @Roles('coordinator')
  @ApiOperation({ summary: '立即生成并投递今日的单位汇总与升级提醒（不必等到每日发送时刻）' })
  @ApiAcceptedResponse({ type: DigestRunOut })
  run(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string): Promise<DigestRunOut> {
    return this.outbox.runDigestsNow(actor, id);
  }
}
