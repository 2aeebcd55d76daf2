/** Importing clues (问题线索导入): one clue as the province issues it, and what the import replies. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import { TEXT_LIMITS } from '../../domain/input';
import { IsAmount, IsClueNo, IsCode, IsDay, IsText, IsWholeNumber, Items, Optional } from '../shared/validation';

/** The most clues one request may carry (a district's campaign is 20,000–50,000; send it in parts). */
export const MAX_IMPORT_ROWS = 50_000;

/** One clue as imported (ClueIn). Validated row by row, so a bad row never sinks the batch. */
export class ClueIn {
  @ApiProperty({ example: 'HSG-2024-000001', description: '线索编号（1–64 位字母、数字、-、_、.）' }) @IsClueNo() clueNo: string;
  @ApiProperty({ minimum: 1, maximum: 30, description: '项目序号' }) @IsWholeNumber(1, 30) projectNo: number;
  @ApiPropertyOptional({ example: 'hsg-jd', description: '核查主体代码：街道、管理区或部门；不填则待区专班分派' }) @Optional() @IsCode() unitCode?: string;
  @ApiProperty({ example: '李某' }) @IsText({ max: TEXT_LIMITS.name, required: true, singleLine: true }) subjectName: string;
  @ApiProperty({ example: '420202199001011234', description: '公民身份号码（18位，校验位正确）' }) @IsText({ max: 32, required: true, singleLine: true }) subjectIdNo: string;
  @ApiPropertyOptional({ example: '湖滨社区' }) @Optional() @IsText({ max: TEXT_LIMITS.name }) community?: string;
  @ApiProperty({ example: '死亡人员领取补贴' }) @IsText({ max: TEXT_LIMITS.name, required: true }) clueType: string;
  @ApiProperty() @IsText({ max: TEXT_LIMITS.text, required: true }) description: string;
  @ApiProperty({ description: '涉及金额（元，≥0，最多两位小数）', minimum: 0 }) @IsAmount() amountInvolved: number;
  @ApiPropertyOptional({ example: '2024-08-02', description: '下发日期' }) @Optional() @IsDay() issuedAt?: string;
}

export class ImportRequest {
  @ApiProperty({ type: [ClueIn], description: `线索数组（每次最多 ${MAX_IMPORT_ROWS} 条）；逐条校验，整条接收或拒收` })
  @IsArray()
  @Items(1, MAX_IMPORT_ROWS)
  clues: unknown[];
}

/** The multipart form of an import: one CSV or XLSX file. */
export class ImportFile {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV（UTF-8 或 GB18030）或 XLSX，首行为列名' }) file: unknown;
}

export class RejectedRow {
  @ApiProperty({ description: '行号：JSON 为数组中的序号（从 1 起），文件为表格中的行号' }) row: number;
  @ApiPropertyOptional() clueNo?: string;
  @ApiProperty({ type: [String] }) errors: string[];
}

export class RowNote {
  @ApiProperty() row: number;
  @ApiProperty() clueNo: string;
  @ApiProperty({ type: [String] }) notes: string[];
}

export class ImportResultOut {
  @ApiProperty({ description: '新接收的线索数' }) accepted: number;
  @ApiProperty({ type: [String], description: '已存在（或本次重复）的线索编号；不会重复启动' }) duplicates: string[];
  @ApiProperty({ type: [RejectedRow] }) rejected: RejectedRow[];
  @ApiProperty({ description: '答复时仍在启动工作流的线索数（大批量导入时）' }) workflowsPending: number;
  @ApiPropertyOptional({ type: [RowNote], description: '已接收、但读取时作了改动的行（如删除了单元格中的控制字符）' }) notes?: RowNote[];
}
