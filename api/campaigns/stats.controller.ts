import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor } from '../shared/auth';
import { CodeParam, CodePipe } from '../shared/validation';
import { OverviewOut, StatsOut, UnitStatusOut } from './stats.dto';
import { StatsService } from './stats.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@CodeParam('id', '专项工作 id')
@Controller('campaigns/:id')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('stats')
  @ApiOperation({ summary: '专项工作统计（按令牌范围）' })
  @ApiOkResponse({ type: StatsOut })
  get(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string): Promise<StatsOut> {
    return this.stats.stats(actor, id);
  }

  @Get('overview')
  @ApiOperation({ summary: '总览：期限、流程各阶段、逾期升级、金额、单位×阶段与项目×阶段（按令牌范围）' })
  @ApiOkResponse({ type: OverviewOut })
  overview(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string): Promise<OverviewOut> {
    return this.stats.overview(actor, id);
  }

  @Get('units')
  @ApiOperation({ summary: '各单位与责任部门：在办、逾期、最高升级级别、专题报告签发、联系人' })
  @ApiOkResponse({ type: [UnitStatusOut] })
  units(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string): Promise<UnitStatusOut[]> {
    return this.stats.units(actor, id);
  }
}
