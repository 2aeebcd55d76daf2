/**
 * Campaigns (专项工作): the campaign document as `campaign/huangshigang-2024.json` writes it, the
 * deadline extension and contacts requests, and the campaign as the API returns it.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { TEXT_LIMITS } from '../../domain/input';
import { DEADLINE_LABELS, MEMBER_KIND_LABELS } from '../../domain/labels';
import { MEMBER_KINDS, type MemberKind } from '../../domain/vocabulary';
import { IsCode, IsDay, IsEmailAddress, IsOneOf, IsText, IsWholeNumber, Items, Optional } from '../shared/validation';

const NAME = { max: TEXT_LIMITS.name, required: true, singleLine: true } as const;
const LINE = { max: TEXT_LIMITS.line } as const;
const CONTACT_ROLES = ['officer', 'leader'] as const;

class CampaignWindow {
  @ApiProperty({ example: '2024-08-01' }) @IsDay() start: string;
  @ApiProperty({ example: '2024-10-31' }) @IsDay() end: string;
}

export class CampaignDeadlines {
  @ApiProperty({ example: '2024-08-08', description: DEADLINE_LABELS.mobilization }) @IsDay() mobilization: string;
  @ApiProperty({ example: '2024-08-30', description: DEADLINE_LABELS.verification }) @IsDay() verification: string;
  @ApiProperty({ example: '2024-09-20', description: DEADLINE_LABELS.recheck }) @IsDay() recheck: string;
  @ApiProperty({ example: '2024-10-10', description: DEADLINE_LABELS.rectification }) @IsDay() rectification: string;
  @ApiProperty({ example: '2024-10-20', description: DEADLINE_LABELS.report }) @IsDay() report: string;
}

class CampaignTargets {
  @ApiPropertyOptional({ example: 1, minimum: 0, maximum: 1 }) @Optional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) verificationRate?: number;
  @ApiPropertyOptional({ example: 0.2, minimum: 0.01, maximum: 1 }) @Optional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.01) @Max(1) recheckSampleRate?: number;
}

class VerificationTeamRule {
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsWholeNumber(1, 100) minLeaders: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsWholeNumber(0, 100) minMembers: number;
  @ApiProperty({ enum: MEMBER_KINDS, isArray: true }) @IsArray() @IsOneOf(MEMBER_KINDS, MEMBER_KIND_LABELS, { each: true }) forbiddenMemberKinds: MemberKind[];
  @ApiPropertyOptional({ example: '核查组不得抽调村、社区干部参与核查' }) @Optional() @IsText(LINE) rule?: string;
}

class CodeName {
  @ApiProperty({ example: 'subject_statement' }) @IsText({ max: 64, required: true, singleLine: true }) code: string;
  @ApiProperty({ example: '听对象陈述' }) @IsText(NAME) name: string;
}

class NamedDisposition extends CodeName {
  @ApiPropertyOptional() @Optional() @IsText(NAME) owner?: string;
  @ApiPropertyOptional() @Optional() @IsText(LINE) when?: string;
}

export class ContactIn {
  @ApiProperty({ example: '张三' }) @IsText(NAME) name: string;
  @ApiProperty({ enum: CONTACT_ROLES, description: 'officer 经办人 / leader 主要领导' }) @IsOneOf(CONTACT_ROLES, { officer: '经办人', leader: '主要领导' }) role: 'officer' | 'leader';
  @ApiProperty({ example: 'zhangsan@example.org' }) @IsEmailAddress() email: string;
}

class UnitIn {
  @ApiProperty({ example: 'hsg-jd' }) @IsCode() code: string;
  @ApiProperty({ example: '黄石港街道' }) @IsText(NAME) name: string;
  @ApiProperty({ example: 'street', description: 'street 街道 / management_zone 管理区' }) @IsText({ max: 64, required: true, singleLine: true }) kind: string;
  @ApiPropertyOptional({ type: [ContactIn] }) @Optional() @IsArray() @ValidateNested({ each: true }) @Type(() => ContactIn) contacts?: ContactIn[];
}

class DepartmentIn {
  @ApiProperty({ example: 'edu' }) @IsCode() code: string;
  @ApiProperty({ example: '区教育局' }) @IsText(NAME) name: string;
  @ApiPropertyOptional({ type: [ContactIn] }) @Optional() @IsArray() @ValidateNested({ each: true }) @Type(() => ContactIn) contacts?: ContactIn[];
}

class ProjectIn {
  @ApiProperty({ minimum: 1, maximum: 30 }) @IsWholeNumber(1, 30) no: number;
  @ApiProperty({ example: 'edu', description: '责任部门代码' }) @IsCode() department: string;
  @ApiProperty({ example: '学前教育资助资金' }) @IsText(NAME) name: string;
}

class PersonContact {
  @ApiProperty({ example: '区专班办公室' }) @IsText(NAME) name: string;
  @ApiProperty({ example: 'zhuanban@example.org' }) @IsEmailAddress() email: string;
}

class CampaignContacts {
  @ApiPropertyOptional({ type: [PersonContact], description: '区专班（办公室设在区政数局）：待分派、待分类、待验收线索的汇总与逾期升级第3级的收件人；专题报告签发后报送' })
  @Optional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PersonContact)
  taskForce?: PersonContact[];
  @ApiPropertyOptional({ type: [PersonContact], description: '区纪委监委：逾期升级第4级、移交线索处理结果提醒、问责事项、突出问题与专题报告的收件人' })
  @Optional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PersonContact)
  discipline?: PersonContact[];
  @ApiPropertyOptional({ type: [PersonContact], description: '区复核抽查组（三(二) 区级成立复核抽查组）：待抽查、复核中线索的汇总与逾期升级第1、2级的收件人' })
  @Optional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PersonContact)
  recheckGroup?: PersonContact[];
}

class ReminderSettings {
  @ApiPropertyOptional({ minimum: 0, maximum: 23, example: 8, description: '每日汇总的发送时刻（本地小时）' }) @Optional() @IsWholeNumber(0, 23) digestHour?: number;
  @ApiPropertyOptional({ example: [7, 3, 1], description: '到期前第几天在汇总中提醒' })
  @Optional()
  @IsArray()
  @Items(undefined, 10)
  @IsWholeNumber(1, 365, { each: true })
  days?: number[];
}

/** A campaign document in the format of campaign/huangshigang-2024.json. */
export class CampaignDocument {
  @ApiProperty({ example: 'hsg-2024' }) @IsCode() id: string;
  @ApiProperty({ example: '2024年黄石港区惠民惠农政策落实大数据监督检查' }) @IsText(NAME) title: string;
  @ApiPropertyOptional({ example: '黄石港区数字政府建设工作领导小组办公室' }) @Optional() @IsText(NAME) issuer?: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA 时区名' }) @IsText({ max: 64, required: true, singleLine: true }) timezone: string;
  @ApiProperty({ type: CampaignWindow }) @IsObject() @ValidateNested() @Type(() => CampaignWindow) window: CampaignWindow;
  @ApiProperty({ type: CampaignDeadlines, description: '各阶段期限（含当日）' }) @IsObject() @ValidateNested() @Type(() => CampaignDeadlines) deadlines: CampaignDeadlines;
  @ApiPropertyOptional({ description: '期限的含义（说明文字）' }) @Optional() @IsText(LINE) deadlineMeaning?: string;
  @ApiPropertyOptional({ type: CampaignTargets }) @Optional() @ValidateNested() @Type(() => CampaignTargets) targets?: CampaignTargets;
  @ApiPropertyOptional({ description: '抽查规则（说明文字）' }) @Optional() @IsText(LINE) recheckRule?: string;
  @ApiPropertyOptional({ description: '逾期后第几天升级到第1、2、3、4级（单位经办人→单位主要领导→区专班→区纪委监委）', example: [0, 3, 7, 14] })
  @Optional()
  @IsArray()
  @Items(1, 10)
  @IsWholeNumber(0, 365, { each: true })
  escalationAfterDays?: number[];
  @ApiProperty({ type: VerificationTeamRule }) @IsObject() @ValidateNested() @Type(() => VerificationTeamRule) verificationTeam: VerificationTeamRule;
  @ApiPropertyOptional({ type: [String], description: '五条标准（二(二)）' }) @Optional() @IsArray() @IsText(NAME, { each: true }) verificationStandards?: string[];
  @ApiProperty({ type: [CodeName], description: '五种方式（二(二)）' }) @IsArray() @Items(1, undefined) @ValidateNested({ each: true }) @Type(() => CodeName) verificationMethods: CodeName[];
  @ApiPropertyOptional({ type: [CodeName] }) @Optional() @IsArray() @ValidateNested({ each: true }) @Type(() => CodeName) conclusions?: CodeName[];
  @ApiPropertyOptional({ type: [NamedDisposition] }) @Optional() @IsArray() @ValidateNested({ each: true }) @Type(() => NamedDisposition) dispositions?: NamedDisposition[];
  @ApiPropertyOptional({ type: [String], example: ['区纪委监委', '区政数局'], description: '专题报告的报送对象' }) @Optional() @IsArray() @IsText(NAME, { each: true }) reportRecipients?: string[];
  @ApiPropertyOptional({ example: '区政数局' }) @Optional() @IsText(NAME) taskForceOffice?: string;
  @ApiProperty({ type: [UnitIn] }) @IsArray() @Items(1, 1000) @ValidateNested({ each: true }) @Type(() => UnitIn) units: UnitIn[];
  @ApiPropertyOptional() @Optional() @IsText(LINE) unitsNote?: string;
  @ApiProperty({ type: [DepartmentIn] }) @IsArray() @Items(1, 1000) @ValidateNested({ each: true }) @Type(() => DepartmentIn) departments: DepartmentIn[];
  @ApiProperty({ type: [ProjectIn] }) @IsArray() @Items(1, 30) @ValidateNested({ each: true }) @Type(() => ProjectIn) projects: ProjectIn[];
  @ApiPropertyOptional({ type: CampaignContacts }) @Optional() @ValidateNested() @Type(() => CampaignContacts) contacts?: CampaignContacts;
  @ApiPropertyOptional({ type: ReminderSettings }) @Optional() @ValidateNested() @Type(() => ReminderSettings) reminders?: ReminderSettings;
}

export class DeadlinesRequest {
  @ApiPropertyOptional({ example: '2024-08-12' }) @Optional() @IsDay() mobilization?: string;
  @ApiPropertyOptional({ example: '2024-09-06' }) @Optional() @IsDay() verification?: string;
  @ApiPropertyOptional() @Optional() @IsDay() recheck?: string;
  @ApiPropertyOptional() @Optional() @IsDay() rectification?: string;
  @ApiPropertyOptional() @Optional() @IsDay() report?: string;
  @ApiProperty({ example: '汛期影响入户核查' }) @IsText({ max: TEXT_LIMITS.line, required: true }) reason: string;
}

export class ContactsRequest {
  @ApiProperty({ type: [ContactIn] }) @IsArray() @Items(undefined, 100) @ValidateNested({ each: true }) @Type(() => ContactIn) contacts: ContactIn[];
}

export class ContactOut {
  @ApiProperty() name: string;
  @ApiProperty({ enum: CONTACT_ROLES }) role: 'officer' | 'leader';
  @ApiProperty() email: string;
}

export class ContactsOut {
  @ApiProperty() unitCode: string;
  @ApiProperty({ type: [ContactOut] }) contacts: ContactOut[];
}

export class CampaignListItem {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['pending', 'active'] }) status: 'pending' | 'active';
  @ApiProperty({ type: CampaignDeadlines }) deadlines: CampaignDeadlines;
  @ApiProperty() createdAt: string;
}

class UnitOut {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: [ContactOut], description: '仅区专班（coordinator）可见；其他身份为空数组' }) contacts: ContactOut[];
}

class DepartmentOut {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ContactOut], description: '仅区专班（coordinator）可见；其他身份为空数组' }) contacts: ContactOut[];
}

class ProjectOut {
  @ApiProperty() no: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: '责任部门代码' }) department: string;
}

class TargetsOut {
  @ApiProperty() verificationRate: number;
  @ApiProperty() recheckSampleRate: number;
}

export class CampaignOut {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty() timezone: string;
  @ApiProperty({ enum: ['pending', 'active'] }) status: 'pending' | 'active';
  @ApiProperty({ type: CampaignWindow }) window: CampaignWindow;
  @ApiProperty({ type: CampaignDeadlines, description: '当前期限（含延期）' }) deadlines: CampaignDeadlines;
  @ApiProperty({ type: CampaignDeadlines, description: '工作方案原定期限' }) originalDeadlines: CampaignDeadlines;
  @ApiProperty() calendarVersion: number;
  @ApiProperty({ type: [Number] }) escalationAfterDays: number[];
  @ApiProperty({ type: TargetsOut }) targets: TargetsOut;
  @ApiProperty({ type: VerificationTeamRule }) verificationTeam: VerificationTeamRule;
  @ApiProperty({ type: [CodeName] }) verificationMethods: CodeName[];
  @ApiProperty({ type: [UnitOut] }) units: UnitOut[];
  @ApiProperty({ type: [DepartmentOut] }) departments: DepartmentOut[];
  @ApiProperty({ type: [ProjectOut] }) projects: ProjectOut[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) activatedAt: string | null;
}

export class DeadlineExtensionOut {
  @ApiProperty({ type: CampaignDeadlines }) deadlines: CampaignDeadlines;
  @ApiProperty() calendarVersion: number;
  @ApiProperty({ description: '收到新期限的运行中线索数' }) cluesSignalled: number;
}
