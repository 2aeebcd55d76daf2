/**
 * Request bodies, validated by the global ValidationPipe (class-validator) and documented in
 * OpenAPI by @nestjs/swagger. Field names are the contract of API.md.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CONCLUSIONS,
  DISPOSITIONS,
  MEMBER_KINDS,
  NOTICE_SEVERITIES,
  PERSON_CATEGORIES,
  ROLES,
  VERIFICATION_METHODS,
  VIOLATION_TYPES,
  type Conclusion,
  type Disposition,
  type MemberKind,
  type NoticeSeverity,
  type PersonCategory,
  type Role,
  type VerificationMethod,
  type ViolationType,
} from '../domain/vocabulary';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class TokenRequest {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ example: 'hsg-jd' }) @IsOptional() @IsString() unitCode?: string;
  @ApiProperty({ example: '黄石港街道核查组' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

class CampaignWindow {
  @ApiProperty({ example: '2024-08-01' }) @Matches(DATE) start: string;
  @ApiProperty({ example: '2024-10-31' }) @Matches(DATE) end: string;
}

class CampaignDeadlines {
  @ApiProperty({ example: '2024-08-08' }) @Matches(DATE) mobilization: string;
  @ApiProperty({ example: '2024-08-30' }) @Matches(DATE) verification: string;
  @ApiProperty({ example: '2024-09-20' }) @Matches(DATE) recheck: string;
  @ApiProperty({ example: '2024-10-10' }) @Matches(DATE) rectification: string;
  @ApiProperty({ example: '2024-10-20' }) @Matches(DATE) report: string;
}

class CampaignTargets {
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) verificationRate?: number;
  @ApiPropertyOptional({ example: 0.2 }) @IsOptional() @IsNumber() @Min(0.01) @Max(1) recheckSampleRate?: number;
}

class VerificationTeamRule {
  @ApiProperty() @IsInt() @Min(1) minLeaders: number;
  @ApiProperty() @IsInt() @Min(0) minMembers: number;
  @ApiProperty({ enum: MEMBER_KINDS, isArray: true }) @IsArray() @IsIn(MEMBER_KINDS, { each: true }) forbiddenMemberKinds: MemberKind[];
}

class CodeName {
  @ApiProperty() @IsString() code: string;
  @ApiProperty() @IsString() name: string;
}

export class ContactIn {
  @ApiProperty({ example: '张三' }) @IsString() @MinLength(1) name: string;
  @ApiProperty({ enum: ['officer', 'leader'] }) @IsIn(['officer', 'leader']) role: 'officer' | 'leader';
  @ApiProperty({ example: 'zhangsan@example.org' }) @IsEmail() email: string;
}

class UnitIn {
  @ApiProperty({ example: 'hsg-jd' }) @Matches(CODE, { message: 'code 只能由小写字母、数字、-、_ 组成' }) code: string;
  @ApiProperty({ example: '黄石港街道' }) @IsString() @MinLength(1) name: string;
  @ApiProperty({ example: 'street' }) @IsString() kind: string;
  @ApiPropertyOptional({ type: [ContactIn] }) @IsOptional() @ValidateNested({ each: true }) @Type(() => ContactIn) contacts?: ContactIn[];
}

class DepartmentIn {
  @ApiProperty({ example: 'edu' }) @Matches(CODE) code: string;
  @ApiProperty({ example: '区教育局' }) @IsString() @MinLength(1) name: string;
  @ApiPropertyOptional({ type: [ContactIn] }) @IsOptional() @ValidateNested({ each: true }) @Type(() => ContactIn) contacts?: ContactIn[];
}

class ProjectIn {
  @ApiProperty({ minimum: 1, maximum: 30 }) @IsInt() @Min(1) @Max(30) no: number;
  @ApiProperty({ example: 'edu' }) @IsString() department: string;
  @ApiProperty({ example: '学前教育资助资金' }) @IsString() @MinLength(1) name: string;
}

class PersonContact {
  @ApiProperty({ example: '区专班办公室' }) @IsString() @MinLength(1) name: string;
  @ApiProperty({ example: 'zhuanban@example.org' }) @IsEmail({}, { message: 'email 不是有效的邮箱地址' }) email: string;
}

class CampaignContacts {
  @ApiPropertyOptional({ type: [PersonContact] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PersonContact) taskForce?: PersonContact[];
  @ApiPropertyOptional({ type: [PersonContact] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PersonContact) discipline?: PersonContact[];
}

class ReminderSettings {
  @ApiPropertyOptional({ minimum: 0, maximum: 23, example: 8 }) @IsOptional() @IsInt() @Min(0) @Max(23) digestHour?: number;
  @ApiPropertyOptional({ example: [7, 3, 1], description: '到期前第几天在汇总中提醒' }) @IsOptional() @IsArray() @IsInt({ each: true }) @Min(1, { each: true }) days?: number[];
}

/** A campaign document in the format of campaign/huangshigang-2024.json. */
export class CampaignDocument {
  @ApiProperty({ example: 'hsg-2024' }) @Matches(CODE, { message: 'id 只能由小写字母、数字、-、_ 组成，且不超过64位' }) id: string;
  @ApiProperty() @IsString() @MinLength(1) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() issuer?: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) @IsString() timezone: string;
  @ApiProperty() @ValidateNested() @Type(() => CampaignWindow) window: CampaignWindow;
  @ApiProperty() @ValidateNested() @Type(() => CampaignDeadlines) deadlines: CampaignDeadlines;
  @ApiPropertyOptional() @IsOptional() @ValidateNested() @Type(() => CampaignTargets) targets?: CampaignTargets;
  @ApiPropertyOptional({ description: '逾期后第几天升级到第1、2、3、4级（单位经办人→单位主要领导→区专班→区纪委监委）', example: [0, 3, 7, 14] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(0, { each: true })
  escalationAfterDays?: number[];
  @ApiProperty() @ValidateNested() @Type(() => VerificationTeamRule) verificationTeam: VerificationTeamRule;
  @ApiProperty({ type: [CodeName] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CodeName) verificationMethods: CodeName[];
  @ApiProperty({ type: [UnitIn] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => UnitIn) units: UnitIn[];
  @ApiProperty({ type: [DepartmentIn] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => DepartmentIn) departments: DepartmentIn[];
  @ApiProperty({ type: [ProjectIn] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ProjectIn) projects: ProjectIn[];
  @ApiPropertyOptional({ description: '区专班（taskForce）、区纪委监委（discipline）的联系人：逾期升级第3、4级的收件人' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignContacts)
  contacts?: CampaignContacts;
  @ApiPropertyOptional({ description: '提醒设置：每日汇总的发送时刻（本地小时）与到期前几天提醒' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderSettings)
  reminders?: ReminderSettings;
  [extra: string]: unknown;
}

export class DeadlinesRequest {
  @ApiPropertyOptional({ example: '2024-08-12' }) @IsOptional() @Matches(DATE) mobilization?: string;
  @ApiPropertyOptional({ example: '2024-09-06' }) @IsOptional() @Matches(DATE) verification?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) recheck?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) rectification?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) report?: string;
  @ApiProperty({ example: '汛期影响入户核查' }) @IsString() @MinLength(1) reason: string;
}

/** One clue as imported (ClueIn). Validated row by row, so a bad row never sinks the batch. */
export class ClueIn {
  @ApiProperty({ example: 'HSG-2024-000001' }) @IsString() @Matches(/^[\w.-]{1,64}$/, { message: 'clueNo 应为1-64位字母、数字、-、_、.' }) clueNo: string;
  @ApiProperty({ minimum: 1, maximum: 30 }) @IsInt({ message: 'projectNo 应为1-30的整数' }) @Min(1) @Max(30) projectNo: number;
  @ApiPropertyOptional({ example: 'hsg-jd' }) @IsOptional() @IsString() unitCode?: string;
  @ApiProperty({ example: '李某' }) @IsString() @MinLength(1) subjectName: string;
  @ApiProperty({ example: '420202199001011234' }) @IsString() subjectIdNo: string;
  @ApiPropertyOptional({ example: '湖滨社区' }) @IsOptional() @IsString() community?: string;
  @ApiProperty({ example: '死亡人员领取补贴' }) @IsString() @MinLength(1) clueType: string;
  @ApiProperty() @IsString() @MinLength(1) description: string;
  @ApiProperty({ description: '涉及金额（元）', minimum: 0 }) @IsNumber({ maxDecimalPlaces: 2 }, { message: 'amountInvolved 应为不小于0的金额（元，最多两位小数）' }) @Min(0) amountInvolved: number;
  @ApiPropertyOptional({ example: '2024-08-02' }) @IsOptional() @Matches(DATE) issuedAt?: string;
}

export class ImportRequest {
  @ApiProperty({ type: [Object], description: 'ClueIn 数组；逐条校验' }) @IsArray() @ArrayMinSize(1) clues: unknown[];
}

export class DispatchRequest {
  @ApiProperty({ example: 'hsg-jd' }) @IsString() @MinLength(1) unitCode: string;
  @ApiPropertyOptional() @IsOptional() @IsString() reason?: string;
}

export class TransferUpRequest {
  @ApiProperty({ example: '涉事人员干部管理权限在市级' }) @IsString() reason: string;
}

class TeamMemberIn {
  @ApiProperty() @IsString() @MinLength(1) name: string;
  @ApiProperty({ enum: ['leader', 'member'] }) @IsIn(['leader', 'member']) role: 'leader' | 'member';
  @ApiProperty({ enum: MEMBER_KINDS }) @IsIn(MEMBER_KINDS) kind: MemberKind;
}

class PersonIn {
  @ApiProperty() @IsString() @MinLength(1) name: string;
  @ApiProperty({ enum: PERSON_CATEGORIES }) @IsIn(PERSON_CATEGORIES) category: PersonCategory;
}

class EvidenceIn {
  @ApiProperty({ example: 'photo' }) @IsString() kind: string;
  @ApiProperty({ example: 'oss://evidence/123.jpg' }) @IsString() ref: string;
}

export class VerificationRequest {
  @ApiProperty({ type: [TeamMemberIn] }) @IsArray() @ValidateNested({ each: true }) @Type(() => TeamMemberIn) team: TeamMemberIn[];
  @ApiProperty({ enum: VERIFICATION_METHODS, isArray: true }) @IsArray() @IsIn(VERIFICATION_METHODS, { each: true }) methods: VerificationMethod[];
  @ApiProperty({ enum: CONCLUSIONS }) @IsIn(CONCLUSIONS) conclusion: Conclusion;
  @ApiProperty() @IsString() findings: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) amountConfirmed?: number;
  @ApiPropertyOptional({ enum: VIOLATION_TYPES }) @IsOptional() @IsIn(VIOLATION_TYPES) violationType?: ViolationType;
  @ApiPropertyOptional({ type: [PersonIn] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PersonIn) personsInvolved?: PersonIn[];
  @ApiPropertyOptional({ type: [EvidenceIn] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => EvidenceIn) evidence?: EvidenceIn[];
}

export class SignoffRequest {
  @ApiProperty() @IsBoolean() approve: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() comment?: string;
}

export class RecheckRequest {
  @ApiProperty({ enum: ['confirmed', 'overturned'] }) @IsIn(['confirmed', 'overturned']) result: 'confirmed' | 'overturned';
  @ApiProperty() @IsString() findings: string;
  @ApiPropertyOptional({ enum: CONCLUSIONS }) @IsOptional() @IsIn(CONCLUSIONS) conclusion?: Conclusion;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) amountConfirmed?: number;
}

export class ClassificationRequest {
  @ApiProperty({ enum: DISPOSITIONS, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(DISPOSITIONS, { each: true }) dispositions: Disposition[];
  @ApiProperty() @IsString() reason: string;
}

export class RectificationRequest {
  @ApiProperty() @IsString() measures: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) amountRecovered?: number;
  @ApiProperty() @IsBoolean() completed: boolean;
}

export class AcceptRectificationRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() comment?: string;
}

export class ReferralOutcomeRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() caseNo?: string;
  @ApiProperty() @IsString() outcome: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) personsHandled?: number;
}

export class RuleRequest {
  @ApiProperty() @IsString() title: string;
  @ApiProperty() @IsString() summary: string;
}

export class ContactsRequest {
  @ApiProperty({ type: [ContactIn] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ContactIn) contacts: ContactIn[];
}


/** 通报: an inspector's finding against a unit (shallow verification, perfunctory re-check, slow rectification). */
export class NoticeRequest {
  @ApiPropertyOptional({ example: 'hsg-2024', description: '单位只属于一个专项工作时可省略' }) @IsOptional() @IsString() campaignId?: string;
  @ApiProperty({ example: 'hsg-jd' }) @IsString() @MinLength(1) unitCode: string;
  @ApiPropertyOptional({ example: ['HSG-2024-000001'] }) @IsOptional() @IsArray() @IsString({ each: true }) clueNos?: string[];
  @ApiProperty({ example: '核查流于形式，未入户核实' }) @IsString() @MinLength(1) finding: string;
  @ApiProperty({ enum: NOTICE_SEVERITIES, description: '一般 general / 较重 serious / 严重 grave' }) @IsIn(NOTICE_SEVERITIES) severity: NoticeSeverity;
}
