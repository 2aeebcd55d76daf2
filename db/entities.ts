/**
 * The ledger (台账) and its neighbours. The schema itself is owned by the migrations in
 * db/migrations; these classes map it for TypeORM (`synchronize` is off everywhere). A table is
 * mapped here only when code reads or writes it through the ORM: `notices` and `report_signoffs`
 * are read and written in SQL (api/), so they have no entity to drift from their table.
 */
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Contact } from '../domain/digest';
import type { AccountabilityDraft, NamedActor } from '../domain/accountability';
import type { Evidence } from '../domain/verification';
import type { AccountabilitySource, OutboxKind, OutboxStatus } from '../domain/vocabulary';

/** numeric columns arrive from pg as strings; amounts are yuan with two decimals. */
const amount = {
  to: (v?: number | null) => v,
  from: (v?: string | null) => (v === null || v === undefined ? null : Number(v)),
};

@Entity('campaigns')
export class CampaignEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') title: string;
  @Column('text') timezone: string;
  @Column('text') status: 'pending' | 'active';
  @Column('jsonb') deadlines: Record<string, string>;
  @Column('jsonb', { name: 'original_deadlines' }) originalDeadlines: Record<string, string>;
  @Column('int', { name: 'calendar_version' }) calendarVersion: number;
  @Column('jsonb', { name: 'escalation_after_days' }) escalationAfterDays: number[];
  @Column('jsonb') document: Record<string, any>;
  @Column('jsonb', { name: 'created_by' }) createdBy: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt: Date | null;
}

@Entity('units')
export class UnitEntity {
  @PrimaryColumn('text', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: string;
  @Column('jsonb') contacts: Array<{ name: string; role: 'officer' | 'leader'; email: string }>;
}

@Entity('departments')
export class DepartmentEntity {
  @PrimaryColumn('text', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('jsonb') contacts: Array<{ name: string; role: 'officer' | 'leader'; email: string }>;
}

@Entity('projects')
export class ProjectEntity {
  @PrimaryColumn('text', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('int') no: number;
  @Column('text') name: string;
  @Column('text', { name: 'department_code' }) departmentCode: string;
}

@Entity('clues')
export class ClueEntity {
  @PrimaryColumn('text', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('text', { name: 'clue_no' }) clueNo: string;
  @Column('int', { name: 'project_no' }) projectNo: number;
  @Column('text', { name: 'unit_code', nullable: true }) unitCode: string | null;
  @Column('text', { name: 'verifying_unit_code', nullable: true }) verifyingUnitCode: string | null;
  @Column('text', { name: 'subject_name' }) subjectName: string;
  @Column('text', { name: 'subject_id_no' }) subjectIdNo: string;
  @Column('text', { nullable: true }) community: string | null;
  @Column('text', { name: 'clue_type' }) clueType: string;
  @Column('text') description: string;
  @Column('numeric', { name: 'amount_involved', transformer: amount }) amountInvolved: number;
  @Column('numeric', { name: 'amount_confirmed', nullable: true, transformer: amount }) amountConfirmed: number | null;
  @Column('numeric', { name: 'amount_recovered', nullable: true, transformer: amount }) amountRecovered: number | null;
  @Column('date', { name: 'issued_at', nullable: true }) issuedAt: string | null;
  @Column('text') stage: string;
  @Column('text', { nullable: true }) conclusion: string | null;
  @Column('jsonb') dispositions: string[];
  @Column('jsonb', { name: 'completed_dispositions' }) completedDispositions: string[];
  @Column('boolean') overdue: boolean;
  @Column('timestamptz', { name: 'next_deadline', nullable: true }) nextDeadline: Date | null;
  @Column('int', { name: 'escalation_level' }) escalationLevel: number;
  @Column('boolean', { name: 'verification_inaccurate' }) verificationInaccurate: boolean;
  @Column('boolean', { nullable: true }) sampled: boolean | null;
  @Column('text', { name: 'violation_type', nullable: true }) violationType: string | null;
  @Column('jsonb') record: Record<string, any>;
  @Column('int') seq: number;
  @Column('timestamptz', { name: 'workflow_started_at', nullable: true }) workflowStartedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('text', { name: 'closed_by', nullable: true }) closedBy: string | null;
  @Column('text', { name: 'closed_reason', nullable: true }) closedReason: string | null;
  @Column('timestamptz', { name: 'imported_at' }) importedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

@Entity('clue_events')
export class ClueEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text', { name: 'campaign_id' }) campaignId: string;
  @Column('text', { name: 'clue_no' }) clueNo: string;
  @Column('int') seq: number;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'actor_name' }) actorName: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
  @Column('text', { name: 'actor_unit', nullable: true }) actorUnit: string | null;
  @Column('text') action: string;
  @Column('jsonb') detail: Record<string, unknown>;
}

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE on it. Written by `appendAudit` only. */
@Entity('audit_log')
export class AuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text', { name: 'idempotency_key', unique: true }) idempotencyKey: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column('text', { name: 'actor_name' }) actorName: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
  @Column('text', { name: 'actor_unit', nullable: true }) actorUnit: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'campaign_id', nullable: true }) campaignId: string | null;
  @Column('text', { name: 'entity_type' }) entityType: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('jsonb', { default: {} }) detail: Record<string, any>;
  /** The hash of the campaign's previous entry (its chain), and this entry's own (db/audit.ts). */
  @Column('text', { name: 'prev_hash' }) prevHash: string;
  @Column('text') hash: string;
}

export type { OutboxKind, OutboxStatus };

/** Every mail clueflow sends or keeps, once per idempotency key (db/outbox.ts writes it). */
@Entity('mail_outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'idempotency_key', unique: true }) idempotencyKey: string;
  @Column('text', { name: 'campaign_id', nullable: true }) campaignId: string | null;
  @Column('text', { name: 'unit_code', nullable: true }) unitCode: string | null;
  @Column('text') kind: OutboxKind;
  @Column('jsonb') recipients: Contact[];
  @Column('text') subject: string;
  @Column('text') text: string;
  @Column('text', { nullable: true }) html: string | null;
  @Column('text') status: OutboxStatus;
  @Column('int', { default: 0 }) attempts: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
  /** The daily run (campaign-local date) that composed it; null for notices and extension mail. */
  @Column('date', { name: 'run_date', nullable: true }) runDate: string | null;
  /** Derived from the idempotency key, so a server can drop a duplicate of an interrupted send. */
  @Column('text', { name: 'message_id', nullable: true }) messageId: string | null;
}

/** One row per day the mail clock ran: the span of escalations it told, reused by a repeated run. */
@Entity('digest_runs')
export class DigestRunEntity {
  @PrimaryColumn('text', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('date', { name: 'run_date' }) runDate: string;
  @Column('timestamptz', { name: 'covered_from' }) coveredFrom: Date;
  @Column('timestamptz', { name: 'covered_until' }) coveredUntil: Date;
  /** What the run composed (DigestRunResult); {} until it has. */
  @Column('jsonb', { default: {} }) summary: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Append-only record of each re-check draw (抽查), enough to re-run it. */
@Entity('sampling_draws')
export class SamplingDrawEntity {
  @PrimaryColumn('text', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('int', { name: 'project_no' }) projectNo: number;
  @PrimaryColumn('int', { name: 'draw_no' }) drawNo: number;
  @Column('text') kind: 'initial' | 'supplementary';
  @Column('text', { name: 'seed_hash' }) seedHash: string;
  @Column('text') seed: string;
  @Column('text', { name: 'population_hash' }) populationHash: string;
  @Column('jsonb') population: string[];
  @Column('int', { name: 'population_size' }) populationSize: number;
  @Column('int') required: number;
  @Column('jsonb', { name: 'previously_selected' }) previouslySelected: string[];
  /** Clues already told "not drawn" before this draw: no longer drawable. */
  @Column('jsonb') excluded: string[];
  @Column('jsonb') selected: string[];
  @Column('text') rate: string;
  @Column('jsonb') actor: { name: string; role: string; unitCode?: string };
  @Column('timestamptz') at: Date;
}

/**
 * 问责事项: what reaches the discipline commission of work done falsely or badly (domain/accountability),
 * opened once per cause (`sourceKey`), with the commission's outcome recorded once.
 */
@Entity('accountability_items')
export class AccountabilityItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'campaign_id' }) campaignId: string;
  @Column('text') source: AccountabilitySource;
  @Column('text', { name: 'source_key', unique: true }) sourceKey: string;
  @Column('text', { name: 'subject_code' }) subjectCode: string;
  @Column('text', { name: 'subject_name' }) subjectName: string;
  @Column('jsonb', { name: 'clue_nos' }) clueNos: string[];
  @Column('text') summary: string;
  @Column('jsonb') people: AccountabilityDraft['people'];
  @Column('text') finding: string;
  @Column('jsonb') evidence: Evidence[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('jsonb', { name: 'outcome_by', nullable: true }) outcomeBy: NamedActor | null;
  @Column('timestamptz', { name: 'outcome_at', nullable: true }) outcomeAt: Date | null;
}

/** Bearer tokens, stored as SHA-256 hashes: a leaked table yields no usable token. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'token_hash' }) tokenHash: string;
  @Column('text') role: string;
  @Column('text', { name: 'unit_code', nullable: true }) unitCode: string | null;
  @Column('text') name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}

/** A POST's first reply, kept under the client's Idempotency-Key so a retry gets it again. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('text', { name: 'token_hash' }) tokenHash: string;
  @PrimaryColumn('text') key: string;
  @Column('text', { name: 'request_hash' }) requestHash: string;
  /** Null while the first request is still being served. */
  @Column('int', { nullable: true }) status: number | null;
  @Column('jsonb', { nullable: true }) response: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const ENTITIES = [
  CampaignEntity,
  UnitEntity,
  DepartmentEntity,
  ProjectEntity,
  ClueEntity,
  ClueEventEntity,
  AuditEntity,
  OutboxEntity,
  DigestRunEntity,
  SamplingDrawEntity,
  ApiTokenEntity,
  IdempotencyKeyEntity,
  AccountabilityItemEntity,
];
