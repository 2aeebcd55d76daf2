/**
 * Campaign figures, from aggregate queries on the ledger only (never by loading rows): the stats of
 * API.md, the console's overview, and each unit's standing. Every figure covers exactly the clues
 * the token sees in GET /clues.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '../../db/database';
import { clueScopeOf, clueScopeSql } from '../../domain/access';
import { calendarOf } from '../../domain/calendar';
import { recheckRateOf } from '../../domain/campaign';
import { verificationRate } from '../../domain/figures';
import { DEADLINE_LABELS } from '../../domain/labels';
import { openStageSql } from '../../domain/lifecycle';
import { requiredSampleSize } from '../../domain/sampling';
import { lastDayOf } from '../../domain/time';
import { DEADLINE_KEYS, STAGES, type Actor, type Stage } from '../../domain/vocabulary';
import { tallyRowsSql, TallyFolder } from '../../db/tally';
import { DATABASE } from '../shared/providers';
import { CampaignService } from './campaigns.service';
import type { DeadlineOut, MatrixRow, OverviewOut, ProjectRow, StageCell, StatsOut, UnitRow, UnitStatusOut } from './stats.dto';

/**
 * The clues a token sees, as a CTE `scoped` of the clue tally summed by combination (db/tally.ts):
 * one row per combination of counted columns that occurs, with `n` clues and their amounts — a few
 * thousand rows however large the ledger, where a scan of the ledger itself would cost hundreds of
 * milliseconds at province scale.
 */
function scopedClues(actor: Actor, campaignId: string): { cte: string; params: unknown[] } {
  const params: unknown[] = [campaignId];
  const scope = clueScopeSql(actor, { unit: 't.unit_code', department: 'p.department_code' }, (v) => `$${params.push(v)}`);
  return { cte: `WITH scoped AS (${tallyRowsSql(`t.campaign_id = $1${scope ? ` AND ${scope}` : ''}`)})`, params };
}

/** How many clues of `alias`'s rows (optionally only where `condition` holds), 0 when none. */
const clues = (condition?: string, alias = '') => `coalesce(sum(${alias}n)${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::int`;

/** Who verifies in a campaign ($1): its units, and the departments that verify clues themselves (二(一), 三(三)). */
const VERIFYING_BODIES = `
  SELECT 'unit' AS type, code, name, contacts FROM units WHERE campaign_id = $1
  UNION ALL
  SELECT 'department', d.code, d.name, d.contacts FROM departments d
   WHERE d.campaign_id = $1 AND EXISTS (SELECT 1 FROM clues x WHERE x.campaign_id = $1 AND x.unit_code = d.code)`;

interface Totals {
  total: number;
  verified: number;
  transferred: number;
  involved: number;
  confirmed: number;
  recovered: number;
}

const TOTALS_SQL = `SELECT ${clues()} AS total,
       ${clues('conclusion IS NOT NULL')} AS verified,
       ${clues(`stage = 'transferred'`)} AS transferred,
       coalesce(sum(amount_involved), 0)::float8 AS involved,
       coalesce(sum(amount_confirmed), 0)::float8 AS confirmed,
       coalesce(sum(amount_recovered), 0)::float8 AS recovered
  FROM scoped`;

interface Cell {
  unit_code: string | null;
  project_no: number | null;
  stage: Stage;
  count: number;
  overdue: number;
  max_level: number;
  open: boolean;
}

function emptyRow(): MatrixRow {
  return { total: 0, open: 0, overdue: 0, maxLevel: 0, byStage: {} };
}

function addCell(row: MatrixRow, cell: Cell): void {
  row.total += cell.count;
  if (cell.open) row.open += cell.count;
  row.overdue += cell.overdue;
  row.maxLevel = Math.max(row.maxLevel, cell.max_level);
  const at: StageCell = row.byStage[cell.stage] ?? { count: 0, overdue: 0 };
  at.count += cell.count;
  at.overdue += cell.overdue;
  row.byStage[cell.stage] = at;
}

@Injectable()
export class StatsService implements OnApplicationShutdown {
  private readonly log = new Logger('stats');
  /** Keeps each campaign's tally shallow: folded in the background after reads (db/tally.ts). */
  private readonly folder: TallyFolder;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly campaigns: CampaignService,
  ) {
    this.folder = new TallyFolder(db, (err) => this.log.warn(`folding the clue tally: ${err.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.folder.drain();
  }

  async stats(actor: Actor, id: string): Promise<StatsOut> {
    const c = await this.campaigns.stored(id);
    const { cte, params } = scopedClues(actor, id);
    const scopeKind = clueScopeOf(actor).kind;
    const [byStage, byUnit, byProject, [t]] = await this.db.run((em) =>
      Promise.all([
        em.query(`${cte} SELECT stage, sum(n)::int AS n FROM scoped GROUP BY stage`, params),
        em.query(
          `${cte} SELECT u.code AS "unitCode", u.name, u.type,
                  ${clues(undefined, 'c.')} AS total,
                  ${clues('c.conclusion IS NOT NULL', 'c.')} AS verified,
                  ${clues('c.overdue', 'c.')} AS overdue,
                  ${clues(`c.conclusion IN ('substantiated', 'partially_substantiated')`, 'c.')} AS substantiated,
                  ${clues('c.verification_inaccurate', 'c.')} AS "verificationInaccurate",
                  ${clues(`c.stage = 'closed'`, 'c.')} AS closed,
                  jsonb_array_length(u.contacts) = 0 AS "noContacts"
             FROM (${VERIFYING_BODIES}) u LEFT JOIN scoped c ON c.unit_code = u.code
            ${scopeKind === 'unit' ? 'WHERE u.code = $2' : ''}
            GROUP BY u.type, u.code, u.name, u.contacts ORDER BY u.type DESC, u.code`,
          params,
        ),
        em.query(
          `${cte} SELECT p.no AS "projectNo", p.name, ${clues(undefined, 'c.')} AS total,
                  ${clues(`c.conclusion = 'unsubstantiated' OR c.verification_inaccurate`, 'c.')} AS unsubstantiated,
                  ${clues('c.sampled', 'c.')} AS sampled
             FROM projects p LEFT JOIN scoped c ON c.project_no = p.no
            WHERE p.campaign_id = $1${scopeKind === 'department' ? ' AND p.department_code = $2' : ''}
            GROUP BY p.no, p.name ORDER BY p.no`,
          params,
        ),
        em.query<Totals[]>(`${cte} ${TOTALS_SQL}`, params),
      ]),
    );
    this.folder.touch(id);
    const rate = recheckRateOf(c.document);
    return {
      total: t.total,
      byStage: Object.fromEntries(byStage.map((r: { stage: string; n: number }) => [r.stage, r.n])),
      byUnit,
      // Shown on every digest run and here: work for these units reaches nobody by mail.
      unitsWithoutContacts: byUnit.filter((u: { noContacts: boolean }) => u.noContacts).map((u: { unitCode: string }) => u.unitCode),
      byProject: byProject.map((p: { unsubstantiated: number }) => ({ ...p, requiredSample: requiredSampleSize(p.unsubstantiated, rate) })),
      verificationRate: verificationRate(t),
      transferred: t.transferred,
      amountInvolved: t.involved,
      amountConfirmed: t.confirmed,
      amountRecovered: t.recovered,
      calendar: calendarOf(c),
    };
  }

  /** The console's overview: deadlines, the lifecycle map, lateness, money, and the two matrices. */
  async overview(actor: Actor, id: string): Promise<OverviewOut> {
    const c = await this.campaigns.stored(id);
    const { cte, params } = scopedClues(actor, id);
    const now = Date.now();
    const [cells, [t], levels, recheck, units, departments, projects] = await this.db.run((em) =>
      Promise.all([
        // One scan of the ledger for both matrices.
        em.query<Cell[]>(
          `${cte} SELECT unit_code, project_no, stage, ${clues()} AS count,
                  ${clues('overdue')} AS overdue,
                  coalesce(max(escalation_level) FILTER (WHERE overdue), 0)::int AS max_level,
                  ${openStageSql('stage')} AS open
             FROM scoped GROUP BY GROUPING SETS ((unit_code, stage), (project_no, stage))`,
          params,
        ),
        em.query<Totals[]>(`${cte} ${TOTALS_SQL}`, params),
        em.query<Array<{ level: number; count: number }>>(
          `${cte} SELECT least(escalation_level, 4) AS level, ${clues()} AS count FROM scoped
            WHERE overdue AND escalation_level > 0 AND ${openStageSql('stage')} GROUP BY 1 ORDER BY 1`,
          params,
        ),
        em.query<Array<{ project_no: number; unsubstantiated: number; drawn: number; rechecked: number; overturned: number }>>(
          `${cte} SELECT project_no,
                  ${clues(`conclusion = 'unsubstantiated' OR verification_inaccurate`)} AS unsubstantiated,
                  ${clues('sampled')} AS drawn,
                  ${clues('rechecked')} AS rechecked,
                  ${clues('verification_inaccurate')} AS overturned
             FROM scoped GROUP BY project_no`,
          params,
        ),
        em.query<Array<{ code: string; name: string; no_contacts: boolean }>>(
          `SELECT code, name, jsonb_array_length(contacts) = 0 AS no_contacts FROM units WHERE campaign_id = $1 ORDER BY code`,
          [id],
        ),
        em.query<Array<{ code: string; name: string; no_contacts: boolean }>>(
          `SELECT code, name, jsonb_array_length(contacts) = 0 AS no_contacts FROM departments WHERE campaign_id = $1 ORDER BY code`,
          [id],
        ),
        em.query<Array<{ no: number; name: string; department_code: string }>>(`SELECT no, name, department_code FROM projects WHERE campaign_id = $1 ORDER BY no`, [id]),
      ]),
    );
    this.folder.touch(id);
    const scope = clueScopeOf(actor);
    const rate = recheckRateOf(c.document);
    const departmentName = new Map(departments.map((d) => [d.code, d.name]));

    const unitRows = new Map<string, UnitRow>();
    for (const u of units) {
      if (scope.kind === 'unit' && u.code !== scope.code) continue;
      unitRows.set(u.code, { code: u.code, name: u.name, type: 'unit', noContacts: u.no_contacts, ...emptyRow() });
    }
    const projectRows = new Map<number, ProjectRow>();
    for (const p of projects) {
      if (scope.kind === 'department' && p.department_code !== scope.code) continue;
      const r = recheck.find((x) => x.project_no === p.no);
      projectRows.set(p.no, {
        projectNo: p.no,
        name: p.name,
        departmentCode: p.department_code,
        departmentName: departmentName.get(p.department_code) ?? p.department_code,
        unsubstantiated: r?.unsubstantiated ?? 0,
        requiredSample: requiredSampleSize(r?.unsubstantiated ?? 0, rate),
        drawn: r?.drawn ?? 0,
        ...emptyRow(),
      });
    }
    const stageTotals = new Map<Stage, { count: number; overdue: number }>(STAGES.map((s) => [s, { count: 0, overdue: 0 }]));
    for (const cell of cells) {
      if (cell.project_no !== null) {
        const row = projectRows.get(cell.project_no);
        if (row) addCell(row, cell);
        const total = stageTotals.get(cell.stage)!;
        total.count += cell.count;
        total.overdue += cell.overdue;
        continue;
      }
      if (cell.unit_code === null) continue;
      let row = unitRows.get(cell.unit_code);
      // A department that verifies clues itself appears beside the streets.
      if (!row && departmentName.has(cell.unit_code)) {
        const d = departments.find((x) => x.code === cell.unit_code)!;
        row = { code: d.code, name: d.name, type: 'department', noContacts: d.no_contacts, ...emptyRow() };
        unitRows.set(d.code, row);
      }
      if (row) addCell(row, cell);
    }

    const deadlines: DeadlineOut[] = DEADLINE_KEYS.map((key) => {
      const dueAt = calendarOf(c).dueAt[key];
      return { key, label: DEADLINE_LABELS[key], date: lastDayOf(dueAt, c.timezone), dueAt: new Date(dueAt).toISOString(), passed: now >= dueAt };
    });
    const unitList = [...unitRows.values()];
    return {
      campaignId: c.id,
      title: c.title,
      timezone: c.timezone,
      now: new Date(now).toISOString(),
      deadlines,
      nextDeadline: deadlines.find((d) => !d.passed) ?? null,
      total: t.total,
      verified: t.verified,
      transferred: t.transferred,
      verificationRate: verificationRate(t),
      verificationTarget: c.document.targets?.verificationRate ?? 1,
      stages: [...stageTotals].map(([stage, v]) => ({ stage, ...v })),
      escalation: [1, 2, 3, 4].map((level) => ({ level, count: levels.find((l) => l.level === level)?.count ?? 0 })),
      amounts: { involved: t.involved, confirmed: t.confirmed, recovered: t.recovered },
      recheck: {
        unsubstantiated: recheck.reduce((n, r) => n + r.unsubstantiated, 0),
        required: [...projectRows.values()].reduce((n, p) => n + p.requiredSample, 0),
        drawn: recheck.reduce((n, r) => n + r.drawn, 0),
        rechecked: recheck.reduce((n, r) => n + r.rechecked, 0),
        overturned: recheck.reduce((n, r) => n + r.overturned, 0),
      },
      units: unitList,
      projects: [...projectRows.values()],
      unitsWithoutContacts: unitList.filter((u) => u.type === 'unit' && u.noContacts).map((u) => u.code),
    };
  }

  /** Each unit and department: its open and late work, its highest level, its report, its contacts. */
  async units(actor: Actor, id: string): Promise<UnitStatusOut[]> {
    await this.campaigns.stored(id);
    const { cte, params } = scopedClues(actor, id);
    const scope = clueScopeOf(actor);
    const rows = await this.db.query<{
      type: 'unit' | 'department';
      code: string;
      name: string;
      kind: string | null;
      contacts: Array<{ name: string; role: 'officer' | 'leader'; email: string }>;
      total: number;
      open: number;
      overdue: number;
      max_level: number;
      signed_at: Date | null;
      signed_by: { name: string } | null;
    }>(
      `${cte}, subjects AS (
         SELECT 'unit' AS type, code, name, kind, contacts FROM units WHERE campaign_id = $1
         UNION ALL SELECT 'department', code, name, NULL, contacts FROM departments WHERE campaign_id = $1)
       SELECT s.type, s.code, s.name, s.kind, s.contacts,
              ${clues(undefined, 'c.')} AS total,
              ${clues(openStageSql('c.stage'), 'c.')} AS open,
              ${clues('c.overdue', 'c.')} AS overdue,
              coalesce(max(c.escalation_level) FILTER (WHERE c.overdue), 0)::int AS max_level,
              r.signed_at, r.signed_by
         FROM subjects s
         LEFT JOIN scoped c ON (s.type = 'unit' AND c.unit_code = s.code) OR (s.type = 'department' AND c.department_code = s.code)
         LEFT JOIN LATERAL (
           SELECT signed_at, signed_by FROM report_signoffs
            WHERE campaign_id = $1 AND subject_type = s.type AND unit_code = s.code ORDER BY seq DESC LIMIT 1) r ON true
        GROUP BY s.type, s.code, s.name, s.kind, s.contacts, r.signed_at, r.signed_by
        ORDER BY s.type DESC, s.code`,
      params,
    );
    this.folder.touch(id);
    return rows
      .filter((r) => scope.kind === 'all' || r.code === scope.code)
      .map((r) => ({
        code: r.code,
        name: r.name,
        type: r.type,
        kind: r.kind,
        total: r.total,
        open: r.open,
        overdue: r.overdue,
        maxLevel: r.max_level,
        report: { state: r.signed_at ? 'signed' : 'unsigned', signedAt: r.signed_at ? r.signed_at.toISOString() : null, signedBy: r.signed_by?.name ?? null },
        contacts: actor.role === 'coordinator' ? r.contacts : [],
        noContacts: r.contacts.length === 0,
      }));
  }
}

