/**
 * Re-computes the audit log's hash chains (db/audit.ts) and names the first entry of each campaign
 * that no longer matches: its content was changed (its hash differs), or an entry before it was
 * removed or inserted (its prev_hash differs from the hash of the entry before it).
 */
import type { Database } from './database';
import { CHAINED_COLUMNS, chainedFieldsOf, chainSql, entryHash, GENESIS_HASH } from './audit';

export interface ChainBreak {
  campaignId: string | null;
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  at: string;
  problem: 'content_changed' | 'link_broken';
}

export interface ChainReport {
  chains: number;
  entries: number;
  breaks: ChainBreak[];
}

const PAGE = 5_000;

export async function verifyAuditChains(db: Database, campaignId?: string): Promise<ChainReport> {
  const chains: Array<{ campaign_id: string | null }> =
    campaignId !== undefined ? [{ campaign_id: campaignId }] : await db.query(`SELECT DISTINCT campaign_id FROM audit_log ORDER BY 1 NULLS FIRST`);
  const report: ChainReport = { chains: chains.length, entries: 0, breaks: [] };
  for (const { campaign_id } of chains) {
    let prev = GENESIS_HASH;
    let after = '0';
    for (;;) {
      const rows = await db.query(
        `SELECT id, ${CHAINED_COLUMNS}, prev_hash, hash
           FROM audit_log WHERE ${chainSql('campaign_id', '$1')} AND id > $2 ORDER BY id LIMIT ${PAGE}`,
        [campaign_id, after],
      );
      if (rows.length === 0) break;
      let broken: ChainBreak | undefined;
      for (const r of rows) {
        report.entries += 1;
        const expected = entryHash(r.prev_hash, chainedFieldsOf(r));
        const problem = expected !== r.hash ? 'content_changed' : r.prev_hash !== prev ? 'link_broken' : undefined;
        if (problem) {
          broken = { campaignId: campaign_id, id: r.id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, at: r.at.toISOString(), problem };
          break;
        }
        prev = r.hash;
      }
      if (broken) {
        report.breaks.push(broken);
        break;
      }
      after = rows[rows.length - 1].id;
    }
  }
  return report;
}
