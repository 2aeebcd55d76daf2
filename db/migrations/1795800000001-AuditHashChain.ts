import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHAINED_COLUMNS, chainedFieldsOf, chainSql, entryHash, GENESIS_HASH } from '../audit';

/**
 * A hash chain over each campaign's audit entries (issue 10: audit you can trust). Existing entries
 * are chained in the order they were written; the append-only trigger is lifted for that one pass.
 */
export class AuditHashChain1795800000001 implements MigrationInterface {
  name = 'AuditHashChain1795800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    const chains: Array<{ campaign_id: string | null }> = await q.query(`SELECT DISTINCT campaign_id FROM audit_log`);
    for (const { campaign_id } of chains) {
      let prev = GENESIS_HASH;
      const rows = await q.query(
        `SELECT id, ${CHAINED_COLUMNS}
           FROM audit_log WHERE ${chainSql('campaign_id', '$1')} ORDER BY id`,
        [campaign_id],
      );
      for (const r of rows) {
        // Entries written before the chain may carry microseconds: store the instant the chain hashes.
        const fields = chainedFieldsOf(r);
        const hash = entryHash(prev, fields);
        await q.query(`UPDATE audit_log SET at = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [r.id, fields.at, prev, hash]);
        prev = hash;
      }
    }
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`CREATE INDEX audit_log_chain ON audit_log (campaign_id, id)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_log_at`);
    await q.query(`DROP INDEX IF EXISTS audit_log_chain`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN IF EXISTS prev_hash, DROP COLUMN IF EXISTS hash`);
  }
}
