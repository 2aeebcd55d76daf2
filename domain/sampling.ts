/**
 * Re-check sample size (抽查复核比例): at least ceil(rate × N) of a project's unsubstantiated clues.
 * The rate is turned into parts per million once, so the ceiling is exact integer arithmetic:
 * 0.2 × 5 is 1, not 1.0000000000000002.
 */
const PPM = 1_000_000;

export function rateToPpm(rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`sample rate must be within [0, 1], got ${rate}`);
  return Math.round(rate * PPM);
}

export function requiredSampleSize(population: number, rate: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  const ppm = rateToPpm(rate);
  return Math.floor((population * ppm + PPM - 1) / PPM);
}
