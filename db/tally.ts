/**
 * The clue tally (migration ClueTally): append-only deltas of the campaign figures, kept by triggers
 * on `clues`. Readers sum them by combination; `compactTally` folds a campaign's deltas into one row
 * per combination so that the sum stays a few thousand rows deep however many writes came before.
 */
import type { Database } from './database';

/** The counted columns of a clue, as the tally stores them. */
export const TALLY_DIMENSIONS = ['unit_code', 'project_no', 'stage', 'conclusion', 'overdue', 'escalation_level', 'verification_inaccurate', 'sampled', 'rechecked'] as const;

/**
 * A query of the tally summed by combination, with the project's department beside it: columns
 * TALLY_DIMENSIONS, department_code, n (clues), amount_involved, amount_confirmed, amount_recovered.
 * `where` is a condition over `t` (the tally) and `p` (projects).
 */
export function tallyRowsSql(where: string): string {
  const dims = TALLY_DIMENSIONS.map((d) => `t.${d}`).join(', ');
  return `SELECT ${dims}, p.department_code, sum(t.clues)::int AS n, sum(t.amount_involved) AS amount_involved,
                 sum(t.amount_confirmed) AS amount_confirmed, sum(t.amount_recovered) AS amount_recovered
            FROM clue_tally t JOIN projects p ON p.campaign_id = t.campaign_id AND p.no = t.project_no
           WHERE ${where}
           GROUP BY ${dims}, p.department_code
          HAVING sum(t.clues) <> 0`;
}

/**
 * Folds a campaign's deltas into one row per combination, in one transaction; a combination whose
 * clues all moved on disappears. Skipped (false) while another process folds the same campaign.
 * Writers never wait on it: the rows they append meanwhile are not in its snapshot and stay as they are.
 */
export function compactTally(db: Database, campaignId: string): Promise<boolean> {
  const dims = ['campaign_id', ...TALLY_DIMENSIONS].join(', ');
  return db.tx(async (em) => {
    const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock(hashtext('clueflow:tally:' || $1)) AS locked`, [campaignId]);
    if (!locked) return false;
    await em.query(
      `WITH gone AS (DELETE FROM clue_tally WHERE campaign_id = $1 RETURNING *)
       INSERT INTO clue_tally (${dims}, clues, amount_involved, amount_confirmed, amount_recovered)
       SELECT ${dims}, sum(clues), sum(amount_involved), sum(amount_confirmed), sum(amount_recovered)
         FROM gone GROUP BY ${dims} HAVING sum(clues) <> 0
        ORDER BY ${dims}`,
      [campaignId],
    );
    return true;
  });
}

/** How many delta rows a campaign's tally holds now (what a fold would shrink). */
export async function tallyDepth(db: Database, campaignId: string): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clue_tally WHERE campaign_id = $1`, [campaignId]);
  return n;
}

/**
 * Folds a campaign's tally in the background after reads, at most once every `everyMs` per
 * campaign and only once it holds `minDepth` delta rows; `drain` waits for folds under way (shutdown).
 */
export class TallyFolder {
  private readonly lastLook = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly onError: (err: Error) => void,
    private readonly minDepth = 2_000,
    private readonly everyMs = 5_000,
  ) {}

  touch(campaignId: string): void {
    const now = Date.now();
    if (now - (this.lastLook.get(campaignId) ?? 0) < this.everyMs) return;
    this.lastLook.set(campaignId, now);
    const fold: Promise<void> = (async () => {
      if ((await tallyDepth(this.db, campaignId)) >= this.minDepth) await compactTally(this.db, campaignId);
    })()
      .catch((err: Error) => this.onError(err))
      .finally(() => this.running.delete(fold));
    this.running.add(fold);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
