/** Jest global teardown of the end-to-end tier: stops the PostgreSQL server the set-up started, if it started one. */
import { running } from './setup-e2e';

export default async function tearDownEndToEndTier(): Promise<void> {
  await running.postgres?.stop();
}
