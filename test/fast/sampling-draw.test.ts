import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  drawSample,
  newSeed,
  populationHash,
  rankKey,
  seedCommitment,
  sha256Hex,
  verifyProof,
  type DrawProof,
} from '../../activities/sampling/draw';
import { requiredSampleSize } from '../../domain/sampling';

const RUNS = { seed: 42, numRuns: 200 };

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const clueNoArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const populationArb = (maxLength: number) => fc.uniqueArray(clueNoArb, { maxLength });

const clues = (n: number, prefix = 'C') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);

describe('required sample size', () => {
  // Independent of the implementation's Number arithmetic: the ceiling is characterised exactly,
  // in BigInt rationals, as the least whole k with k ≥ N·ppm / 10⁶.
  const exactCeil = (n: number, rate: number): bigint => {
    const ppm = BigInt(Math.round(rate * 1e6));
    const scaled = BigInt(n) * ppm;
    const k = scaled / 1_000_000n + (scaled % 1_000_000n === 0n ? 0n : 1n);
    expect(k * 1_000_000n >= scaled).toBe(true);
    expect(k === 0n || (k - 1n) * 1_000_000n < scaled).toBe(true);
    return k;
  };

  it('is the exact ceiling for the campaign rates', () => {
    const rates = [0, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(...rates), (n, rate) => {
        expect(BigInt(requiredSampleSize(n, rate))).toBe(exactCeil(n, rate));
      }),
      RUNS,
    );
  });

  it('is the exact ceiling for any rate in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, rate) => {
        expect(BigInt(requiredSampleSize(n, rate))).toBe(exactCeil(n, rate));
      }),
      RUNS,
    );
  });

  it('gives the work plan figures at 20%', () => {
    expect([0, 1, 5, 6, 23].map((n) => requiredSampleSize(n, 0.2))).toEqual([0, 1, 1, 2, 5]);
  });
});

describe('primitives', () => {
  it('makes 32-byte seeds and commits to their bytes', () => {
    const seed = newSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(newSeed()).not.toBe(seed);
    expect(seedCommitment(seed)).toBe(seedCommitment(seed.toUpperCase()));
    expect(seedCommitment('00'.repeat(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
  });

  it('refuses a seed that is not 32 bytes of hex', () => {
    expect(() => seedCommitment('abc')).toThrow(RangeError);
    expect(() => rankKey(`${'0'.repeat(62)}zz`, 1, 'C-1')).toThrow(RangeError);
  });

  it('hashes the population independently of its order', () => {
    expect(populationHash(['b', 'a', 'c'])).toBe(sha256Hex('a\nb\nc'));
    expect(populationHash([])).toBe(sha256Hex(''));
  });

  it('ranks with HMAC over projectNo, NUL, clueNo', () => {
    const seed = sha256Hex('k');
    const expected = createHmac('sha256', Buffer.from(seed, 'hex'))
      .update(Buffer.from([0x33, 0x00, 0x41, 0x2d, 0x31, 0x37]))
      .digest('hex');
    expect(rankKey(seed, 3, 'A-17')).toBe(expected);
    expect(rankKey(seed, 3, 'A-17')).not.toBe(rankKey(seed, 31, 'A-17'));
  });
});

describe('drawSample', () => {
  it('depends only on the seed and the population, not on its order', () => {
    const arb = populationArb(60).chain((population) =>
      fc.tuple(
        fc.constant(population),
        fc.shuffledSubarray(population, { minLength: population.length, maxLength: population.length }),
        seedArb,
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
    );
    fc.assert(
      fc.property(arb, ([population, shuffled, seed, projectNo, rate]) => {
        const required = requiredSampleSize(population.length, rate);
        const a = drawSample({ seed, projectNo, population, previouslySelected: [], required });
        const b = drawSample({ seed, projectNo, population: shuffled, previouslySelected: [], required });
        expect(b).toEqual(a);
        expect(a).toHaveLength(required);
        expect(new Set(a).size).toBe(a.length);
        for (const c of a) expect(population).toContain(c);
      }),
      RUNS,
    );
  });

  it('usually draws a different set under a different seed', () => {
    const population = clues(40);
    const sets = Array.from({ length: 100 }, (_, i) =>
      [...drawSample({ seed: sha256Hex(`seed ${i}`), projectNo: 7, population, previouslySelected: [], required: 8 })].sort().join(),
    );
    expect(new Set(sets).size).toBe(sets.length);
  });

  it('lets a supplementary draw only add, and restores the floor exactly', () => {
    const arb = fc.record({
      all: fc.uniqueArray(clueNoArb, { minLength: 1, maxLength: 300 }),
      steps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 10 }),
      seed: seedArb,
      rate: fc.constantFrom(0.05, 0.2, 1 / 3, 0.5, 1),
    });
    fc.assert(
      fc.property(arb, ({ all, steps, seed, rate }) => {
        let size = 0;
        let union: string[] = [];
        steps.forEach((step, drawNo) => {
          size = Math.min(all.length, size + step);
          const population = all.slice(0, size);
          const required = requiredSampleSize(size, rate);
          // Each draw commits to a fresh seed, as the sampler does.
          const added = drawSample({ seed: sha256Hex(`${seed}/${drawNo}`), projectNo: 1, population, previouslySelected: union, required });
          for (const c of added) {
            expect(union).not.toContain(c);
            expect(population).toContain(c);
          }
          const next = [...union, ...added];
          expect(new Set(next).size).toBe(next.length);
          expect(next.length).toBe(Math.max(required, union.length));
          union = next;
        });
      }),
      RUNS,
    );
  });

  it('draws every clue with frequency close to n/N (chi-square, 19 d.f.)', () => {
    const population = clues(20);
    const required = 4;
    const seeds = 4000;
    const counts = new Map(population.map((c) => [c, 0]));
    for (let i = 0; i < seeds; i++) {
      for (const c of drawSample({ seed: sha256Hex(String(i)), projectNo: 12, population, previouslySelected: [], required })) {
        counts.set(c, counts.get(c)! + 1);
      }
    }
    const expected = (seeds * required) / population.length;
    const chiSquare = [...counts.values()].reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
    // 43.8 is the 0.999 quantile of χ²(19); the seeds are fixed, so this cannot flake.
    expect(chiSquare).toBeLessThan(43.8);
  });

  it('refuses inconsistent inputs', () => {
    const seed = sha256Hex('x');
    expect(() => drawSample({ seed, projectNo: 1, population: ['a', 'a'], previouslySelected: [], required: 1 })).toThrow(RangeError);
    expect(() => drawSample({ seed, projectNo: 1, population: ['a'], previouslySelected: ['b'], required: 1 })).toThrow(RangeError);
    expect(() => drawSample({ seed, projectNo: 1, population: ['a'], previouslySelected: ['a', 'a'], required: 1 })).toThrow(RangeError);
    expect(() => drawSample({ seed, projectNo: 1, population: ['a'], previouslySelected: [], required: -1 })).toThrow(RangeError);
  });
});

describe('verifyProof', () => {
  const makeProof = (seed: string, population: string[], previouslySelected: string[] = []): DrawProof => {
    const rate = '0.2';
    const required = requiredSampleSize(population.length, Number(rate));
    return {
      campaignId: 'c-2025',
      projectNo: 3,
      drawNo: previouslySelected.length ? 2 : 1,
      kind: previouslySelected.length ? 'supplementary' : 'initial',
      seed,
      seedHash: seedCommitment(seed),
      population,
      populationHash: populationHash(population),
      populationSize: population.length,
      rate,
      required,
      previouslySelected,
      selected: drawSample({ seed, projectNo: 3, population, previouslySelected, required }),
      actor: { sub: 'lead', role: 'recheck_lead' },
      at: '2025-09-01T08:00:00.000Z',
    };
  };
  const honest = makeProof(sha256Hex('honest'), clues(23));

  it('accepts honest initial and supplementary proofs', () => {
    expect(verifyProof(honest)).toEqual({ ok: true, problems: [] });
    const later = makeProof(sha256Hex('later'), clues(31), honest.selected);
    expect(later.selected).toHaveLength(2);
    expect(verifyProof(later)).toEqual({ ok: true, problems: [] });
  });

  it('reports a tampered seed, even with a matching commitment', () => {
    const other = sha256Hex('other');
    expect(verifyProof({ ...honest, seed: other }).problems).toEqual([expect.stringMatching(/commitment/), expect.stringMatching(/does not re-compute/)]);
    const r = verifyProof({ ...honest, seed: other, seedHash: seedCommitment(other) });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/selection does not re-compute/)]);
  });

  it('reports a tampered population', () => {
    const population = honest.population.filter((c) => c !== honest.selected[0]);
    const r = verifyProof({ ...honest, population });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/population does not match its hash/), expect.stringMatching(/N = 23/)]));
  });

  it('reports a tampered selection', () => {
    const swapped = honest.population.find((c) => !honest.selected.includes(c))!;
    const r = verifyProof({ ...honest, selected: [swapped, ...honest.selected.slice(1)] });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/selection does not re-compute/)]);
    expect(verifyProof({ ...honest, selected: [...honest.selected].reverse() }).ok).toBe(false);
  });

  it('reports a wrong size and a malformed proof instead of throwing', () => {
    expect(verifyProof({ ...honest, required: 4, selected: honest.selected.slice(0, 4) }).problems).toEqual([expect.stringMatching(/requires 5 clues/)]);
    expect(verifyProof({ ...honest, rate: 'lots' }).problems).toEqual([expect.stringMatching(/rate "lots" is unusable/)]);
    expect(verifyProof({ campaignId: 'x' } as unknown as DrawProof).ok).toBe(false);
  });
});
