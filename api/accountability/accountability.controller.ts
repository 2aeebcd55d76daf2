/** 问责事项 (三(四), 四(二)): what reaches the discipline commission, and its outcome. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { UuidParam, UuidPipe } from '../shared/validation';
import { AccountabilityListOut, AccountabilityOut, AccountabilityQuery, OutcomeRequest } from './accountability.dto';
import { AccountabilityService } from './accountability.service';

const itemId = new UuidPipe('问责事项');

@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability')
export class AccountabilityController {
  constructor(private readonly items: AccountabilityService) {}

  @Get()
  @Roles('discipline', 'coordinator')
  @ApiOperation({ summary: '问责事项列表：复核推翻（核查不实）与严重通报，新的在前（区纪委监委、区专班）' })
  @ApiOkResponse({ type: AccountabilityListOut })
  list(@Query() q: AccountabilityQuery): Promise<AccountabilityListOut> {
    return this.items.list(q);
  }

  @Get(':id')
  @UuidParam('id', '问责事项编号')
  @Roles('discipline', 'coordinator')
  @ApiOperation({ summary: '一项问责事项：涉及线索、单位、核查组、录入人与签批领导' })
  @ApiOkResponse({ type: AccountabilityOut })
  one(@Param('id', itemId) id: string): Promise<AccountabilityOut> {
    return this.items.one(id);
  }

  @Post(':id/outcome')
  @UuidParam('id', '问责事项编号')
  @HttpCode(200)
  @Roles('discipline')
  @ApiOperation({ summary: '录入处理结果（区纪委监委；只录一次）' })
  @ApiOkResponse({ type: AccountabilityOut })
  outcome(@CurrentActor() actor: Actor, @Param('id', itemId) id: string, @Body() body: OutcomeRequest): Promise<AccountabilityOut> {
    return this.items.recordOutcome(actor, id, body.outcome);
  }
}
