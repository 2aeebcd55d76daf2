import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { OUTBOX_KIND_LABELS as KIND_LABELS } from '../../domain/labels';
import { OUTBOX_KINDS, OUTBOX_STATUSES, type OutboxKind, type OutboxStatus } from '../../domain/vocabulary';
import { PageOut, PageQuery } from '../shared/paging';
import { IsCode, IsOneOf, Optional } from '../shared/validation';

const STATUS_LABELS: Record<OutboxStatus, string> = { queued: '待发送', sent: '已发送', failed: '发送失败', no_recipient: '无收件人', outbox_only: '未配置邮件服务器' };

class OutboxFilter {
  @ApiPropertyOptional({ example: 'hsg-2024' }) @Optional() @IsCode() campaignId?: string;
  @ApiPropertyOptional({ example: 'hsg-jd' }) @Optional() @IsCode() unitCode?: string;
  @ApiPropertyOptional({ enum: OUTBOX_KINDS }) @Optional() @IsOneOf(OUTBOX_KINDS, KIND_LABELS) kind?: OutboxKind;
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES }) @Optional() @IsOneOf(OUTBOX_STATUSES, STATUS_LABELS) status?: OutboxStatus;
}

export class OutboxQuery extends IntersectionType(OutboxFilter, PageQuery) {}

class Recipient {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiPropertyOptional({ enum: ['officer', 'leader'] }) role?: 'officer' | 'leader';
}

export class OutboxMessageOut {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty({ enum: OUTBOX_KINDS }) kind: OutboxKind;
  @ApiProperty({ type: String, nullable: true, description: '所属每日汇总的日期' }) runDate: string | null;
  @ApiProperty({ type: [Recipient] }) recipients: Recipient[];
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
}

export class OutboxListOut extends PageOut {
  @ApiProperty({ type: [OutboxMessageOut] }) items: OutboxMessageOut[];
}

export class DigestRunOut {
  @ApiProperty() campaignId: string;
  @ApiProperty() requested: boolean;
  @ApiProperty() message: string;
}
