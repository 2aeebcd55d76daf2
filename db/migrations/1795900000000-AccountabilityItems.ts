import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: accountability items (问责事项) for the discipline commission — opened by an overturned
 * re-check (三(四) 工作不实、弄虚作假) or a grave inspection notice (四(二) 问题严重的将移交纪检监察机关),
 * once per cause (`source_key`), with the commission's own outcome recorded on the item, once. And
 * notices name whom they are filed against: a unit, a department or the re-check group.
 */
export class AccountabilityItems1795900000000 implements MigrationInterface {
  name = 'AccountabilityItems1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accountability_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id text NOT NULL REFERENCES campaigns(id),
        source text NOT NULL CHECK (source IN ('recheck_overturned', 'grave_notice')),
        source_key text NOT NULL UNIQUE,
        subject_code text NOT NULL,
        subject_name text NOT NULL,
        clue_nos jsonb NOT NULL DEFAULT '[]',
        summary text NOT NULL,
        people jsonb NOT NULL DEFAULT '{}',
        finding text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        outcome text,
        outcome_by jsonb,
        outcome_at timestamptz,
        CHECK ((outcome IS NULL) = (outcome_by IS NULL) AND (outcome IS NULL) = (outcome_at IS NULL))
      )`);
    await q.query(`CREATE INDEX accountability_items_campaign ON accountability_items (campaign_id, created_at)`);
    await q.query(`
      ALTER TABLE notices ADD COLUMN subject_type text NOT NULL DEFAULT 'unit'
        CHECK (subject_type IN ('unit', 'department', 'recheck_group'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notices DROP COLUMN IF EXISTS subject_type`);
    await q.query(`DROP TABLE IF EXISTS accountability_items`);
  }
}
