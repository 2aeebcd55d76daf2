import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { TEXT_LIMITS } from '../../domain/input';
import { IsClueNo, IsCode, IsText } from '../shared/validation';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'HSG-2024-000001', description: '线索编号（含导入、通报中提及该线索的记录）' }) @IsOptional() @IsClueNo() clueNo?: string;
  @ApiPropertyOptional({ description: '办理人名称' }) @IsOptional() @IsText({ max: TEXT_LIMITS.name, singleLine: true }) actor?: string;
  @ApiPropertyOptional({ example: 'hsg-2024' }) @IsOptional() @IsCode() campaignId?: string;
}

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
}

export class AuditListOut {
  @ApiProperty({ type: [AuditEntryOut], description: '最近 500 条，新的在前' }) items: AuditEntryOut[];
}
