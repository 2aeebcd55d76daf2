/**
 * The special report (专题报告) of a unit or department: the sign-off request, validated by the
 * global ValidationPipe, and the report's shape, documented in OpenAPI. Field names are the contract.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TEXT_LIMITS } from '../../domain/input';
import { IsText, Optional } from '../shared/validation';
import type { Disposition } from '../../domain/vocabulary';

export class ReportSignoffRequest {
  @ApiPropertyOptional({ example: '数据已逐项核对，同意报送', maxLength: TEXT_LIMITS.line })
  @Optional()
  @IsText({ max: TEXT_LIMITS.line })
  comment?: string;
}

/** Clues per disposition; `implements` keeps it in step with DISPOSITIONS. */
export class DispositionCounts implements Record<Disposition, number> {
  @ApiProperty({ description: '移交纪检监察机关' }) referral: number;
  @ApiProperty({ description: '整改纠正' }) rectification: number;
  @ApiProperty({ description: '建章立制' }) rule_building: number;
}

/** The counts and sums both a whole report and one project of it carry, read from the ledger (clues). */
export class ClueFigures {
  @ApiProperty({ description: '收到线索（总数）' }) received: number;
  @ApiProperty({ description: '已核查（有核查结论）' }) verified: number;
  @ApiProperty({ description: '查实（含部分属实）' }) substantiated: number;
  @ApiProperty({ description: '查否' }) unsubstantiated: number;
  @ApiProperty({ description: '核查不实（复核推翻原查否结论）' }) verificationInaccurate: number;
  @ApiProperty({ description: '上报上级纪委监委' }) transferred: number;
  @ApiProperty({ description: '已销号' }) closed: number;
  @ApiProperty({ description: '涉及金额（元）' }) amountInvolved: number;
  @ApiProperty({ description: '查实金额（元）' }) amountConfirmed: number;
  @ApiProperty({ description: '追回金额（元），经单位主要领导审核同意的' }) amountRecovered: number;
  @ApiProperty({ description: '已报告、待单位主要领导审核的追回金额（元），不计入追回金额' }) amountRecoveredPending: number;
  @ApiProperty({ description: '核查率：已核查 ÷（收到 − 上报上级），上报上级的线索不计入分母（0–1）' }) verificationRate: number;
}

export class ProjectFigures extends ClueFigures {
  @ApiProperty({ minimum: 1, maximum: 30 }) projectNo: number;
  @ApiProperty({ example: '临时救助' }) name: string;
  @ApiProperty({ example: 'civil', description: '责任部门' }) departmentCode: string;
}

/** What the principal leader vouches for by signing; a sign-off keeps a copy of it. */
export class ReportFigures extends ClueFigures {
  @ApiProperty({ description: '移交后处理人数（纪检监察机关录入的 personsHandled 之和）' }) personsHandled: number;
  @ApiProperty({ description: '确定各处置方式的线索数', type: DispositionCounts }) dispositions: DispositionCounts;
  @ApiProperty({ description: '各处置方式已办结的线索数', type: DispositionCounts }) dispositionsCompleted: DispositionCounts;
  @ApiProperty({ description: '建章立制（不同制度数）' }) rulesEstablished: number;
  @ApiProperty({ description: '收到巡查督导通报数' }) noticesReceived: number;
  @ApiProperty({ type: [ProjectFigures] }) byProject: ProjectFigures[];
}

export class ReportProgress {
  @ApiProperty({ description: '尚未销号或上报的线索' }) open: number;
  @ApiProperty({ description: '当前逾期的线索' }) overdue: number;
}

export class ReportRule {
  @ApiProperty({ example: '临时救助对象死亡信息比对制度' }) title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ example: 'civil' }) department: string;
  @ApiProperty({ type: [String] }) clueNos: string[];
}

export class ReportNotice {
  @ApiProperty() id: string;
  @ApiProperty() finding: string;
  @ApiProperty() severity: string;
  @ApiProperty({ type: [String] }) clueNos: string[];
  @ApiProperty() createdAt: string;
}

export class ReportSigner {
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional() unitCode?: string;
}

export class ReportSignoffRecord {
  @ApiProperty({ description: '第几次签发' }) seq: number;
  @ApiProperty({ type: ReportSigner }) signedBy: ReportSigner;
  @ApiProperty() signedAt: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ type: ReportFigures, description: '签发时的数据' }) figures: ReportFigures;
}

export class FigureChange {
  @ApiProperty({ example: 'byProject.4.closed' }) field: string;
  @ApiProperty({ nullable: true, type: Number }) signed: number | null;
  @ApiProperty({ nullable: true, type: Number }) current: number | null;
}

export const SIGNOFF_STATES = ['unsigned', 'signed', 'changed_since_signoff'] as const;
export type SignoffState = (typeof SIGNOFF_STATES)[number];

export class ReportSignoffStatus {
  @ApiProperty({ enum: SIGNOFF_STATES }) state: SignoffState;
  @ApiProperty({ type: ReportSignoffRecord, nullable: true, description: '最近一次签发' }) latest: ReportSignoffRecord | null;
  @ApiProperty({ type: [FigureChange], description: '最近一次签发以来变化的数据' }) changes: FigureChange[];
  @ApiProperty({ type: [ReportSignoffRecord], description: '全部签发记录，先后为序' }) history: ReportSignoffRecord[];
}

export class ReportDue {
  @ApiProperty({ example: '2024-10-20', description: '报送期限（含当日）' }) date: string;
  @ApiProperty({ description: '逾期起算时刻' }) dueAt: string;
  @ApiProperty({ description: '已过期限且从未签发' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: Boolean, description: '首次签发是否在期限内；未签发为 null' }) signedOnTime: boolean | null;
}

export class ReportSubject {
  @ApiProperty({ example: 'hsg-jd' }) code: string;
  @ApiProperty({ example: '黄石港街道' }) name: string;
  @ApiProperty({ enum: ['unit', 'department'] }) type: 'unit' | 'department';
  @ApiPropertyOptional({ example: 'street' }) kind?: string;
}

export class ReportCampaign {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() timezone: string;
}

export class ReportPeriod {
  @ApiProperty({ example: '2024-08-01' }) start: string;
  @ApiProperty({ example: '2024-10-31' }) end: string;
}

export class UnitReport {
  @ApiProperty({ type: ReportCampaign }) campaign: ReportCampaign;
  @ApiProperty({ type: ReportSubject }) unit: ReportSubject;
  @ApiProperty({ type: ReportPeriod }) period: ReportPeriod;
  @ApiProperty({ type: ReportDue }) due: ReportDue;
  @ApiProperty({ type: ReportFigures }) figures: ReportFigures;
  @ApiProperty({ type: ReportProgress }) progress: ReportProgress;
  @ApiProperty({ type: [ReportRule] }) rules: ReportRule[];
  @ApiProperty({ type: [ReportNotice] }) notices: ReportNotice[];
  @ApiProperty({ type: ReportSignoffStatus }) signoff: ReportSignoffStatus;
  @ApiProperty() generatedAt: string;
}
