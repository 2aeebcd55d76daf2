/** The filters of GET /clues as one SQL condition over `clues c JOIN projects p`, shared with the ledger export. */
import { clueScopeSql } from '../../domain/access';
import type { Actor } from '../../domain/vocabulary';
import type { ClueFilterQuery } from './clues.dto';

export const CLUES_FROM = `FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no`;

/** `%` and `_` in a search are meant literally, not as LIKE wildcards. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The WHERE clause (without the keyword) for the token's scope, the campaign if given, and the
 * filters; the values are pushed onto `params`.
 */
export function clueFilterSql(actor: Actor, campaignId: string | undefined, f: ClueFilterQuery, params: unknown[]): string {
  const bind = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (campaignId) where.push(`c.campaign_id = ${bind(campaignId)}`);
  if (f.unitCode) where.push(`c.unit_code = ${bind(f.unitCode)}`);
  if (f.department) where.push(`p.department_code = ${bind(f.department)}`);
  if (f.projectNo !== undefined) where.push(`c.project_no = ${bind(f.projectNo)}`);
  if (f.stage) where.push(`c.stage = ${bind(f.stage)}`);
  if (f.overdue !== undefined) where.push(`c.overdue = ${bind(f.overdue)}`);
  if (f.escalationLevel !== undefined) where.push(`c.escalation_level = ${bind(f.escalationLevel)}`);
  if (f.q) {
    const q = bind(likeText(f.q));
    where.push(`(c.clue_no ILIKE ${q} OR c.subject_name ILIKE ${q} OR c.community ILIKE ${q})`);
  }
  const scope = clueScopeSql(actor, { unit: 'c.unit_code', department: 'p.department_code' }, bind);
  if (scope) where.push(scope);
  return where.length ? where.join(' AND ') : 'true';
}
