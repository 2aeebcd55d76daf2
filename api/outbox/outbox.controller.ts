import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor } from '../shared/auth';
import { OutboxListOut, OutboxQuery } from './outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('outbox')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: '发件箱：每日汇总、升级提醒、通报、期限调整邮件及其投递状态；单位令牌只见本单位' })
  @ApiOkResponse({ type: OutboxListOut })
  list(@CurrentActor() actor: Actor, @Query() q: OutboxQuery): Promise<OutboxListOut> {
    return this.outbox.list(actor, q);
  }
}
