import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of a clue that the campaign figures count by, as `<alias>.col` and the recheck flag. */
const dims = (t: string) =>
  `${t}.campaign_id, ${t}.unit_code, ${t}.project_no, ${t}.stage, ${t}.conclusion, ${t}.overdue, ${t}.escalation_level,
   ${t}.verification_inaccurate, ${t}.sampled, coalesce(jsonb_typeof(${t}.record->'recheck') = 'object', false)`;
const GROUP = '1, 2, 3, 4, 5, 6, 7, 8, 9, 10';
const tallyOf = (t: string, sign: '' | '-') =>
  `SELECT ${dims(t)}, ${sign}count(*), ${sign}coalesce(sum(${t}.amount_involved), 0), ${sign}coalesce(sum(${t}.amount_confirmed), 0), ${sign}coalesce(sum(${t}.amount_recovered), 0)`;

/**
 * The campaign figures (stats, overview, units, and the totals of GET /clues) counted from a tally
 * instead of a scan of the ledger: at 500,000 clues a scan costs hundreds of milliseconds per figure,
 * the tally a few thousand rows at most (one per combination of unit, project, stage, conclusion,
 * lateness, level, sample and re-check that occurs).
 *
 * The tally is append-only deltas: statement triggers on `clues` add, per statement, one row per
 * combination with the change in count and amounts (−old, +new, only for rows whose counted columns
 * changed). Appending never waits on another writer — a counter row updated in place would make
 * every projection of a unit's clues queue behind each other in a deadline storm. Readers sum by
 * combination; StatsService folds the deltas of a campaign into one row per combination now and then
 * (db/tally.ts).
 */
export class ClueTally1796100000000 implements MigrationInterface {
  name = 'ClueTally1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clue_tally (
        campaign_id text NOT NULL,
        unit_code text,
        project_no int NOT NULL,
        stage text NOT NULL,
        conclusion text,
        overdue boolean NOT NULL,
        escalation_level int NOT NULL,
        verification_inaccurate boolean NOT NULL,
        sampled boolean,
        rechecked boolean NOT NULL,
        clues int NOT NULL,
        amount_involved numeric NOT NULL,
        amount_confirmed numeric NOT NULL,
        amount_recovered numeric NOT NULL
      )`);
    await q.query(`CREATE INDEX clue_tally_campaign ON clue_tally (campaign_id)`);
    await q.query(`INSERT INTO clue_tally ${tallyOf('c', '')} FROM clues c GROUP BY ${GROUP}`);
    await q.query(`
      CREATE FUNCTION clueflow_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO clue_tally ${tallyOf('n', '')} FROM new_rows n GROUP BY ${GROUP};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION clueflow_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO clue_tally ${tallyOf('o', '-')} FROM old_rows o GROUP BY ${GROUP};
        RETURN NULL;
      END $$`);
    // Most ledger writes (a timeline seq, a record detail) change nothing counted: those add nothing.
    await q.query(`
      CREATE FUNCTION clueflow_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO clue_tally
        WITH changed AS (
          SELECT o.campaign_id, o.clue_no FROM old_rows o JOIN new_rows n USING (campaign_id, clue_no)
           WHERE (${dims('o')}, o.amount_involved, o.amount_confirmed, o.amount_recovered)
                 IS DISTINCT FROM (${dims('n')}, n.amount_involved, n.amount_confirmed, n.amount_recovered))
        ${tallyOf('o', '-')} FROM old_rows o JOIN changed USING (campaign_id, clue_no) GROUP BY ${GROUP}
        UNION ALL
        ${tallyOf('n', '')} FROM new_rows n JOIN changed USING (campaign_id, clue_no) GROUP BY ${GROUP};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION clueflow_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM clue_tally; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER clues_tally_insert AFTER INSERT ON clues REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION clueflow_tally_insert()`);
    await q.query(`CREATE TRIGGER clues_tally_update AFTER UPDATE ON clues REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION clueflow_tally_update()`);
    await q.query(`CREATE TRIGGER clues_tally_delete AFTER DELETE ON clues REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION clueflow_tally_delete()`);
    await q.query(`CREATE TRIGGER clues_tally_truncate AFTER TRUNCATE ON clues FOR EACH STATEMENT EXECUTE FUNCTION clueflow_tally_truncate()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS clues_tally_${t} ON clues`);
    for (const t of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP FUNCTION IF EXISTS clueflow_tally_${t}`);
    await q.query(`DROP TABLE IF EXISTS clue_tally`);
  }
}
