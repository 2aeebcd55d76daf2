/** Re-check sampling (抽查复核) as the API shows it: per project, each draw, and a draw's proof. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DrawOut {
  @ApiProperty() drawNo: number;
  @ApiProperty({ enum: ['initial', 'supplementary'], description: 'initial 首次抽查 / supplementary 补充抽查' }) kind: 'initial' | 'supplementary';
  @ApiProperty() at: string;
  @ApiProperty({ description: '发起人' }) by: string;
  @ApiProperty({ description: '发起人身份' }) byRole: string;
  @ApiProperty({ description: '抽查时的总体 N' }) populationSize: number;
  @ApiProperty({ description: '至少应抽' }) required: number;
  @ApiProperty({ description: '种子承诺：SHA-256(种子)，抽查前即已确定' }) seedHash: string;
  @ApiProperty() populationHash: string;
  @ApiProperty({ type: [String] }) selected: string[];
}

export class SamplingProjectOut {
  @ApiProperty() projectNo: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: '查否线索数（抽查总体 N）' }) unsubstantiated: number;
  @ApiProperty({ description: '至少应抽 ⌈比例 × N⌉' }) required: number;
  @ApiProperty() drawn: number;
  @ApiProperty({ description: '已完成复核' }) rechecked: number;
  @ApiProperty({ description: '复核推翻（核查不实）' }) overturned: number;
  @ApiProperty({ description: '已抽中、待复核' }) pendingRecheck: number;
  @ApiProperty({ description: '按目前进度将无法在复核期限前完成' }) atRisk: boolean;
  @ApiProperty({ type: [DrawOut] }) draws: DrawOut[];
}

export class DrawOutcomeOut {
  @ApiProperty() drawNo: number;
  @ApiProperty({ type: [String] }) selected: string[];
  @ApiProperty() required: number;
  @ApiProperty() at: string;
}

export class DrawProofOut {
  @ApiProperty() campaignId: string;
  @ApiProperty() projectNo: number;
  @ApiProperty() drawNo: number;
  @ApiProperty({ enum: ['initial', 'supplementary'] }) kind: 'initial' | 'supplementary';
  @ApiProperty({ description: '抽查种子（32 字节十六进制）' }) seed: string;
  @ApiProperty() seedHash: string;
  @ApiProperty({ type: [String] }) population: string[];
  @ApiProperty() populationHash: string;
  @ApiProperty() populationSize: number;
  @ApiProperty({ example: '0.2' }) rate: string;
  @ApiProperty() required: number;
  @ApiProperty({ type: [String] }) previouslySelected: string[];
  @ApiPropertyOptional({ type: [String] }) excluded?: string[];
  @ApiProperty({ type: [String] }) selected: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) actor: Record<string, unknown>;
  @ApiProperty() at: string;
}
