import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { CurrentActor, Roles } from '../shared/auth';
import { CodeParam, CodePipe, WholeNumberParam, WholeNumberPipe } from '../shared/validation';
import { DrawOutcomeOut, DrawProofOut, SamplingProjectOut } from './sampling.dto';
import { SamplingService } from './sampling.service';

@ApiTags('sampling')
@ApiBearerAuth()
@CodeParam('id', '专项工作 id')
@Controller('campaigns/:id/sampling')
export class SamplingController {
  constructor(private readonly sampling: SamplingService) {}

  @Get()
  @ApiOperation({ summary: '各项目抽查复核情况：N、应抽、已抽、已复核、推翻、每次抽查' })
  @ApiOkResponse({ type: [SamplingProjectOut] })
  overview(@Param('id', CodePipe) id: string): Promise<SamplingProjectOut[]> {
    return this.sampling.overview(id);
  }

  @Post(':projectNo/draw')
  @WholeNumberParam('projectNo', 1, 30, '项目序号')
  @Roles('coordinator', 'rechecker')
  @ApiOperation({ summary: '立即抽查该项目（补充抽查同样适用）' })
  @ApiCreatedResponse({ type: DrawOutcomeOut })
  draw(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('projectNo', new WholeNumberPipe(1, 30)) projectNo: number): Promise<DrawOutcomeOut> {
    return this.sampling.draw(actor, id, projectNo);
  }

  @Get(':projectNo/draws/:n/proof')
  @WholeNumberParam('projectNo', 1, 30, '项目序号')
  @WholeNumberParam('n', 1, undefined, '第几次抽查')
  @ApiOperation({ summary: '抽查证明：种子、总体、结果，可用 npm run verify-draw 复算' })
  @ApiOkResponse({ type: DrawProofOut })
  proof(
    @Param('id', CodePipe) id: string,
    @Param('projectNo', new WholeNumberPipe(1, 30)) projectNo: number,
    @Param('n', new WholeNumberPipe(1)) n: number,
  ): Promise<DrawProofOut> {
    return this.sampling.proof(id, projectNo, n);
  }
}
