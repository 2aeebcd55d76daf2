/** The ledger export (台账, API.md "Ledger"): any token, scoped like GET /clues. */
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/vocabulary';
import { LedgerExportService } from './ledger-export.service';
import { ClueFilterQuery } from '../clues/clues.dto';
import { CurrentActor } from '../shared/auth';
import { CodeParam, CodePipe } from '../shared/validation';

const FILE = { schema: { type: 'string', format: 'binary' } };

@ApiTags('ledger')
@ApiBearerAuth()
@CodeParam('id', '专项工作 id')
@Controller('campaigns/:id')
export class LedgerController {
  constructor(private readonly ledger: LedgerExportService) {}

  // The response is streamed by the service (tens of thousands of rows), hence @Res().
  @Get('ledger.xlsx')
  @ApiOperation({ summary: '导出台账（Excel）：每条线索一行，按令牌身份限定范围，可按线索列表的条件筛选' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse(FILE)
  xlsx(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Query() filter: ClueFilterQuery, @Res() res: Response): Promise<void> {
    return this.ledger.xlsx(actor, id, filter, res);
  }

  @Get('ledger.csv')
  @ApiOperation({ summary: '导出台账（CSV，UTF-8 带 BOM）：每条线索一行，按令牌身份限定范围，可按线索列表的条件筛选' })
  @ApiProduces('text/csv')
  @ApiOkResponse(FILE)
  csv(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Query() filter: ClueFilterQuery, @Res() res: Response): Promise<void> {
    return this.ledger.csv(actor, id, filter, res);
  }
}
