/**
 * verify-audit — re-computes every campaign's audit hash chain and names the first entry that was
 * altered, removed or inserted behind the database's back.
 *
 *   npm run verify-audit [-- --campaign <id>]
 *
 * Reads the ledger at DATABASE_URL, or the embedded database in DATA_DIR that `npm start` uses (beside a
 * running `npm start`, its server).
 * Exit 0: every chain holds; 1: a chain is broken (each break is printed); 2: usage or connection error.
 */
import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { openConfiguredDatabase } from '../db/configured-database';
import { verifyAuditChains } from '../db/verify-audit';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--campaign');
  if ((at >= 0 && !args[at + 1]) || args.some((a, i) => a.startsWith('--') && a !== '--campaign' && i !== at + 1)) {
    console.error('usage: npm run verify-audit [-- --campaign <id>]');
    return 2;
  }
  const config = loadConfig();
  const { db, close } = await openConfiguredDatabase(config, { log: (line) => console.error(line), shareRunning: true });
  try {
    const report = await verifyAuditChains(db, at >= 0 ? args[at + 1] : undefined);
    for (const b of report.breaks) {
      const what = b.problem === 'content_changed' ? 'its content was changed' : 'an entry before it was removed or inserted';
      console.log(`BROKEN campaign ${b.campaignId ?? '(none)'}: entry #${b.id} ${b.action} ${b.entityType} ${b.entityId} at ${b.at} — ${what}`);
    }
    console.log(`${report.chains} chain(s), ${report.entries} entries checked: ${report.breaks.length ? `${report.breaks.length} broken` : 'all hold'}`);
    return report.breaks.length ? 1 : 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`verify-audit: ${(err as Error).message}`);
    process.exit(2);
  },
);
