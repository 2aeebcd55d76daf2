import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TEXT_LIMITS } from '../../domain/input';
import { ROLE_LABELS } from '../../domain/labels';
import { ROLES, type Role } from '../../domain/vocabulary';
import { IsCode, IsOneOf, IsText, Optional } from '../shared/validation';

export class TokenRequest {
  @ApiProperty({ enum: ROLES, description: '身份' }) @IsOneOf(ROLES, ROLE_LABELS) role: Role;
  @ApiPropertyOptional({ example: 'hsg-jd', description: '单位或责任部门代码：unit_officer、unit_leader、department 必填' })
  @Optional()
  @IsCode()
  unitCode?: string;
  @ApiProperty({ example: '黄石港街道核查组', maxLength: TEXT_LIMITS.name }) @IsText({ max: TEXT_LIMITS.name, required: true, singleLine: true }) name: string;
}

export class TokenOut {
  @ApiProperty({ description: '访问令牌，只显示这一次；以 Authorization: Bearer <token> 使用' }) token: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional() unitCode?: string;
  @ApiProperty() name: string;
}

/** Who the token in use is: the console shows each role only what it may use. */
export class MeOut {
  @ApiProperty({ example: '黄石港街道核查组' }) name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, example: 'hsg-jd' }) unitCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '黄石港街道', description: '单位或部门名称（取自最近的专项工作）' }) unitName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Temporal Web UI 地址（本机开发服务器或 TEMPORAL_UI_URL）' }) temporalUiUrl: string | null;
}

export class TokenInfoOut {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: '撤销时间；未撤销为 null' }) revokedAt: string | null;
}

export class TokenListOut {
  @ApiProperty({ type: [TokenInfoOut], description: '全部令牌（不含令牌本身），新的在前' }) items: TokenInfoOut[];
}
