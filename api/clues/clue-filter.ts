/** The filters of GET /clues as one SQL condition over `clues c JOIN projects p`, shared with the ledger export. */
import { clueScopeSql } from '../../domain/access';
import type { Actor } from '../../domain/vocabulary';
import type { ClueFilterQuery } from './clues.dto';

export const CLUES_FROM = `FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no`;

/** `%` and `_` in a search are meant literally, not as LIKE wildcards. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The same filters over the clue tally `t JOIN projects p` (db/tally.ts), for counting without a scan
 * of the ledger: every filter but the text search is a counted column there.
 */
export const TALLY_FROM = `FROM clue_tally t JOIN projects p ON p.campaign_id = t.campaign_id AND p.no = t.project_no`;

/**
 * The WHERE clause (without the keyword) for the token's scope, the campaign if given, and the
 * filters; the values are pushed onto `params`. `alias` is the ledger's (`c`) or the tally's (`t`),
 * which cannot take the text search `q`.
 */
export function clueFilterSql(actor: Actor, campaignId: string | undefined, f: ClueFilterQuery, params: unknown[], alias: 'c' | 't' = 'c'): string {
  const bind = (v: unknown) => `$${params.push(v)}`;
  const c = alias;
  const where: string[] = [];
  if (campaignId) where.push(`${c}.campaign_id = ${bind(campaignId)}`);
  if (f.unitCode) where.push(`${c}.unit_code = ${bind(f.unitCode)}`);
  if (f.department) where.push(`p.department_code = ${bind(f.department)}`);
  if (f.projectNo !== undefined) where.push(`${c}.project_no = ${bind(f.projectNo)}`);
  if (f.stage) where.push(`${c}.stage = ${bind(f.stage)}`);
  if (f.overdue !== undefined) where.push(`${c}.overdue = ${bind(f.overdue)}`);
  if (f.escalationLevel !== undefined) where.push(`${c}.escalation_level = ${bind(f.escalationLevel)}`);
  if (f.q) {
    if (alias === 't') throw new Error('the clue tally has no text to search');
    const q = bind(likeText(f.q));
    where.push(`(c.clue_no ILIKE ${q} OR c.subject_name ILIKE ${q} OR c.community ILIKE ${q})`);
  }
  const scope = clueScopeSql(actor, { unit: `${c}.unit_code`, department: 'p.department_code' }, bind);
  if (scope) where.push(scope);
  return where.length ? where.join(' AND ') : 'true';
}
