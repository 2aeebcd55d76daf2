import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key (issue 10): a client that retries a POST after a timeout gets the first reply
 * again instead of acting twice. Keys are per token; a key whose request never finished (the
 * process died) can be taken over after a while, and the engine's own update ids keep the action
 * single even then.
 */
export class IdempotencyKeys1795800000000 implements MigrationInterface {
  name = 'IdempotencyKeys1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        token_hash text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (token_hash, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
