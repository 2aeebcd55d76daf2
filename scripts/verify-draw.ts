/**
 * verify-draw — re-computes a re-check draw (抽查) from its proof alone, with no access to clueflow.
 *
 *   node dist/scripts/verify-draw.js <proof.json>      (npm run verify-draw -- <proof.json>)
 *
 * The file is the JSON from `GET /campaigns/:id/sampling/:projectNo/draws/:n/proof`, either the
 * proof itself or an object with a `proof` field. Exit 0: the proof holds; 1: it does not;
 * 2: usage error or unreadable file.
 *
 * The procedure, for an auditor re-implementing it in any language (activities/sampling/draw.ts):
 *  1. seedHash = hex SHA-256 of the 32 seed bytes (the hex `seed` decoded, not its text).
 *  2. populationHash = hex SHA-256 of the UTF-8 text formed by sorting the `population` clue numbers
 *     by UTF-16 code unit and joining them with "\n" (no trailing newline).
 *  3. populationSize = number of clues in `population`, all distinct.
 *  4. required = ceil(ppm × N / 1 000 000), ppm = round(rate × 1 000 000), in integer arithmetic.
 *  5. For every clue of the population not in `previouslySelected`, rank =
 *     HMAC-SHA256(key = seed bytes, message = UTF-8 of decimal projectNo, byte 0x00, UTF-8 clueNo),
 *     as lowercase hex. Sort by rank ascending, ties by clue number; take the first
 *     max(0, required − |previouslySelected|). This list, in this order, must equal `selected`.
 *  6. |previouslySelected| + |selected| ≥ required.
 */
import { readFileSync } from 'node:fs';
import { verifyProof, type DrawProof } from '../activities/sampling/draw';

function usage(message: string): never {
  console.error(message);
  console.error('usage: node dist/scripts/verify-draw.js <proof.json>');
  process.exit(2);
}

const file = process.argv[2];
if (!file) usage('no proof file given');

let parsed: unknown;
try {
  parsed = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  usage(`cannot read ${file} as JSON: ${(e as Error).message}`);
}
const wrapped = parsed as { proof?: unknown } | null;
const proof = (wrapped && typeof wrapped === 'object' && 'proof' in wrapped ? wrapped.proof : parsed) as DrawProof;

const { ok, problems } = verifyProof(proof);
const p = (proof ?? {}) as Partial<DrawProof>;
console.log(`campaign ${p.campaignId}, project ${p.projectNo}, draw ${p.drawNo} (${p.kind}) at ${p.at}`);
console.log(`N = ${p.populationSize}, rate = ${p.rate}, required = ${p.required}, previously selected = ${p.previouslySelected?.length}`);
console.log(`selected: ${Array.isArray(p.selected) ? p.selected.join(', ') || '(none)' : '(missing)'}`);
if (ok) {
  console.log('OK: selection re-computed from the seed and population');
} else {
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
}
process.exit(ok ? 0 : 1);
