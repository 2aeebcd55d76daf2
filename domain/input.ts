/**
 * The input boundary: what any text, amount, date or whole number must be before clueflow accepts
 * it — from a JSON body, a query string, an uploaded file or a workflow update alike. Each check
 * returns why the value is refused (Chinese, for the person who sent it), or null. A value that
 * passes can always be stored: the ledger never refuses what a workflow has already accepted.
 */

/** PostgreSQL int4, the type of every whole-number column and of draw and page numbers. */
export const INT4_MAX = 2_147_483_647;

/** numeric(16, 2): yuan with two decimals, below 10^14. */
export const AMOUNT_MAX = 99_999_999_999_999.99;

/** Longest texts accepted, by kind: names and codes, one-line reasons, free text such as findings. */
export const TEXT_LIMITS = { name: 200, line: 2_000, text: 20_000 } as const;

// C0 controls other than tab, line feed and carriage return, DEL, and the C1 controls. NUL cannot be
// stored in a PostgreSQL text column at all; the others are never typed by a person.
/** The control characters refused, as the body of a character class (written out, for JSON Schema too). */
export const CONTROL_CLASS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const CONTROL = new RegExp(`[${CONTROL_CLASS}]`);
/**
 * Blank space, written out rather than as `\s`: JavaScript's and Python's `\s` differ (U+FEFF,
 * U+001C–U+001F), and the OpenAPI patterns built from this are read by clients in both. These are
 * exactly the characters String.prototype.trim removes.
 */
export const WHITESPACE_CLASS = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';
const VISIBLE = new RegExp(`[^${WHITESPACE_CLASS}]`);

/** True when a text has nothing but blank space (the rule that a reason or a finding must be given). */
export function isBlank(value: string): boolean {
  return !VISIBLE.test(value);
}
const LINE_BREAK = /[\r\n]/;
/** A half of a surrogate pair on its own: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextRule {
  /** Longest length accepted, in characters. */
  max: number;
  /** Refuse an empty or blank value (the rule that a reason or a finding must be given). */
  required?: boolean;
  /** One line: no line breaks (names, codes). */
  singleLine?: boolean;
}

export function textProblem(value: unknown, rule: TextRule): string | null {
  if (typeof value !== 'string') return '应为文本';
  if (CONTROL.test(value)) return '含有不可见的控制字符（如 \\u0000），请删除后重新提交';
  if (LONE_SURROGATE.test(value)) return '含有无效的 Unicode 字符，请检查编码后重新提交';
  if (rule.singleLine && LINE_BREAK.test(value)) return '不能换行';
  if (rule.required && isBlank(value)) return '不能为空';
  if (value.length > rule.max) return `过长：最多 ${rule.max} 个字符，现有 ${value.length} 个`;
  return null;
}

/** Free text from a file cell: control characters are dropped rather than the row refused. */
export function cleanText(value: string): { text: string; stripped: boolean } {
  const text = value.replace(new RegExp(CONTROL.source, 'g'), '');
  return { text, stripped: text !== value };
}

/** Yuan: a finite number ≥ 0 with at most two decimals, within the ledger's numeric(16, 2). */
export function amountProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '金额应为数字（元）';
  if (value < 0) return '金额应 ≥ 0';
  if (value > AMOUNT_MAX) return `金额过大：最多 ${AMOUNT_MAX.toLocaleString('en-US')} 元`;
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6 * Math.max(1, Math.abs(value))) return '金额最多保留两位小数';
  return null;
}

/** A whole number within [min, max] (max defaults to the int4 limit). */
export function wholeNumberProblem(value: unknown, min: number, max: number = INT4_MAX): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return '应为整数';
  if (value < min || value > max) return `应在 ${min} 到 ${max} 之间`;
  return null;
}

/** A calendar day YYYY-MM-DD that exists (no 2024-02-30, no 0000-00-00), in the years 1900–2099. */
export function dayProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '应为日期 YYYY-MM-DD';
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2099 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return `${value} 不是真实存在的日期`;
  return null;
}

/** An e-mail address: something@domain.tld, without blank space or control characters, at most 254 long. */
const EMAIL_PART = `[^@${WHITESPACE_CLASS}${CONTROL_CLASS}]+`;
export const EMAIL_PATTERN = new RegExp(`^${EMAIL_PART}@${EMAIL_PART}\\.${EMAIL_PART}$`);
export const EMAIL_MAX = 254;
export function emailProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > EMAIL_MAX || !EMAIL_PATTERN.test(value) || LONE_SURROGATE.test(value)) return '不是有效的邮箱地址（如 name@example.gov.cn）';
  return null;
}

/** Codes of campaigns, units, departments: lower-case letters, digits, '-' and '_', 1–64 long. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export function codeProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !CODE_PATTERN.test(value)) return '应为 1–64 位小写字母、数字、-、_（以字母或数字开头）';
  return null;
}

/** Clue numbers as the province issues them: letters, digits, '-', '_', '.', 1–64 long. */
export const CLUE_NO_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/; // not \w: Python reads \w as any letter
export function clueNoProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !CLUE_NO_PATTERN.test(value)) return '线索编号应为 1–64 位字母、数字、-、_、.';
  return null;
}

/** One of a fixed list of codes, each named with its Chinese label where it has one. */
export function oneOfProblem(value: unknown, values: readonly string[], labels?: Readonly<Record<string, string>>): string | null {
  if (typeof value === 'string' && values.includes(value)) return null;
  return `应为以下之一：${values.map((v) => (labels?.[v] ? `${v}（${labels[v]}）` : v)).join('、')}`;
}
