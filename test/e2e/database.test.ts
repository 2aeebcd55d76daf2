import { appendAudit } from '../../db/audit';
import { createTestDatabase, type DbKind, type TestDatabase } from '../support/databases';

describe.each<DbKind>(['postgres', 'pglite'])('ledger schema on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it('creates every table through the migrations', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'api_tokens',
        'audit_log',
        'campaigns',
        'clue_events',
        'clues',
        'departments',
        'mail_outbox',
        'notices',
        'projects',
        'sampling_draws',
        'units',
      ]),
    );
  });

  it('refuses to change or delete an audit entry', async () => {
    await t.db.tx((em) => appendAudit(em, { key: 'k1', actor: { name: 'a', role: 'coordinator' }, action: 'test', entityType: 'x', entityId: '1' }));
    await expect(t.db.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const rows = await t.db.query(`SELECT action FROM audit_log`);
    expect(rows).toEqual([{ action: 'test' }]);
  });

  it('generates UUIDs without extensions', async () => {
    const [row] = await t.db.query<{ id: string }>(
      `INSERT INTO api_tokens (token_hash, role, name) VALUES ('h', 'coordinator', 'n') RETURNING id`,
    );
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps concurrent transactions apart', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.tx(async (em) => {
          await em.query(`INSERT INTO api_tokens (token_hash, role, name) VALUES ($1, 'system', 'c')`, [`tx${i}`]);
          if (i % 2) throw new Error('rolled back');
        }).catch(() => undefined),
      ),
    );
    const [{ n }] = await t.db.query<{ n: string }>(`SELECT count(*)::int AS n FROM api_tokens WHERE token_hash LIKE 'tx%'`);
    expect(Number(n)).toBe(10);
  });
});
