/** Accountability items (问责事项) as the discipline commission reads them, and the outcome it records. */
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { TEXT_LIMITS } from '../../domain/input';
import { ACCOUNTABILITY_SOURCES, type AccountabilitySource } from '../../domain/vocabulary';
import { PageOut, PageQuery } from '../shared/paging';
import { IsBooleanValue, IsCode, IsText, Optional, ToBoolean } from '../shared/validation';

class AccountabilityFilter {
  @ApiPropertyOptional({ example: 'hsg-2024' }) @Optional() @IsCode() campaignId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'true 只看尚未录入处理结果的；false 只看已录入的' }) @Optional() @ToBoolean() @IsBooleanValue() open?: boolean;
}

export class AccountabilityQuery extends IntersectionType(AccountabilityFilter, PageQuery) {}

export class OutcomeRequest {
  @ApiProperty({ example: '对原核查组组长诫勉谈话，对签批领导批评教育', maxLength: TEXT_LIMITS.text }) @IsText({ max: TEXT_LIMITS.text, required: true }) outcome: string;
}

class PersonOut {
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional() unitCode?: string;
}

class TeamMemberOut {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['leader', 'member'] }) role: string;
  @ApiProperty() kind: string;
}

class PeopleOut {
  @ApiPropertyOptional({ type: [TeamMemberOut], description: '原核查组' }) team?: TeamMemberOut[];
  @ApiPropertyOptional({ type: PersonOut, nullable: true, description: '录入核查情况的核查人员' }) submittedBy?: PersonOut | null;
  @ApiPropertyOptional({ type: PersonOut, nullable: true, description: '审核签批的主要领导' }) signedBy?: PersonOut | null;
  @ApiPropertyOptional({ type: PersonOut, nullable: true, description: '复核人' }) recheckedBy?: PersonOut | null;
  @ApiPropertyOptional({ type: PersonOut, nullable: true, description: '通报人（巡查督导组）' }) filedBy?: PersonOut | null;
}

class EvidenceOut {
  @ApiProperty() kind: string;
  @ApiProperty() ref: string;
}

class OutcomeOut {
  @ApiProperty() outcome: string;
  @ApiProperty({ type: PersonOut }) by: PersonOut;
  @ApiProperty() at: string;
}

export class AccountabilityOut {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty({ enum: ACCOUNTABILITY_SOURCES, description: 'recheck_overturned 复核推翻（核查不实） / grave_notice 严重通报' }) source: AccountabilitySource;
  @ApiProperty({ example: 'hsg-jd', description: '涉及的单位、部门或 recheck-group' }) subjectCode: string;
  @ApiProperty({ example: '黄石港街道' }) subjectName: string;
  @ApiProperty({ type: [String] }) clueNos: string[];
  @ApiProperty() summary: string;
  @ApiProperty({ type: PeopleOut }) people: PeopleOut;
  @ApiProperty({ description: '复核查明的情况，或通报的问题' }) finding: string;
  @ApiProperty({ type: [EvidenceOut] }) evidence: EvidenceOut[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: OutcomeOut, nullable: true, description: '区纪委监委录入的处理结果；未录入为 null' }) outcome: OutcomeOut | null;
}

export class AccountabilityListOut extends PageOut {
  @ApiProperty({ type: [AccountabilityOut] }) items: AccountabilityOut[];
}
