/** Filters live in the URL query, so a link (from the overview, or shared) opens the same view. */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

export function text(q: LocationQuery, key: string): string | undefined {
  const v = q[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function int(q: LocationQuery, key: string): number | undefined {
  const v = text(q, key);
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) ? n : undefined;
}

export function bool(q: LocationQuery, key: string): boolean | undefined {
  const v = text(q, key);
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

export function oneOf<T extends string>(q: LocationQuery, key: string, allowed: readonly T[]): T | undefined {
  const v = text(q, key);
  return allowed.find((a) => a === v);
}

/** The query for a set of values: unset, empty and default values are left out of the URL. */
export function toQuery(values: Record<string, string | number | boolean | null | undefined>): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
}
