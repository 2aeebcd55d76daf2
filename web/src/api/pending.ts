/**
 * INTERIM, hand-written: the shapes of the routes the console reads whose OpenAPI entry does not
 * describe them yet — routes being added (/me, /overview, /units, the new clue filters and sort,
 * the export filters) and existing routes that do not declare their response body yet. Written in
 * the shape openapi-typescript generates, so `client.ts` lays them over the generated `paths`.
 *
 * Once the API serves these routes with response DTOs, `npm run openapi` regenerates schema.d.ts,
 * this file is deleted and `Paths` in client.ts becomes the generated `paths` alone; vue-tsc then
 * shows every place where the console and the API disagree.
 */
import type { RecheckPayload, ReferralOutcomePayload, RulePayload } from '@domain/actions';
import type { Verification } from '@domain/verification';
import type { Actor, Conclusion, DeadlineKey, Disposition, NoticeSeverity, OutboxKind, OutboxStatus, Role, Stage, ViolationType } from '@domain/vocabulary';

export interface Me {
  name: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  /** Base address of the Temporal Web UI for this deployment, when there is one. */
  temporalUiUrl: string | null;
}

export interface Contact {
  name: string;
  role: 'officer' | 'leader';
  email: string;
}

export interface CampaignSummary {
  id: string;
  title: string;
  status: string;
  deadlines: Record<DeadlineKey, string>;
  createdAt: string;
}

export interface CampaignDetail {
  id: string;
  title: string;
  issuer: string | null;
  timezone: string;
  status: string;
  window: { start: string; end: string };
  deadlines: Record<DeadlineKey, string>;
  originalDeadlines: Record<DeadlineKey, string>;
  calendarVersion: number;
  escalationAfterDays: number[];
  targets: { verificationRate: number; recheckSampleRate: number };
  units: Array<{ code: string; name: string; kind: string; contacts?: Contact[] }>;
  departments: Array<{ code: string; name: string; contacts?: Contact[] }>;
  projects: Array<{ no: number; name: string; department: string }>;
  createdAt: string;
  activatedAt: string | null;
}

export interface StageCount {
  count: number;
  overdue: number;
}

export interface OverviewDeadline {
  key: DeadlineKey;
  label: string;
  /** Last day (YYYY-MM-DD) in the campaign's time zone. */
  date: string;
  /** First instant past it (ISO). */
  dueAt: string;
  passed: boolean;
}

export interface OverviewUnit {
  code: string;
  name: string;
  type: 'unit' | 'department';
  total: number;
  open: number;
  overdue: number;
  maxLevel: number;
  byStage: Partial<Record<Stage, StageCount>>;
  noContacts: boolean;
}

export interface OverviewProject {
  projectNo: number;
  name: string;
  departmentCode: string;
  departmentName: string;
  total: number;
  open: number;
  overdue: number;
  maxLevel: number;
  byStage: Partial<Record<Stage, StageCount>>;
  unsubstantiated: number;
  requiredSample: number;
  drawn: number;
}

export interface Overview {
  campaignId: string;
  title: string;
  timezone: string;
  now: string;
  deadlines: OverviewDeadline[];
  nextDeadline: Omit<OverviewDeadline, 'passed'> | null;
  total: number;
  verified: number;
  transferred: number;
  /** 0..1; transferred clues are not in the denominator. */
  verificationRate: number;
  verificationTarget: number;
  stages: Array<{ stage: Stage } & StageCount>;
  escalation: Array<{ level: number; count: number }>;
  amounts: { involved: number; confirmed: number; recovered: number };
  recheck: { unsubstantiated: number; required: number; drawn: number; rechecked: number; overturned: number };
  units: OverviewUnit[];
  projects: OverviewProject[];
  unitsWithoutContacts: string[];
}

export interface ClueOut {
  clueNo: string;
  campaignId: string;
  projectNo: number;
  unitCode: string | null;
  verifyingUnitCode: string | null;
  stage: Stage;
  conclusion: Conclusion | null;
  dispositions: Disposition[];
  completedDispositions: Disposition[];
  overdue: boolean;
  nextDeadline: string | null;
  escalationLevel: number;
  amountInvolved: number;
  amountConfirmed: number | null;
  amountRecovered: number | null;
  verificationInaccurate: boolean;
  sampled: boolean | null;
  violationType: ViolationType | null;
  subjectName: string;
  /** Masked unless the token may see ID numbers (coordinator, discipline). */
  subjectIdNo: string;
  community: string | null;
  clueType: string;
  description: string;
  issuedAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closedReason: string | null;
  workflowStarted: boolean;
  importedAt: string;
  updatedAt: string;
}

export interface ClueRecord {
  verification: (Verification & { by: Actor }) | null;
  signoff: { by: Actor; approve: boolean; comment?: string } | null;
  sampling: { drawn: boolean; drawNo: number } | null;
  recheck: (RecheckPayload & { by: Actor }) | null;
  classificationReason: string | null;
  rectification: { measures: string; amountRecovered?: number; completed: boolean; acceptedBy?: Actor } | null;
  referral: ReferralOutcomePayload | null;
  rule: (RulePayload & { department: string }) | null;
  transfer: { by: Actor; reason: string } | null;
  closed: { by: Actor; reason: string; at: number } | null;
}

export interface TimelineEvent {
  seq: number;
  at: string;
  actor: string;
  actorRole: Role;
  actorUnit: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface ClueDetail extends ClueOut {
  projectName: string;
  unitName: string | null;
  departmentCode: string;
  /** The clue's workflow in the Temporal Web UI, when the deployment has one. */
  workflowUrl: string | null;
  /** Empty until the ledger has recorded anything beyond the import. */
  record: Partial<ClueRecord> | null;
  timeline: TimelineEvent[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SamplingDraw {
  drawNo: number;
  kind: 'initial' | 'supplementary';
  at: string;
  by: string;
  byRole: Role;
  populationSize: number;
  required: number;
  seedHash: string;
  populationHash: string;
  selected: string[];
}

export interface SamplingRow {
  projectNo: number;
  name: string;
  unsubstantiated: number;
  required: number;
  drawn: number;
  rechecked: number;
  overturned: number;
  pendingRecheck: number;
  /** Will not meet the re-check deadline at today's pace. */
  atRisk: boolean;
  draws: SamplingDraw[];
}

export interface UnitRow {
  code: string;
  name: string;
  type: 'unit' | 'department';
  kind: string;
  total: number;
  open: number;
  overdue: number;
  maxLevel: number;
  report: { state: 'unsigned' | 'signed' | 'changed_since_signoff'; signedAt: string | null; signedBy: string | null };
  /** The coordinator's view only; [] for everyone else. */
  contacts: Contact[];
  noContacts: boolean;
}

export interface OutboxItem {
  id: string;
  campaignId: string;
  unitCode: string | null;
  kind: OutboxKind;
  runDate: string | null;
  recipients: Array<{ name: string; email: string; role?: string }>;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Notice {
  id: string;
  campaignId: string;
  unitCode: string;
  clueNos: string[];
  finding: string;
  severity: NoticeSeverity;
  createdBy: { name: string; role: Role };
  createdAt: string;
}

/** The filters GET /clues and the ledger export share. */
export interface ClueFilterQuery {
  unitCode?: string;
  department?: string;
  projectNo?: number;
  stage?: Stage;
  overdue?: boolean;
  escalationLevel?: number;
  minLevel?: number;
  q?: string;
}

export type ClueSort = 'deadline' | '-deadline' | 'clueNo';

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Download = { headers: { [name: string]: unknown }; content: { 'application/octet-stream': Blob } };
type Params<Path, Query> = ([Query] extends [never] ? { query?: never } : object extends Query ? { query?: Query } : { query: Query }) &
  ([Path] extends [never] ? { path?: never } : { path: Path }) & { header?: never; cookie?: never };
type Get<Path, Query, Ok> = { parameters: Params<Path, Query>; requestBody?: never; responses: { 200: Ok } };
type Item<Op> = { parameters: { query?: never; header?: never; path?: never; cookie?: never }; get: Op };
type Id = { id: string };

export interface PendingPaths {
  '/api/v1/me': Item<Get<never, never, Json<Me>>>;
  '/api/v1/campaigns': Item<Get<never, never, Json<CampaignSummary[]>>>;
  '/api/v1/campaigns/{id}': Item<Get<Id, never, Json<CampaignDetail>>>;
  '/api/v1/campaigns/{id}/overview': Item<Get<Id, never, Json<Overview>>>;
  '/api/v1/campaigns/{id}/units': Item<Get<Id, never, Json<UnitRow[]>>>;
  '/api/v1/campaigns/{id}/sampling': Item<Get<Id, never, Json<SamplingRow[]>>>;
  '/api/v1/campaigns/{id}/ledger.xlsx': Item<Get<Id, ClueFilterQuery, Download>>;
  '/api/v1/clues': Item<Get<never, ClueFilterQuery & { campaignId: string; sort?: ClueSort; page?: number; pageSize?: number }, Json<Page<ClueOut>>>>;
  '/api/v1/clues/{clueNo}': Item<Get<{ clueNo: string }, { campaignId: string }, Json<ClueDetail>>>;
  '/api/v1/outbox': Item<
    Get<never, { campaignId?: string; unitCode?: string; kind?: OutboxKind; status?: OutboxStatus; page?: number; pageSize?: number }, Json<Page<OutboxItem>>>
  >;
  '/api/v1/notices': Item<Get<never, { campaignId?: string; unitCode?: string }, Json<{ items: Notice[] }>>>;
}
