import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { TEXT_LIMITS } from '../../domain/input';
import { PageOut, PageQuery } from '../shared/paging';
import { IsClueNo, IsCode, IsInstant, IsText, Optional } from '../shared/validation';

class AuditFilter {
  @ApiPropertyOptional({ example: 'HSG-2024-000001', description: '线索编号（含导入、通报中提及该线索的记录）' }) @Optional() @IsClueNo() clueNo?: string;
  @ApiPropertyOptional({ description: '办理人名称' }) @Optional() @IsText({ max: TEXT_LIMITS.name, singleLine: true }) actor?: string;
  @ApiPropertyOptional({ example: 'hsg-2024' }) @Optional() @IsCode() campaignId?: string;
  @ApiPropertyOptional({ example: 'clue.verification_submitted', description: '操作（前缀匹配，如 clue. 为全部线索操作）' })
  @Optional()
  @IsText({ max: 100, singleLine: true })
  action?: string;
  @ApiPropertyOptional({ example: '2024-08-01T00:00:00+08:00', description: '起始时刻（含）' }) @Optional() @IsInstant() from?: string;
  @ApiPropertyOptional({ example: '2024-09-01T00:00:00+08:00', description: '截止时刻（不含）' }) @Optional() @IsInstant() to?: string;
}

export class AuditQuery extends IntersectionType(AuditFilter, PageQuery) {}

export class AuditEntryOut {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() actor: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ type: String, nullable: true }) actorUnit: string | null;
  @ApiProperty({ example: 'clue.verification_submitted' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: String, nullable: true }) campaignId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
  @ApiProperty({ description: '同一专项工作上一条记录的哈希（哈希链）' }) prevHash: string;
  @ApiProperty({ description: '本条记录的哈希：SHA-256(prevHash ‖ 记录内容)；npm run verify-audit 复算' }) hash: string;
}

export class AuditListOut extends PageOut {
  @ApiProperty({ type: [AuditEntryOut], description: '新的在前' }) items: AuditEntryOut[];
}
