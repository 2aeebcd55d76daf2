/**
 * The provable re-check draw (DESIGN.md "Re-check sampling"). Everything here except `newSeed` is a
 * pure function of its arguments, so an auditor holding a draw's proof can re-run it and must get
 * the same selection; scripts/verify-draw.ts documents the procedure for re-implementing it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { requiredSampleSize } from '../../domain/sampling';

const SEED_BYTES = 32;

/** A fresh secret seed from the CSPRNG: the units cannot predict the draw before it is made. */
export function newSeed(): string {
  return randomBytes(SEED_BYTES).toString('hex');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

// Buffer.from(x, 'hex') silently drops everything from the first non-hex character on, so a
// mistyped seed would hash and rank as a different (shorter) key instead of failing.
function seedBytes(seedHex: string): Buffer {
  if (typeof seedHex !== 'string' || !/^[0-9a-f]{64}$/i.test(seedHex)) {
    throw new RangeError(`seed must be ${SEED_BYTES} bytes written as ${SEED_BYTES * 2} hex digits`);
  }
  return Buffer.from(seedHex, 'hex');
}

/** Published before the draw; hashing the bytes, not the hex text, keeps it independent of letter case. */
export function seedCommitment(seedHex: string): string {
  return createHash('sha256').update(seedBytes(seedHex)).digest('hex');
}

/**
 * SHA-256 (hex) of the clue numbers sorted by UTF-16 code unit (JavaScript's default sort, not a
 * locale collation, so every platform agrees) and joined with '\n', no trailing newline.
 */
export function populationHash(clueNos: string[]): string {
  return sha256Hex([...clueNos].sort().join('\n'));
}

/**
 * HMAC-SHA256 (hex) keyed with the 32 seed bytes over the message bytes
 *   ASCII decimal projectNo ‖ 0x00 ‖ UTF-8 clueNo
 * e.g. project 3, clue "A-17" → 33 00 41 2d 31 37. The NUL cannot occur in a decimal number, so
 * no (project, clue) pair can be spelled like another.
 */
export function rankKey(seedHex: string, projectNo: number, clueNo: string): string {
  return rankWithKey(seedBytes(seedHex), projectNo, clueNo);
}

function rankWithKey(key: Buffer, projectNo: number, clueNo: string): string {
  return createHmac('sha256', key).update(`${projectNo}\u0000${clueNo}`, 'utf8').digest('hex');
}

export interface DrawInput {
  seed: string;
  projectNo: number;
  population: string[];
  previouslySelected: string[];
  /**
   * Clues of the population already told "not drawn" and closed before this (supplementary) draw:
   * they count towards N but can no longer be drawn.
   */
  excluded?: string[];
  required: number;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The clues newly drawn, lowest rank first: enough of the not-yet-drawn clues to bring the total
 * up to `required`. Earlier draws are never revisited, so a supplementary draw only ever adds.
 */
export function drawSample(input: DrawInput): string[] {
  const { seed, projectNo, population, previouslySelected, required } = input;
  if (!Number.isInteger(required) || required < 0) throw new RangeError(`required must be a whole number ≥ 0, got ${required}`);
  const members = new Set(population);
  if (members.size !== population.length) throw new RangeError('population contains a clue number more than once');
  const previous = new Set(previouslySelected);
  if (previous.size !== previouslySelected.length) throw new RangeError('previously selected contains a clue number more than once');
  for (const clueNo of previous) {
    if (!members.has(clueNo)) throw new RangeError(`previously selected clue ${clueNo} is not in the population`);
  }
  const excluded = new Set(input.excluded ?? []);
  for (const clueNo of excluded) {
    if (!members.has(clueNo)) throw new RangeError(`excluded clue ${clueNo} is not in the population`);
    if (previous.has(clueNo)) throw new RangeError(`clue ${clueNo} cannot be both previously selected and excluded`);
  }
  const key = seedBytes(seed);
  const take = Math.max(0, required - previous.size);
  return population
    .filter((clueNo) => !previous.has(clueNo) && !excluded.has(clueNo))
    .map((clueNo) => ({ clueNo, rank: rankWithKey(key, projectNo, clueNo) }))
    // HMAC outputs practically never tie, but clue numbers that differ only in ill-formed UTF-16
    // encode to the same bytes; the clueNo tie-break keeps the order total and input-independent.
    .sort((a, b) => byCodeUnit(a.rank, b.rank) || byCodeUnit(a.clueNo, b.clueNo))
    .slice(0, take)
    .map((r) => r.clueNo);
}

/** One append-only row of `sampling_draws`, as served by `GET .../draws/:n/proof`. */
export interface DrawProof {
  campaignId: string;
  projectNo: number;
  drawNo: number;
  kind: 'initial' | 'supplementary';
  seed: string;
  seedHash: string;
  population: string[];
  populationHash: string;
  populationSize: number;
  /** Decimal text, so the stored rate is exactly the one the size was computed from. */
  rate: string;
  required: number;
  previouslySelected: string[];
  /** Already told "not drawn" before this draw; absent in proofs of initial draws. */
  excluded?: string[];
  selected: string[];
  actor: unknown;
  at: string;
}

export interface Verification {
  ok: boolean;
  problems: string[];
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Re-checks a proof from its own contents only. Proofs arrive as JSON from outside, so a
 * malformed one yields problems rather than an exception.
 */
export function verifyProof(proof: DrawProof): Verification {
  const problems: string[] = [];
  const p = proof as unknown as Record<string, unknown>;
  if (typeof p !== 'object' || p === null) return { ok: false, problems: ['the proof is not an object'] };
  if (typeof p.seed !== 'string') problems.push('the seed is missing');
  if (typeof p.seedHash !== 'string') problems.push('the seed hash (commitment) is missing');
  if (!Number.isInteger(p.projectNo)) problems.push('the project number is missing or not a whole number');
  if (!isStringArray(p.population)) problems.push('the population is not a list of clue numbers');
  if (!isStringArray(p.previouslySelected)) problems.push('the previously selected clues are not a list of clue numbers');
  if (p.excluded !== undefined && !isStringArray(p.excluded)) problems.push('the excluded clues are not a list of clue numbers');
  if (!isStringArray(p.selected)) problems.push('the selected clues are not a list of clue numbers');
  if (!Number.isInteger(p.required)) problems.push('the required sample size is missing or not a whole number');
  if (p.kind !== 'initial' && p.kind !== 'supplementary') problems.push(`the kind must be "initial" or "supplementary", got ${JSON.stringify(p.kind)}`);
  if (problems.length > 0) return { ok: false, problems };

  try {
    if (seedCommitment(proof.seed) !== proof.seedHash.toLowerCase()) {
      problems.push(`the seed does not match its commitment: SHA-256 of the seed is ${seedCommitment(proof.seed)}, the proof says ${proof.seedHash}`);
    }
  } catch (e) {
    problems.push(`the seed is unusable: ${(e as Error).message}`);
  }
  const recomputedPopulationHash = populationHash(proof.population);
  if (recomputedPopulationHash !== proof.populationHash) {
    problems.push(`the population does not match its hash: recomputed ${recomputedPopulationHash}, the proof says ${proof.populationHash}`);
  }
  if (proof.populationSize !== proof.population.length) {
    problems.push(`the population lists ${proof.population.length} clues but the proof says N = ${proof.populationSize}`);
  }
  try {
    const required = requiredSampleSize(proof.population.length, Number(proof.rate));
    if (required !== proof.required) {
      problems.push(`at rate ${proof.rate} a population of ${proof.population.length} requires ${required} clues, the proof says ${proof.required}`);
    }
  } catch (e) {
    problems.push(`the rate ${JSON.stringify(proof.rate)} is unusable: ${(e as Error).message}`);
  }
  if (proof.kind === 'initial' && proof.previouslySelected.length > 0) {
    problems.push(`an initial draw cannot have previously selected clues, this one lists ${proof.previouslySelected.length}`);
  }
  try {
    const expected = drawSample(proof);
    if (!sameList(expected, proof.selected)) {
      problems.push(`the selection does not re-compute: the seed and population give [${expected.join(', ')}], the proof says [${proof.selected.join(', ')}]`);
    }
  } catch (e) {
    problems.push(`the draw cannot be re-run: ${(e as Error).message}`);
  }
  if (proof.previouslySelected.length + proof.selected.length < proof.required) {
    problems.push(`only ${proof.previouslySelected.length + proof.selected.length} clues are drawn in total, below the required ${proof.required}`);
  }
  return { ok: problems.length === 0, problems };
}
