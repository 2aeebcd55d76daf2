/** Clues as the ledger shows them: the list's filters, one clue, its timeline. */
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { CONCLUSION_LABELS, STAGE_LABELS } from '../../domain/labels';
import { CONCLUSIONS, DISPOSITIONS, STAGES, VIOLATION_TYPES, type Conclusion, type Disposition, type Stage, type ViolationType } from '../../domain/vocabulary';
import { PageOut, PageQuery } from '../shared/paging';
import { IsBooleanValue, IsCode, IsOneOf, IsText, IsWholeNumber, Optional, ToBoolean, ToNumber } from '../shared/validation';

export const CLUE_SORTS = ['clueNo', 'deadline', '-deadline'] as const;
export type ClueSort = (typeof CLUE_SORTS)[number];

/** The filters of GET /clues, which the ledger export takes too. */
export class ClueFilterQuery {
  @ApiPropertyOptional({ example: 'hsg-jd', description: '核查单位代码' }) @Optional() @IsCode() unitCode?: string;
  @ApiPropertyOptional({ example: 'civil', description: '责任部门代码（其项目的线索）' }) @Optional() @IsCode() department?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 30 }) @Optional() @ToNumber() @IsWholeNumber(1, 30) projectNo?: number;
  @ApiPropertyOptional({ enum: STAGES }) @Optional() @IsOneOf(STAGES, STAGE_LABELS) stage?: Stage;
  @ApiPropertyOptional({ type: Boolean }) @Optional() @ToBoolean() @IsBooleanValue() overdue?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 4, description: '逾期升级级别（0 = 未升级；4 = 区纪委监委）' })
  @Optional()
  @ToNumber()
  @IsWholeNumber(0, 4)
  escalationLevel?: number;
  @ApiPropertyOptional({ maxLength: 100, description: '按线索编号、姓名、社区模糊查找' }) @Optional() @IsText({ max: 100, singleLine: true }) q?: string;
}

export class ClueListQuery extends IntersectionType(ClueFilterQuery, PageQuery) {
  @ApiPropertyOptional({ example: 'hsg-2024' }) @Optional() @IsCode() campaignId?: string;
  @ApiPropertyOptional({ enum: CLUE_SORTS, default: 'clueNo', description: 'deadline：期限近的在前；-deadline：期限远的在前' })
  @Optional()
  @IsOneOf(CLUE_SORTS)
  sort?: ClueSort;
}

/** `?campaignId=` on every route about one clue: clue numbers are unique within a campaign. */
export class ClueQuery {
  @ApiProperty({ example: 'hsg-2024', description: '专项工作 id（必填）' }) @IsCode() campaignId: string;
}

export class ClueOut {
  @ApiProperty({ example: 'HSG-2024-000001' }) clueNo: string;
  @ApiProperty() campaignId: string;
  @ApiProperty({ minimum: 1, maximum: 30 }) projectNo: number;
  @ApiProperty({ type: String, nullable: true, description: '当前核查单位；未分派为 null' }) unitCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: '核查结论经审核时的核查单位' }) verifyingUnitCode: string | null;
  @ApiProperty({ enum: STAGES }) stage: Stage;
  @ApiProperty({ enum: CONCLUSIONS, nullable: true, description: Object.entries(CONCLUSION_LABELS).map(([k, v]) => `${k} ${v}`).join('；') }) conclusion: Conclusion | null;
  @ApiProperty({ enum: DISPOSITIONS, isArray: true }) dispositions: Disposition[];
  @ApiProperty({ enum: DISPOSITIONS, isArray: true }) completedDispositions: Disposition[];
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true, description: '当前阶段的逾期起算时刻' }) nextDeadline: string | null;
  @ApiProperty({ minimum: 0 }) escalationLevel: number;
  @ApiProperty({ description: '涉及金额（元）' }) amountInvolved: number;
  @ApiProperty({ type: Number, nullable: true }) amountConfirmed: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '追回金额（元），经单位主要领导审核同意的' }) amountRecovered: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '已报告、待单位主要领导审核的追回金额（元）；审核前不计入统计' }) amountRecoveredPending: number | null;
  @ApiProperty({ description: '核查不实（复核推翻）' }) verificationInaccurate: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: '是否抽中复核；未参与抽查为 null' }) sampled: boolean | null;
  @ApiProperty({ enum: VIOLATION_TYPES, nullable: true }) violationType: ViolationType | null;
  @ApiProperty() subjectName: string;
  @ApiProperty({ description: '身份证号；除区专班与区纪委监委外均打码' }) subjectIdNo: string;
  @ApiProperty({ type: String, nullable: true }) community: string | null;
  @ApiProperty() clueType: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) issuedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) closedReason: string | null;
  @ApiProperty({ description: '工作流已启动；大批量导入后可能仍在启动中' }) workflowStarted: boolean;
  @ApiProperty() importedAt: string;
  @ApiProperty() updatedAt: string;
}

export class ClueListOut extends PageOut {
  @ApiProperty({ type: [ClueOut] }) items: ClueOut[];
}

export class TimelineEvent {
  @ApiProperty() seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ description: '办理人' }) actor: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ type: String, nullable: true }) actorUnit: string | null;
  @ApiProperty({ example: 'verification_submitted' }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
}

const ENTRY = (description: string) => ({ type: 'object', nullable: true, additionalProperties: true, description }) as const;

/** What was found, decided and done on a clue, by whom: each part null until it happens. */
export class ClueRecordOut {
  @ApiProperty(ENTRY('核查：核查组、标准、方式、结论、情况、金额、人员、证据、录入人')) verification: Record<string, unknown> | null;
  @ApiProperty(ENTRY('主要领导审核：同意或退回、意见、审核人')) signoff: Record<string, unknown> | null;
  @ApiProperty(ENTRY('抽查：是否抽中、第几次抽查')) sampling: Record<string, unknown> | null;
  @ApiProperty(ENTRY('复核：维持或推翻、情况、复核组、复核人')) recheck: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: '分类理由' }) classificationReason: string | null;
  @ApiProperty(ENTRY('整改：措施、追回金额、是否完成、领导签批、验收')) rectification: Record<string, unknown> | null;
  @ApiProperty(ENTRY('移交纪检监察机关的处理结果')) referral: Record<string, unknown> | null;
  @ApiProperty(ENTRY('建章立制')) rule: Record<string, unknown> | null;
  @ApiProperty(ENTRY('上报上级纪委监委')) transfer: Record<string, unknown> | null;
  @ApiProperty(ENTRY('销号：由谁、为何、何时')) closed: Record<string, unknown> | null;
}

export class ClueDetailOut extends ClueOut {
  @ApiProperty() projectName: string;
  @ApiProperty({ description: '责任部门代码' }) departmentCode: string;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
  @ApiProperty({ type: ClueRecordOut, description: '核查、审核、抽查、复核、分类、整改、移交、制度、上报、销号的记录' }) record: ClueRecordOut;
  @ApiProperty({ type: [TimelineEvent] }) timeline: TimelineEvent[];
  @ApiProperty({ type: String, nullable: true, description: '该线索工作流在 Temporal Web UI 中的地址' }) workflowUrl: string | null;
}
