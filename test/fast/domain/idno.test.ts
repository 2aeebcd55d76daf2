/** Resident ID numbers (domain/idno, GB 11643-1999): the check, and the mask most roles see. */
import { idNumberProblem, maskIdNumber, withCheckCharacter } from '../../../domain/idno';

describe('idNumberProblem', () => {
  it('accepts a well-formed number, with a digit or X as check character', () => {
    expect(idNumberProblem('420202198001010015')).toBeNull();
    // The standard's own worked example.
    expect(idNumberProblem('11010519491231002X')).toBeNull();
  });

  it('says what is wrong with the shape', () => {
    const shape = '身份证号应为18位：17位数字加1位数字或X';
    for (const bad of ['42020219800101001', '4202021980010100155', '42020219800101001x', '4202021980O1010015', '']) expect(idNumberProblem(bad)).toBe(shape);
  });

  it('refuses a birth date that does not exist or lies before 1900', () => {
    expect(idNumberProblem(withCheckCharacter('42020219800230001'))).toBe('身份证号中的出生日期 19800230 无效');
    expect(idNumberProblem(withCheckCharacter('42020219801301001'))).toBe('身份证号中的出生日期 19801301 无效');
    expect(idNumberProblem('440524188001010014')).toBe('身份证号中的出生日期 18800101 无效');
  });

  it('refuses a wrong check character', () => {
    expect(idNumberProblem('420202198001010014')).toBe('身份证号校验位不正确');
    expect(idNumberProblem('110105194912310021')).toBe('身份证号校验位不正确');
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and the last four, and hides the birth date', () => {
    expect(maskIdNumber('420202198001010015')).toBe('420202********0015');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('hides a short value whole rather than show most of it', () => {
    expect(maskIdNumber('123456789')).toBe('*********');
    expect(maskIdNumber('')).toBe('');
  });
});
