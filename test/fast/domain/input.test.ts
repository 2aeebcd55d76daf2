/**
 * The input boundary (domain/input): what text, e-mail and clue numbers must be. The OpenAPI
 * patterns are built from the same character classes, written out so that a Python client
 * (schemathesis, hypothesis) reads them as the server does.
 */
import { CLUE_NO_PATTERN, CONTROL_CLASS, EMAIL_PATTERN, WHITESPACE_CLASS, clueNoProblem, emailProblem, isBlank, textProblem } from '../../../domain/input';

describe('text', () => {
  const rule = { max: 10, required: true, singleLine: true };

  it('refuses control characters, NUL first of all (PostgreSQL cannot store it)', () => {
    expect(textProblem('a\u0000b', rule)).toMatch(/控制字符/);
    expect(textProblem('a\u0085b', rule)).toMatch(/控制字符/);
    expect(textProblem('a\tb', { max: 10 })).toBeNull();
  });

  it('refuses a half surrogate pair but keeps a whole one', () => {
    expect(textProblem('a\uD800', rule)).toMatch(/Unicode/);
    expect(textProblem('😀', rule)).toBeNull();
  });

  it('counts as blank exactly what trim() removes, ideographic space and BOM included', () => {
    for (const blank of ['', ' ', '\u3000', '\uFEFF', '\u00A0\t', '\u2028']) {
      expect([blank, isBlank(blank)]).toEqual([blank, true]);
      expect(blank.trim()).toBe('');
    }
    expect(isBlank(' 张三 ')).toBe(false);
    expect(textProblem('\uFEFF', rule)).toBe('不能为空');
  });

  it('refuses line breaks in one-line text and overlong text, naming the length', () => {
    expect(textProblem('a\nb', rule)).toBe('不能换行');
    expect(textProblem('一二三四五六七八九十一', rule)).toBe('过长：最多 10 个字符，现有 11 个');
  });

  it('writes its classes without \\s or \\w, which Python reads differently', () => {
    for (const cls of [CONTROL_CLASS, WHITESPACE_CLASS, EMAIL_PATTERN.source, CLUE_NO_PATTERN.source]) expect(cls).not.toMatch(/\\[sSwWd]/);
  });
});

describe('e-mail address', () => {
  it('takes ordinary and internationalised addresses', () => {
    expect(emailProblem('zhang.san@hsg.gov.cn')).toBeNull();
    expect(emailProblem('张三@黄石港.中国')).toBeNull();
  });

  it('refuses control characters, blanks, a missing domain and overlong addresses', () => {
    for (const bad of ['a\u0000@b.cn', 'a\u0003@b.cn', 'a b@c.cn', 'a\uFEFF@b.cn', 'a@b', '@b.cn', `${'a'.repeat(250)}@b.cn`, 42]) {
      expect([bad, emailProblem(bad)]).toEqual([bad, '不是有效的邮箱地址（如 name@example.gov.cn）']);
    }
  });
});

describe('clue number', () => {
  it('is ASCII letters, digits, -, _ and . only', () => {
    expect(clueNoProblem('HSG-2024-000001')).toBeNull();
    expect(clueNoProblem('HSG-二〇二四')).not.toBeNull();
  });
});
