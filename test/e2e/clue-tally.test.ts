/**
 * The clue tally (db/tally.ts) that the campaign figures count from must always equal a count of the
 * ledger itself: after imports, projections that move clues on, writes that change nothing counted,
 * deletions, folds, and writes racing a fold.
 */
import { compactTally, tallyDepth } from '../../db/tally';
import { createTestDatabase, type DbKind, type TestDatabase } from '../support/databases';

const FROM_LEDGER = `
  SELECT unit_code, project_no, stage, conclusion, overdue, escalation_level, verification_inaccurate, sampled,
         coalesce(jsonb_typeof(record->'recheck') = 'object', false) AS rechecked,
         count(*)::int AS n, sum(amount_involved)::float8 AS involved, coalesce(sum(amount_confirmed), 0)::float8 AS confirmed,
         coalesce(sum(amount_recovered), 0)::float8 AS recovered
    FROM clues WHERE campaign_id = 'tally' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
const FROM_TALLY = `
  SELECT unit_code, project_no, stage, conclusion, overdue, escalation_level, verification_inaccurate, sampled, rechecked,
         sum(clues)::int AS n, sum(amount_involved)::float8 AS involved, sum(amount_confirmed)::float8 AS confirmed,
         sum(amount_recovered)::float8 AS recovered
    FROM clue_tally WHERE campaign_id = 'tally' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(clues) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

describe.each<DbKind>(['postgres', 'pglite'])('clue tally on %s', (kind) => {
  let t: TestDatabase;
  const same = async () => expect(await t.db.query(FROM_TALLY)).toEqual(await t.db.query(FROM_LEDGER));

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.query(
      `INSERT INTO campaigns (id, title, timezone, deadlines, original_deadlines, escalation_after_days, document, created_by)
       VALUES ('tally', 't', 'Asia/Shanghai', '{}', '{}', '[]', '{}', '{}')`,
    );
    await t.db.query(`INSERT INTO projects (campaign_id, no, name, department_code) SELECT 'tally', n, 'p' || n, 'd' || (n % 3) FROM generate_series(1, 30) n`);
    await t.db.query(
      `INSERT INTO clues (campaign_id, clue_no, project_no, unit_code, subject_name, subject_id_no, clue_type, description, amount_involved, stage)
       SELECT 'tally', 'T-' || lpad(i::text, 5, '0'), 1 + i % 30, CASE WHEN i % 9 = 0 THEN NULL ELSE 'u' || (i % 4) END, 's', 'x', 'k', 'd', 100 + i,
              CASE WHEN i % 9 = 0 THEN 'received' ELSE 'verifying' END
         FROM generate_series(1, 2000) i`,
    );
  });
  afterAll(() => t?.drop());

  it('counts an import', same);

  it('follows projections, writes that change nothing counted, and deletions, before and after a fold', async () => {
    await t.db.query(`UPDATE clues SET stage = 'awaiting_signoff', seq = seq + 1 WHERE campaign_id = 'tally' AND clue_no <= 'T-00500'`);
    await t.db.query(`UPDATE clues SET seq = seq + 1, description = 'again' WHERE campaign_id = 'tally'`);
    await t.db.query(
      `UPDATE clues SET stage = 'closed', conclusion = 'unsubstantiated', sampled = true, record = '{"recheck": {"outcome": "confirmed"}}'
        WHERE campaign_id = 'tally' AND clue_no <= 'T-00100'`,
    );
    await t.db.query(
      `UPDATE clues SET stage = 'disposing', conclusion = 'substantiated', amount_confirmed = amount_involved * 0.5, amount_recovered = 10,
              overdue = true, escalation_level = 2, verification_inaccurate = true, record = '{"recheck": null}'
        WHERE campaign_id = 'tally' AND clue_no BETWEEN 'T-01000' AND 'T-01300'`,
    );
    await t.db.query(`UPDATE clues SET amount_involved = amount_involved + 1 WHERE campaign_id = 'tally' AND clue_no BETWEEN 'T-01250' AND 'T-01400'`);
    await t.db.query(`DELETE FROM clue_events WHERE campaign_id = 'tally'`);
    await t.db.query(`DELETE FROM clues WHERE campaign_id = 'tally' AND clue_no > 'T-01990'`);
    await same();
    const deep = await tallyDepth(t.db, 'tally');
    expect(await compactTally(t.db, 'tally')).toBe(true);
    expect(await tallyDepth(t.db, 'tally')).toBeLessThan(deep);
    await same();
  });

  it('loses nothing when single-clue projections race a fold', async () => {
    const writes = Array.from({ length: 200 }, (_, i) =>
      t.db.query(`UPDATE clues SET overdue = NOT overdue, escalation_level = $2 WHERE campaign_id = 'tally' AND clue_no = $1`, [`T-${String(1001 + i).padStart(5, '0')}`, i % 5]),
    );
    await Promise.all([...writes.slice(0, 100), compactTally(t.db, 'tally'), ...writes.slice(100), compactTally(t.db, 'tally')]);
    await same();
    await compactTally(t.db, 'tally');
    await same();
  });
});
