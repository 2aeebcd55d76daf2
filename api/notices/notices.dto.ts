import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import { TEXT_LIMITS } from '../../domain/input';
import { NOTICE_SEVERITY_LABELS } from '../../domain/labels';
import { NOTICE_SEVERITIES, type NoticeSeverity } from '../../domain/vocabulary';
import { IsClueNo, IsCode, IsOneOf, IsText, Items, Optional } from '../shared/validation';

/** 通报: an inspector's finding against a unit (shallow verification, perfunctory re-check, slow rectification). */
export class NoticeRequest {
  @ApiPropertyOptional({ example: 'hsg-2024', description: '单位只属于一个专项工作时可省略' }) @Optional() @IsCode() campaignId?: string;
  @ApiProperty({ example: 'hsg-jd' }) @IsCode() unitCode: string;
  @ApiPropertyOptional({ example: ['HSG-2024-000001'] }) @Optional() @IsArray() @Items(undefined, 1000) @IsClueNo({ each: true }) clueNos?: string[];
  @ApiProperty({ example: '核查流于形式，未入户核实', maxLength: TEXT_LIMITS.text }) @IsText({ max: TEXT_LIMITS.text, required: true }) finding: string;
  @ApiProperty({ enum: NOTICE_SEVERITIES, description: '一般 general / 较重 serious / 严重 grave' }) @IsOneOf(NOTICE_SEVERITIES, NOTICE_SEVERITY_LABELS) severity: NoticeSeverity;
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

export class NoticeOut {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() unitCode: string;
  @ApiProperty({ type: [String] }) clueNos: string[];
  @ApiProperty() finding: string;
  @ApiProperty({ enum: NOTICE_SEVERITIES }) severity: NoticeSeverity;
  @ApiProperty({ type: NoticeActor }) createdBy: NoticeActor;
  @ApiProperty() createdAt: string;
}

export class NoticeListOut {
  @ApiProperty({ type: [NoticeOut], description: '最近 500 条' }) items: NoticeOut[];
}
