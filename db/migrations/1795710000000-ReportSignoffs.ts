import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-offs of the special reports (专题报告) by each unit's or department's principal leader.
 * Append-only like the audit log: a leader who signs again after the figures changed adds a row
 * (the next seq), so what was signed when stays on record for 区纪委监委.
 */
export class ReportSignoffs1795710000000 implements MigrationInterface {
  name = 'ReportSignoffs1795710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_signoffs (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        subject_type text NOT NULL CHECK (subject_type IN ('unit', 'department')),
        unit_code text NOT NULL,
        seq int NOT NULL CHECK (seq >= 1),
        signed_by jsonb NOT NULL,
        comment text,
        figures jsonb NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, subject_type, unit_code, seq)
      )`);
    await q.query(`
      CREATE TRIGGER report_signoffs_append_only BEFORE UPDATE OR DELETE ON report_signoffs
      FOR EACH ROW EXECUTE FUNCTION clueflow_append_only()`);
    await q.query(`
      CREATE TRIGGER report_signoffs_no_truncate BEFORE TRUNCATE ON report_signoffs
      FOR EACH STATEMENT EXECUTE FUNCTION clueflow_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_signoffs`);
  }
}
