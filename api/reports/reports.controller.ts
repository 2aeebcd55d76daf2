/** Special reports (专题报告) of units and departments: data, Word document, leader's sign-off. */
import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/vocabulary';
import { ReportSignoffRecord, ReportSignoffRequest, UnitReport } from './reports.dto';
import { DOCX_CONTENT_TYPE, REPORT_READERS, ReportService, rfc5987 } from './reports.service';
import { CurrentActor, Roles } from '../shared/auth';
import { CodeParam, CodePipe } from '../shared/validation';

const UNIT_CODE = { name: 'unitCode', description: '核查单位（街道、管理区）或责任部门的代码', example: 'hsg-jd' };

@ApiTags('reports')
@ApiBearerAuth()
@CodeParam('id', '专项工作 id')
@Controller('campaigns/:id/reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  // Declared before `:unitCode`: routes match in declaration order, and `:unitCode` alone would
  // also take `hsg-jd.docx` (unit codes never contain a dot, so the suffix is always a format).
  @Get(':unitCode.docx')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: '专题报告 Word 文档' })
  @ApiParam(UNIT_CODE)
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async document(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('unitCode') unitCode: string): Promise<StreamableFile> {
    const doc = await this.reports.document(actor, id, unitCode);
    return new StreamableFile(doc.content, {
      type: DOCX_CONTENT_TYPE,
      length: doc.content.length,
      disposition: `attachment; filename="${doc.asciiFilename}"; filename*=UTF-8''${rfc5987(doc.filename)}`,
    });
  }

  @Get(':unitCode')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: '专题报告数据（取自台账）；报送对象（区纪委监委、区政数局）不撰写报告；.pdf 等其他格式答 406' })
  @ApiParam(UNIT_CODE)
  @ApiOkResponse({ type: UnitReport })
  report(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('unitCode') unitCode: string): Promise<UnitReport> {
    return this.reports.report(actor, id, unitCode);
  }

  // No @Roles here: another unit's token must get 404 and a non-leader `not_unit_leader`; the service decides both.
  @Post(':unitCode/signoff')
  @ApiOperation({ summary: '主要领导审核签发专题报告（绑定该单位或部门代码的 unit_leader）；签发后报送区纪委监委、区政数局' })
  @ApiParam(UNIT_CODE)
  @ApiCreatedResponse({ type: ReportSignoffRecord })
  signoff(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('unitCode') unitCode: string, @Body() body: ReportSignoffRequest) {
    return this.reports.signoff(actor, id, unitCode, body.comment);
  }
}
