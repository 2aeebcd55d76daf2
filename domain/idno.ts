/** Resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Returns why the number is malformed, or null when it is well-formed. */
export function idNumberProblem(idNo: string): string | null {
  if (!/^\d{17}[\dX]$/.test(idNo)) return '身份证号应为18位：17位数字加1位数字或X';
  const y = Number(idNo.slice(6, 10));
  const m = Number(idNo.slice(10, 12));
  const d = Number(idNo.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return `身份证号中的出生日期 ${idNo.slice(6, 14)} 无效`;
  }
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(idNo[i]), 0);
  if (CHECK_CHARS[sum % 11] !== idNo[17]) return '身份证号校验位不正确';
  return null;
}

/** 420202********1234: region code and last four kept, birth date hidden. */
export function maskIdNumber(idNo: string): string {
  if (idNo.length < 10) return '*'.repeat(idNo.length);
  return idNo.slice(0, 6) + '*'.repeat(idNo.length - 10) + idNo.slice(-4);
}

/** Completes 17 digits with their check character (used by demo data and tests). */
export function withCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + CHECK_CHARS[sum % 11];
}
