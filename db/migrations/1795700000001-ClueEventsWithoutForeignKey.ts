import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline's foreign key to the ledger made every event insert look its clue up with a plan
 * cached while the ledger was still small — a sequential scan, so importing 20,000 clues into a
 * fresh database took 80 s instead of 6 s (bench:import). Events are written only for clues that
 * exist (the import writes the clue first, projections update it), so the key bought nothing.
 */
export class ClueEventsWithoutForeignKey1795700000001 implements MigrationInterface {
  name = 'ClueEventsWithoutForeignKey1795700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clue_events DROP CONSTRAINT IF EXISTS clue_events_campaign_id_clue_no_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clue_events ADD FOREIGN KEY (campaign_id, clue_no) REFERENCES clues(campaign_id, clue_no)`);
  }
}
