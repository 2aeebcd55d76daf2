import { InitialLedger1795612727189 } from './1795612727189-InitialLedger';

/** Listed explicitly so that compiled, bundled and test runs load the same migrations in order. */
export const MIGRATIONS = [InitialLedger1795612727189];
