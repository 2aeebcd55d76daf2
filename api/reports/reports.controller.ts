/** Special reports (专题报告) of units and departments: data, Word document, leader's sign-off. */
import { Body, Controller, Get, Injectable, Param, Post, StreamableFile, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CODE_PATTERN, codeProblem } from '../../domain/input';
import type { Actor } from '../../domain/vocabulary';
import { ReportSignoffRecord, ReportSignoffRequest, UnitReport } from './reports.dto';
import { DOCX_CONTENT_TYPE, REPORT_READERS, ReportService, rfc5987 } from './reports.service';
import { CurrentActor, Roles } from '../shared/auth';
import { ErrorOut, invalid } from '../shared/errors';
import { CodeParam, CodePipe } from '../shared/validation';

const UNIT_CODE = { name: 'unitCode', description: '核查单位（街道、管理区）或责任部门的代码', example: 'hsg-jd' };

/** A unit code, or a unit code asking for a format (`hsg-jd.pdf`), which is then answered 406. */
const CODE_WITH_FORMAT = new RegExp(`${CODE_PATTERN.source.slice(0, -1)}(\\.[A-Za-z0-9]{1,10})?$`);

@Injectable()
class CodeWithFormatPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    const problem = CODE_WITH_FORMAT.test(value) ? null : codeProblem(value) ?? '应为单位代码，可带格式后缀（如 hsg-jd.docx）';
    if (problem) throw invalid([{ field: meta.data ?? 'unitCode', message: problem }]);
    return value;
  }
}

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
  @CodeParam('unitCode', UNIT_CODE.description)
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async document(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('unitCode', CodePipe) unitCode: string): Promise<StreamableFile> {
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
  @ApiParam({ ...UNIT_CODE, schema: { type: 'string', pattern: CODE_WITH_FORMAT.source } })
  @ApiOkResponse({ type: UnitReport })
  @ApiResponse({ status: 406, description: '所要的格式（如 .pdf）不提供：请下载 .docx 或取数据', type: ErrorOut })
  report(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('unitCode', CodeWithFormatPipe) unitCode: string): Promise<UnitReport> {
    return this.reports.report(actor, id, unitCode);
  }

  // No @Roles here: another unit's token must get 404 and a non-leader `not_unit_leader`; the service decides both.
  @Post(':unitCode/signoff')
  @ApiOperation({ summary: '主要领导审核签发专题报告（绑定该单位或部门代码的 unit_leader）；签发后报送区纪委监委、区政数局' })
  @CodeParam('unitCode', UNIT_CODE.description)
  @ApiCreatedResponse({ type: ReportSignoffRecord })
  signoff(@CurrentActor() actor: Actor, @Param('id', CodePipe) id: string, @Param('unitCode', CodePipe) unitCode: string, @Body() body: ReportSignoffRequest) {
    return this.reports.signoff(actor, id, unitCode, body.comment);
  }
}
