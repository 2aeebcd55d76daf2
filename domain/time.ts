/** Time-zone arithmetic for campaign dates; not for workflow code (it uses Intl). */

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in `timeZone`, as numbers (one formatter per zone, reused). */
function wallClockParts(at: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value])) as ReturnType<typeof wallClockParts>;
}

/** Offset of `timeZone` from UTC at instant `at`, in ms (Asia/Shanghai → +8h). */
function zoneOffset(at: number, timeZone: string): number {
  const p = wallClockParts(at, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** `YYYY-MM-DD HH:mm:ss` of an instant in `timeZone`. */
export function localDateTime(at: number, timeZone: string): string {
  const p = wallClockParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Midnight at the start of `date` (YYYY-MM-DD) in `timeZone`, as ms since epoch. */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  const guess = naive - zoneOffset(naive, timeZone);
  return naive - zoneOffset(guess, timeZone);
}

/** The first instant after the last day `date`: a deadline of 2024-08-30 is missed from this instant on. */
export function dueInstant(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfDay(next, timeZone);
}

/** The last day of a deadline whose `dueInstant` is `dueAt` (its inverse): the day before it starts. */
export function lastDayOf(dueAt: number, timeZone: string): string {
  return localDate(dueAt - 1, timeZone);
}

/** YYYY-MM-DD of an instant in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from date `a` to date `b` (YYYY-MM-DD), negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
