import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The start pass takes the next batch of clues without a workflow, and the campaign's sweep counts
 * them: a partial index keeps each batch a few index entries deep instead of a walk past every clue
 * already started (quadratic over a 50,000-clue import).
 */
export class UnstartedCluesIndex1795900000001 implements MigrationInterface {
  name = 'UnstartedCluesIndex1795900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX clues_unstarted ON clues (campaign_id, clue_no) WHERE workflow_started_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS clues_unstarted`);
  }
}
