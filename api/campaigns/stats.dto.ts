/** Campaign figures: the stats of API.md, the console's overview, and the units' standing. */
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { DEADLINE_KEYS, STAGES, type DeadlineKey, type Stage } from '../../domain/vocabulary';
import { ContactOut } from './campaigns.dto';

/** Per stage, only the stages that have clues. */
const STAGE_MAP = (value: object, description: string) => ({
  type: 'object',
  description,
  properties: Object.fromEntries(STAGES.map((s) => [s, value])),
  additionalProperties: false,
});

export class UnitStats {
  @ApiProperty() unitCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['unit', 'department'], description: '街道、管理区，或自行核查线索的部门' }) type: 'unit' | 'department';
  @ApiProperty() total: number;
  @ApiProperty({ description: '已核查（经主要领导审核的结论）' }) verified: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: '查实（含部分属实）' }) substantiated: number;
  @ApiProperty({ description: '核查不实' }) verificationInaccurate: number;
  @ApiProperty() closed: number;
  @ApiProperty({ description: '没有邮件联系人' }) noContacts: boolean;
}

export class ProjectStats {
  @ApiProperty() projectNo: number;
  @ApiProperty() name: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: '查否（抽查总体 N）' }) unsubstantiated: number;
  @ApiProperty({ description: '已抽中复核' }) sampled: number;
  @ApiProperty({ description: '至少应抽 ⌈比例 × N⌉' }) requiredSample: number;
}

class CalendarOut {
  @ApiProperty({ description: '各期限逾期起算时刻（毫秒）', example: { verification: 1725033600000 } }) dueAt: Record<DeadlineKey, number>;
  @ApiProperty({ type: [Number] }) escalationAfterDays: number[];
  @ApiProperty() version: number;
}

export class StatsOut {
  @ApiProperty() total: number;
  @ApiProperty({ ...STAGE_MAP({ type: 'integer' }, '各阶段线索数（无线索的阶段不列）'), example: { verifying: 12, closed: 3 } } as never) byStage: Partial<Record<Stage, number>>;
  @ApiProperty({ type: [UnitStats] }) byUnit: UnitStats[];
  @ApiProperty({ type: [String], description: '没有邮件联系人的单位' }) unitsWithoutContacts: string[];
  @ApiProperty({ type: [ProjectStats] }) byProject: ProjectStats[];
  @ApiProperty({ description: '核查率：已核查 ÷（总数 − 上报上级），上报上级的线索不计入分母' }) verificationRate: number;
  @ApiProperty({ description: '上报上级纪委监委的线索数' }) transferred: number;
  @ApiProperty() amountInvolved: number;
  @ApiProperty() amountConfirmed: number;
  @ApiProperty() amountRecovered: number;
  @ApiProperty({ type: CalendarOut }) calendar: CalendarOut;
}

export class StageCell {
  @ApiProperty() count: number;
  @ApiProperty() overdue: number;
}

export class DeadlineOut {
  @ApiProperty({ enum: DEADLINE_KEYS }) key: DeadlineKey;
  @ApiProperty({ example: '核查' }) label: string;
  @ApiProperty({ example: '2024-08-30', description: '最后一天（含）' }) date: string;
  @ApiProperty({ description: '逾期起算时刻' }) dueAt: string;
  @ApiProperty() passed: boolean;
}

export class StageCount {
  @ApiProperty({ enum: STAGES }) stage: Stage;
  @ApiProperty() count: number;
  @ApiProperty() overdue: number;
}

export class LevelCount {
  @ApiProperty({ minimum: 1, maximum: 4 }) level: number;
  @ApiProperty() count: number;
}

export class Amounts {
  @ApiProperty({ description: '涉及金额（元）' }) involved: number;
  @ApiProperty({ description: '查实金额（元）' }) confirmed: number;
  @ApiProperty({ description: '追回金额（元）' }) recovered: number;
}

export class RecheckFigures {
  @ApiProperty({ description: '查否线索（抽查总体）' }) unsubstantiated: number;
  @ApiProperty({ description: '各项目至少应抽之和' }) required: number;
  @ApiProperty() drawn: number;
  @ApiProperty({ description: '已完成复核' }) rechecked: number;
  @ApiProperty({ description: '复核推翻（核查不实）' }) overturned: number;
}

/** One row of a matrix: counts per stage, each with how many of them are overdue. */
export class MatrixRow {
  @ApiProperty() total: number;
  @ApiProperty({ description: '未销号、未上报' }) open: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: '最高逾期升级级别（0 = 未逾期）' }) maxLevel: number;
  @ApiProperty({ ...STAGE_MAP({ $ref: getSchemaPath(StageCell) }, '各阶段 { count, overdue }（无线索的阶段不列）'), example: { verifying: { count: 5, overdue: 2 } } } as never)
  byStage: Partial<Record<Stage, StageCell>>;
}

export class UnitRow extends MatrixRow {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['unit', 'department'] }) type: 'unit' | 'department';
  @ApiProperty() noContacts: boolean;
}

export class ProjectRow extends MatrixRow {
  @ApiProperty() projectNo: number;
  @ApiProperty() name: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() departmentName: string;
  @ApiProperty() unsubstantiated: number;
  @ApiProperty() requiredSample: number;
  @ApiProperty() drawn: number;
}

/** Everything the console's overview shows, from aggregate queries on the ledger. */
@ApiExtraModels(StageCell)
export class OverviewOut {
  @ApiProperty() campaignId: string;
  @ApiProperty() title: string;
  @ApiProperty() timezone: string;
  @ApiProperty() now: string;
  @ApiProperty({ type: [DeadlineOut] }) deadlines: DeadlineOut[];
  @ApiProperty({ type: DeadlineOut, nullable: true }) nextDeadline: DeadlineOut | null;
  @ApiProperty() total: number;
  @ApiProperty({ description: '已核查（经审核的结论）' }) verified: number;
  @ApiProperty({ description: '上报上级（不计入核查率分母）' }) transferred: number;
  @ApiProperty({ description: '核查率 0–1' }) verificationRate: number;
  @ApiProperty({ description: '核查率目标（工作方案：100%）' }) verificationTarget: number;
  @ApiProperty({ type: [StageCount], description: '全部九个阶段，按流程顺序' }) stages: StageCount[];
  @ApiProperty({ type: [LevelCount] }) escalation: LevelCount[];
  @ApiProperty({ type: Amounts }) amounts: Amounts;
  @ApiProperty({ type: RecheckFigures }) recheck: RecheckFigures;
  @ApiProperty({ type: [UnitRow], description: '单位（及责任部门）× 阶段' }) units: UnitRow[];
  @ApiProperty({ type: [ProjectRow], description: '项目 × 阶段' }) projects: ProjectRow[];
  @ApiProperty({ type: [String] }) unitsWithoutContacts: string[];
}

export class ReportState {
  @ApiProperty({ enum: ['unsigned', 'signed'], description: '是否经主要领导签发；签发后数据是否有变化见专题报告本身' }) state: 'unsigned' | 'signed';
  @ApiProperty({ type: String, nullable: true }) signedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) signedBy: string | null;
}

/** A unit's or department's standing: its work, its lateness, its report, its contacts. */
export class UnitStatusOut {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['unit', 'department'] }) type: 'unit' | 'department';
  @ApiProperty({ type: String, nullable: true, description: 'street / management_zone；部门为 null' }) kind: string | null;
  @ApiProperty() total: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() maxLevel: number;
  @ApiProperty({ type: ReportState }) report: ReportState;
  @ApiProperty({ type: [ContactOut], description: '仅区专班（coordinator）可见；其他身份为空数组' }) contacts: ContactOut[];
  @ApiProperty() noContacts: boolean;
}
