import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /clues?sort=deadline and sort=-deadline: without an index in that order every page sorts the
 * whole campaign (a parallel scan of 500,000 rows for each page at province scale). One index per
 * direction, because the order keeps clues without a deadline last both ways, which a backward scan
 * of one index would put first. A unit officer's list (scoped to the unit, usually by deadline) has
 * its own: at 500,000 clues the campaign-wide index walks past five other units' clues for each of its.
 */
export class ClueDeadlineOrder1796100000001 implements MigrationInterface {
  name = 'ClueDeadlineOrder1796100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX clues_deadline_asc ON clues (campaign_id, next_deadline ASC NULLS LAST, clue_no)`);
    await q.query(`CREATE INDEX clues_deadline_desc ON clues (campaign_id, next_deadline DESC NULLS LAST, clue_no)`);
    await q.query(`CREATE INDEX clues_unit_deadline ON clues (campaign_id, unit_code, next_deadline ASC NULLS LAST, clue_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS clues_deadline_asc`);
    await q.query(`DROP INDEX IF EXISTS clues_deadline_desc`);
    await q.query(`DROP INDEX IF EXISTS clues_unit_deadline`);
  }
}
