import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor } from '../shared/auth';
import { ClueNoParam, ClueNoPipe } from '../shared/validation';
import { ClueDetailOut, ClueListOut, ClueListQuery, ClueQuery } from './clues.dto';
import { ClueService } from './clues.service';

@ApiTags('clues')
@ApiBearerAuth()
@Controller('clues')
export class ClueController {
  constructor(private readonly clues: ClueService) {}

  @Get()
  @ApiOperation({ summary: '线索列表（按令牌范围；筛选、分页、按期限排序）' })
  @ApiOkResponse({ type: ClueListOut })
  list(@CurrentActor() actor: Actor, @Query() q: ClueListQuery): Promise<ClueListOut> {
    return this.clues.list(actor, q);
  }

  @Get(':clueNo')
  @ClueNoParam()
  @ApiOperation({ summary: '一条线索：台账记录与办理时间线；范围外的线索答 404' })
  @ApiOkResponse({ type: ClueDetailOut })
  get(@CurrentActor() actor: Actor, @Param('clueNo', ClueNoPipe) clueNo: string, @Query() q: ClueQuery): Promise<ClueDetailOut> {
    return this.clues.get(actor, q.campaignId, clueNo);
  }
}
