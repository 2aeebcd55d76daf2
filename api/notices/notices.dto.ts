import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import { TEXT_LIMITS } from '../../domain/input';
import { NOTICE_SEVERITY_LABELS } from '../../domain/labels';
import { RECHECK_GROUP_CODE } from '../../domain/campaign';
import { NOTICE_SEVERITIES, type NoticeSeverity } from '../../domain/vocabulary';
import { IsClueNo, IsCode, IsOneOf, IsText, Items, Optional } from '../shared/validation';

/**
 * 通报 (四(二)): an inspector's finding against a unit, a department or the re-check group (核查不深入、
 * 复核走过场、整改不到位). A grave one (问题严重的) goes to the discipline commission as well.
 */
export class NoticeRequest {
  @ApiPropertyOptional({ example: 'hsg-2024', description: '被通报对象只属于一个专项工作时可省略' }) @Optional() @IsCode() campaignId?: string;
  @ApiProperty({ example: 'hsg-jd', description: `被通报对象：街道、管理区或部门的代码，或 ${RECHECK_GROUP_CODE}（区复核抽查组）` }) @IsCode() unitCode: string;
  @ApiPropertyOptional({ example: ['HSG-2024-000001'] }) @Optional() @IsArray() @Items(undefined, 1000) @IsClueNo({ each: true }) clueNos?: string[];
  @ApiProperty({ example: '核查流于形式，未入户核实', maxLength: TEXT_LIMITS.text }) @IsText({ max: TEXT_LIMITS.text, required: true }) finding: string;
  @ApiProperty({ enum: NOTICE_SEVERITIES, description: '一般 general / 较重 serious / 严重 grave（移交区纪委监委，立问责事项）' })
  @IsOneOf(NOTICE_SEVERITIES, NOTICE_SEVERITY_LABELS)
  severity: NoticeSeverity;
}

export class NoticeListQuery {
  @ApiPropertyOptional({ example: 'hsg-2024' }) @Optional() @IsCode() campaignId?: string;
  @ApiPropertyOptional({ example: 'hsg-jd' }) @Optional() @IsCode() unitCode?: string;
}

class NoticeActor {
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional() unitCode?: string;
}

export const NOTICE_SUBJECT_TYPES = ['unit', 'department', 'recheck_group'] as const;
export type NoticeSubjectType = (typeof NOTICE_SUBJECT_TYPES)[number];

export class NoticeOut {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() unitCode: string;
  @ApiProperty({ enum: NOTICE_SUBJECT_TYPES, description: '被通报对象：单位、部门或区复核抽查组' }) subjectType: NoticeSubjectType;
  @ApiProperty({ type: [String] }) clueNos: string[];
  @ApiProperty() finding: string;
  @ApiProperty({ enum: NOTICE_SEVERITIES }) severity: NoticeSeverity;
  @ApiProperty({ type: NoticeActor }) createdBy: NoticeActor;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ description: '严重通报移交区纪委监委时立的问责事项' }) accountabilityId?: string;
}

export class NoticeListOut {
  @ApiProperty({ type: [NoticeOut], description: '最近 500 条' }) items: NoticeOut[];
}
