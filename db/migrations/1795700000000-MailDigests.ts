import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail for issue 5: each daily digest run remembers the span of time it covered, so escalations that
 * rose while the worker was down are mailed by the next run, and a repeated run covers the same span.
 */
export class MailDigests1795700000000 implements MigrationInterface {
  name = 'MailDigests1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE digest_runs (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        run_date date NOT NULL,
        covered_from timestamptz NOT NULL,
        covered_until timestamptz NOT NULL,
        summary jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, run_date)
      )`);
    await q.query(`ALTER TABLE mail_outbox ADD COLUMN run_date date, ADD COLUMN message_id text`);
    await q.query(`CREATE INDEX mail_outbox_campaign ON mail_outbox (campaign_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS mail_outbox_campaign`);
    await q.query(`ALTER TABLE mail_outbox DROP COLUMN IF EXISTS run_date, DROP COLUMN IF EXISTS message_id`);
    await q.query(`DROP TABLE IF EXISTS digest_runs`);
  }
}
