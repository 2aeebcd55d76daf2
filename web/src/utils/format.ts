/** How numbers, money and instants read on screen; instants always in the campaign's time zone. */
import { DAY_MS } from '@domain/escalation';
import { lastDayOf, localDate, localDateTime } from '@domain/time';

const HOUR_MS = 3_600_000;

/** `2024-08-30 17:05` in `timeZone`; empty for no instant. */
export function dateTime(iso: string | number | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined || iso === '') return '';
  return localDateTime(new Date(iso).getTime(), timeZone).slice(0, 16);
}

export function date(iso: string | number | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined || iso === '') return '';
  return localDate(new Date(iso).getTime(), timeZone);
}

/**
 * The last day of a deadline given as its first instant past it (how the API reports `nextDeadline`):
 * a clue due by 2024-08-30 has nextDeadline 2024-08-30T16:00Z (00:00 on the 31st in Shanghai).
 */
export function lastDay(dueAt: string | number | null | undefined, timeZone: string): string {
  if (dueAt === null || dueAt === undefined || dueAt === '') return '';
  return lastDayOf(new Date(dueAt).getTime(), timeZone);
}

function span(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return `${hours} 小时`;
  return `${Math.max(1, Math.ceil(ms / 60_000))} 分钟`;
}

/** “还剩 3 天 4 小时” or “已逾期 2 天”, measured to the deadline's first instant past it. */
export function timeLeft(dueAt: string | number | null | undefined, now: number): { text: string; late: boolean } | null {
  if (dueAt === null || dueAt === undefined || dueAt === '') return null;
  const left = new Date(dueAt).getTime() - now;
  return left > 0 ? { text: `还剩 ${span(left)}`, late: false } : { text: `已逾期 ${span(-left)}`, late: true };
}

const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function money(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : yuan.format(amount);
}

/** Large sums on cards: “12.35 万元” reads faster than ¥123,456.00. */
export function moneyShort(amount: number): string {
  return Math.abs(amount) >= 10_000 ? `${(amount / 10_000).toFixed(2)} 万元` : `${amount.toFixed(2)} 元`;
}

export function percent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}
