/**
 * Request bodies of the actions on a clue. Each implements its payload type from domain/actions, so
 * the API and the workflow agree on every field. The DTOs check shapes and the input boundary
 * (domain/input); whether the content satisfies the plan's rules is the workflow validator's call,
 * made by the domain rules, so each rule has one message.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';
import type {
  AcceptRectificationPayload,
  ClassificationPayload,
  DispatchPayload,
  RecheckPayload,
  RecheckTeamMember,
  RectificationPayload,
  RectificationSignoffPayload,
  ReferralOutcomePayload,
  RulePayload,
  SignoffPayload,
  TransferUpPayload,
  VerificationPayload,
} from '../../domain/actions';
import { TEXT_LIMITS } from '../../domain/input';
import type { MethodOmission } from '../../domain/verification';
import {
  CONCLUSION_LABELS,
  DISPOSITION_LABELS,
  MEMBER_KIND_LABELS,
  METHOD_LABELS,
  PERSON_CATEGORY_LABELS,
  STANDARD_LABELS,
  VIOLATION_TYPE_LABELS,
} from '../../domain/labels';
import {
  CONCLUSIONS,
  DISPOSITIONS,
  MEMBER_KINDS,
  PERSON_CATEGORIES,
  RECHECK_RESULTS,
  STAGES,
  VERIFICATION_METHODS,
  VERIFICATION_STANDARDS,
  VIOLATION_TYPES,
  type Conclusion,
  type Disposition,
  type MemberKind,
  type PersonCategory,
  type RecheckResult,
  type Stage,
  type VerificationMethod,
  type VerificationStandard,
  type ViolationType,
} from '../../domain/vocabulary';
import { IsAmount, IsBooleanValue, IsCode, IsOneOf, IsText, IsWholeNumber, Items, Optional } from '../shared/validation';

const NAME = { max: TEXT_LIMITS.name, required: true, singleLine: true } as const;
const LINE = { max: TEXT_LIMITS.line } as const;
const TEXT = { max: TEXT_LIMITS.text } as const;

export class DispatchRequest implements DispatchPayload {
  @ApiProperty({ example: 'hsg-jd', description: '核查主体代码：街道、管理区或部门（如 civil 区民政局）' }) @IsCode() unitCode: string;
  @ApiPropertyOptional({ example: '属地调整', maxLength: TEXT_LIMITS.line }) @Optional() @IsText(LINE) reason?: string;
}

export class TransferUpRequest implements TransferUpPayload {
  @ApiProperty({ example: '涉事人员干部管理权限在市级', maxLength: TEXT_LIMITS.line }) @IsText(LINE) reason: string;
}

class TeamMemberIn {
  @ApiProperty({ example: '王某' }) @IsText(NAME) name: string;
  @ApiProperty({ enum: ['leader', 'member'], description: 'leader 组长 / member 成员' }) @IsOneOf(['leader', 'member'], { leader: '组长', member: '成员' }) role: 'leader' | 'member';
  @ApiProperty({ enum: MEMBER_KINDS }) @IsOneOf(MEMBER_KINDS, MEMBER_KIND_LABELS) kind: MemberKind;
}

class PersonIn {
  @ApiProperty() @IsText(NAME) name: string;
  @ApiProperty({ enum: PERSON_CATEGORIES }) @IsOneOf(PERSON_CATEGORIES, PERSON_CATEGORY_LABELS) category: PersonCategory;
}

class EvidenceIn {
  @ApiProperty({ example: 'photo', description: '证据类型，如 photo、record、statement' }) @IsText({ max: 64, required: true, singleLine: true }) kind: string;
  @ApiProperty({ example: 'oss://evidence/123.jpg', description: '证据的存放位置或编号' }) @IsText({ max: TEXT_LIMITS.line, required: true, singleLine: true }) ref: string;
}

class MethodOmissionIn implements MethodOmission {
  @ApiProperty({ enum: VERIFICATION_METHODS, example: 'subject_statement' }) @IsText({ max: 64, required: true, singleLine: true }) method: VerificationMethod;
  @ApiProperty({ example: '对象已于2023年死亡，无法听取本人陈述', maxLength: TEXT_LIMITS.line }) @IsText(LINE) reason: string;
}

const STANDARDS_DOC = `五条标准（二(二)），须逐条确认：${Object.entries(STANDARD_LABELS).map(([k, v]) => `${k} ${v}`).join('；')}`;
const METHODS_DOC = `采用的方式：${Object.entries(METHOD_LABELS).map(([k, v]) => `${k} ${v}`).join('；')}；五种方式应全部采用，未采用的写入 methodsOmitted 并说明理由`;

/** The team, standards and methods a verification and a re-check both record (二(二)). */
class WorkIn {
  @ApiPropertyOptional({ enum: VERIFICATION_STANDARDS, isArray: true, description: STANDARDS_DOC })
  @Optional()
  @IsArray()
  @Items(undefined, 10)
  @IsOneOf(VERIFICATION_STANDARDS, STANDARD_LABELS, { each: true })
  standards?: VerificationStandard[];
  @ApiProperty({ enum: VERIFICATION_METHODS, isArray: true, description: METHODS_DOC })
  @IsArray()
  @Items(undefined, 20)
  @IsText({ max: 64, required: true, singleLine: true }, { each: true })
  methods: VerificationMethod[];
  @ApiPropertyOptional({ type: [MethodOmissionIn], description: '未采用的方式及理由（如对象已死亡，无法听对象陈述）' })
  @Optional()
  @IsArray()
  @Items(undefined, 20)
  @ValidateNested({ each: true })
  @Type(() => MethodOmissionIn)
  methodsOmitted?: MethodOmissionIn[];
  @ApiPropertyOptional({ type: [EvidenceIn], description: '证据；查实、部分属实或推翻查否结论时至少一项' })
  @Optional()
  @IsArray()
  @Items(undefined, 200)
  @ValidateNested({ each: true })
  @Type(() => EvidenceIn)
  evidence?: EvidenceIn[];
}

export class VerificationRequest extends WorkIn implements VerificationPayload {
  @ApiProperty({ type: [TeamMemberIn], description: '核查组：至少一名组长、两名成员，不得有村、社区干部' })
  @IsArray()
  @Items(undefined, 50)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberIn)
  team: TeamMemberIn[];
  @ApiProperty({ enum: CONCLUSIONS }) @IsOneOf(CONCLUSIONS, CONCLUSION_LABELS) conclusion: Conclusion;
  @ApiProperty({ description: '核查情况', maxLength: TEXT_LIMITS.text }) @IsText(TEXT) findings: string;
  @ApiPropertyOptional({ description: '查实金额（元）；查实或部分属实时必填' }) @Optional() @IsAmount() amountConfirmed?: number;
  @ApiPropertyOptional({ enum: VIOLATION_TYPES }) @Optional() @IsOneOf(VIOLATION_TYPES, VIOLATION_TYPE_LABELS) violationType?: ViolationType;
  @ApiPropertyOptional({ type: [PersonIn] }) @Optional() @IsArray() @Items(undefined, 200) @ValidateNested({ each: true }) @Type(() => PersonIn) personsInvolved?: PersonIn[];
  @ApiPropertyOptional({ description: '突出问题（三(二) 及时上报）：写明问题所在；当日告知区专班和区纪委监委。不是突出问题则不填', maxLength: TEXT_LIMITS.text })
  @Optional()
  @IsText(TEXT)
  seriousProblem?: string;
}

export class SignoffRequest implements SignoffPayload {
  @ApiProperty({ description: 'true 同意；false 退回重新核查（须写退回意见）' }) @IsBooleanValue() approve: boolean;
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.line }) @Optional() @IsText(LINE) comment?: string;
}

class RecheckTeamMemberIn extends TeamMemberIn implements RecheckTeamMember {
  @ApiPropertyOptional({ example: 'syg-jd', description: '从哪个单位或部门抽调（不得为原核查单位）；区级人员不填' }) @Optional() @IsCode() unitCode?: string;
}

export class RecheckRequest extends WorkIn implements RecheckPayload {
  @ApiProperty({ type: [RecheckTeamMemberIn], description: '复核组：与核查组同一要求，成员不得来自原核查单位' })
  @IsArray()
  @Items(undefined, 50)
  @ValidateNested({ each: true })
  @Type(() => RecheckTeamMemberIn)
  team: RecheckTeamMemberIn[];
  @ApiProperty({ enum: RECHECK_RESULTS, description: 'confirmed 维持查否 / overturned 推翻' }) @IsOneOf(RECHECK_RESULTS, { confirmed: '维持', overturned: '推翻' }) result: RecheckResult;
  @ApiProperty({ description: '复核情况', maxLength: TEXT_LIMITS.text }) @IsText(TEXT) findings: string;
  @ApiPropertyOptional({ enum: CONCLUSIONS, description: '推翻时的新结论（默认查实）' }) @Optional() @IsOneOf(CONCLUSIONS, CONCLUSION_LABELS) conclusion?: Conclusion;
  @ApiPropertyOptional({ description: '查实金额（元）' }) @Optional() @IsAmount() amountConfirmed?: number;
}

export class ClassificationRequest implements ClassificationPayload {
  @ApiProperty({ enum: DISPOSITIONS, isArray: true, description: Object.entries(DISPOSITION_LABELS).map(([k, v]) => `${k} ${v}`).join('；') })
  @IsArray()
  @Items(undefined, 3)
  @IsOneOf(DISPOSITIONS, DISPOSITION_LABELS, { each: true })
  dispositions: Disposition[];
  @ApiProperty({ description: '分类理由', maxLength: TEXT_LIMITS.line }) @IsText(LINE) reason: string;
}

export class RectificationRequest implements RectificationPayload {
  @ApiProperty({ description: '整改措施', maxLength: TEXT_LIMITS.text }) @IsText(TEXT) measures: string;
  @ApiPropertyOptional({ description: '追回金额（元）；经单位主要领导审核同意后计入统计与专题报告' }) @Optional() @IsAmount() amountRecovered?: number;
  @ApiProperty({ description: '整改是否已完成' }) @IsBooleanValue() completed: boolean;
}

export class RectificationSignoffRequest implements RectificationSignoffPayload {
  @ApiProperty({ description: 'true 同意（追回金额自此计入统计与专题报告）；false 退回重报（须写退回意见）' }) @IsBooleanValue() approve: boolean;
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.line }) @Optional() @IsText(LINE) comment?: string;
}

export class AcceptRectificationRequest implements AcceptRectificationPayload {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.line }) @Optional() @IsText(LINE) comment?: string;
}

export class ReferralOutcomeRequest implements ReferralOutcomePayload {
  @ApiPropertyOptional({ example: '黄纪2024-01' }) @Optional() @IsText({ max: TEXT_LIMITS.name, singleLine: true }) caseNo?: string;
  @ApiProperty({ description: '处理结果', maxLength: TEXT_LIMITS.text }) @IsText(TEXT) outcome: string;
  @ApiPropertyOptional({ minimum: 0, description: '处理人数' }) @Optional() @IsWholeNumber(0, 100_000) personsHandled?: number;
}

export class RuleRequest implements RulePayload {
  @ApiProperty({ description: '制度名称', maxLength: TEXT_LIMITS.name }) @IsText({ max: TEXT_LIMITS.name, singleLine: true }) title: string;
  @ApiProperty({ description: '制度内容摘要', maxLength: TEXT_LIMITS.text }) @IsText(TEXT) summary: string;
}

/** What every action replies: the clue's state right after it. */
export class ClueViewOut {
  @ApiProperty() campaignId: string;
  @ApiProperty() clueNo: string;
  @ApiProperty({ enum: STAGES }) stage: Stage;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty({ enum: CONCLUSIONS, nullable: true }) conclusion: Conclusion | null;
  @ApiProperty({ enum: DISPOSITIONS, isArray: true }) dispositions: Disposition[];
  @ApiProperty({ enum: DISPOSITIONS, isArray: true }) completedDispositions: Disposition[];
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) nextDeadline: string | null;
  @ApiProperty() escalationLevel: number;
}
