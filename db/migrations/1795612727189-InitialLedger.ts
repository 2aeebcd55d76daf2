import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema of clueflow. UUID defaults use the built-in gen_random_uuid() because the
 * embedded PGlite has neither uuid-ossp nor pgcrypto.
 */
export class InitialLedger1795612727189 implements MigrationInterface {
  name = 'InitialLedger1795612727189';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id text PRIMARY KEY,
        title text NOT NULL,
        timezone text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active')),
        deadlines jsonb NOT NULL,
        original_deadlines jsonb NOT NULL,
        calendar_version int NOT NULL DEFAULT 1,
        escalation_after_days jsonb NOT NULL,
        document jsonb NOT NULL,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE units (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        contacts jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (campaign_id, code)
      )`);
    await q.query(`
      CREATE TABLE departments (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        code text NOT NULL,
        name text NOT NULL,
        contacts jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (campaign_id, code)
      )`);
    await q.query(`
      CREATE TABLE projects (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        no int NOT NULL CHECK (no BETWEEN 1 AND 30),
        name text NOT NULL,
        department_code text NOT NULL,
        PRIMARY KEY (campaign_id, no)
      )`);
    await q.query(`
      CREATE TABLE clues (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        clue_no text NOT NULL,
        project_no int NOT NULL,
        unit_code text,
        verifying_unit_code text,
        subject_name text NOT NULL,
        subject_id_no text NOT NULL,
        community text,
        clue_type text NOT NULL,
        description text NOT NULL,
        amount_involved numeric(16, 2) NOT NULL CHECK (amount_involved >= 0),
        amount_confirmed numeric(16, 2),
        amount_recovered numeric(16, 2),
        issued_at date,
        stage text NOT NULL,
        conclusion text,
        dispositions jsonb NOT NULL DEFAULT '[]',
        completed_dispositions jsonb NOT NULL DEFAULT '[]',
        overdue boolean NOT NULL DEFAULT false,
        next_deadline timestamptz,
        escalation_level int NOT NULL DEFAULT 0,
        verification_inaccurate boolean NOT NULL DEFAULT false,
        sampled boolean,
        violation_type text,
        record jsonb NOT NULL DEFAULT '{}',
        seq int NOT NULL DEFAULT 0,
        workflow_started_at timestamptz,
        closed_at timestamptz,
        closed_by text,
        closed_reason text,
        imported_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, clue_no),
        FOREIGN KEY (campaign_id, project_no) REFERENCES projects(campaign_id, no)
      )`);
    await q.query(`CREATE INDEX clues_unit_stage ON clues (campaign_id, unit_code, stage)`);
    await q.query(`CREATE INDEX clues_project_stage ON clues (campaign_id, project_no, stage)`);
    await q.query(`CREATE INDEX clues_overdue ON clues (campaign_id, overdue) WHERE overdue`);
    await q.query(`
      CREATE TABLE clue_events (
        id bigserial PRIMARY KEY,
        campaign_id text NOT NULL,
        clue_no text NOT NULL,
        seq int NOT NULL,
        at timestamptz NOT NULL,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        actor_unit text,
        action text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        UNIQUE (campaign_id, clue_no, seq),
        FOREIGN KEY (campaign_id, clue_no) REFERENCES clues(campaign_id, clue_no)
      )`);
    await q.query(`CREATE INDEX clue_events_action ON clue_events (campaign_id, action, at)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        at timestamptz NOT NULL DEFAULT now(),
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        actor_unit text,
        action text NOT NULL,
        campaign_id text,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_name)`);
    await q.query(`
      CREATE FUNCTION clueflow_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION clueflow_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION clueflow_append_only()`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE,
        campaign_id text,
        unit_code text,
        kind text NOT NULL,
        recipients jsonb NOT NULL,
        subject text NOT NULL,
        text text NOT NULL,
        html text,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'no_recipient', 'outbox_only')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX mail_outbox_unit ON mail_outbox (unit_code, created_at)`);
    await q.query(`
      CREATE TABLE sampling_draws (
        campaign_id text NOT NULL REFERENCES campaigns(id),
        project_no int NOT NULL,
        draw_no int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('initial', 'supplementary')),
        seed_hash text NOT NULL,
        seed text NOT NULL,
        population_hash text NOT NULL,
        population jsonb NOT NULL,
        population_size int NOT NULL,
        required int NOT NULL,
        previously_selected jsonb NOT NULL,
        excluded jsonb NOT NULL DEFAULT '[]',
        selected jsonb NOT NULL,
        rate text NOT NULL,
        actor jsonb NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, project_no, draw_no)
      )`);
    await q.query(`
      CREATE TRIGGER sampling_draws_append_only BEFORE UPDATE OR DELETE ON sampling_draws
      FOR EACH ROW EXECUTE FUNCTION clueflow_append_only()`);
    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id text NOT NULL REFERENCES campaigns(id),
        unit_code text NOT NULL,
        clue_nos jsonb NOT NULL DEFAULT '[]',
        finding text NOT NULL,
        severity text NOT NULL,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL,
        unit_code text,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'api_tokens',
      'notices',
      'sampling_draws',
      'mail_outbox',
      'audit_log',
      'clue_events',
      'clues',
      'projects',
      'departments',
      'units',
      'campaigns',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS clueflow_append_only`);
  }
}
