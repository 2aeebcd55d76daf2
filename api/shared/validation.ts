/**
 * Request validation: the global pipe, the decorators that apply domain/input's boundary to DTO
 * fields, and the pipes for path parameters. Every message is the domain's, in Chinese, and names
 * the field it is about.
 */
import { Injectable, ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationError, type ValidationOptions } from 'class-validator';
import {
  amountProblem,
  clueNoProblem,
  codeProblem,
  dayProblem,
  textProblem,
  wholeNumberProblem,
  oneOfProblem,
  INT4_MAX,
  type TextRule,
} from '../../domain/input';
import { invalid, type FieldDetail } from './errors';

/** class-validator's own checks, in the words of the person who must fix them. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '未知字段：请删除它（可用字段见 API 文档 /api/docs）',
  isArray: '应为数组',
  arrayMinSize: '至少需要一项',
  arrayMaxSize: '项数过多',
  isBoolean: '应为 true 或 false',
  nestedValidation: '应为对象',
  isObject: '应为对象',
  isEmail: '不是有效的邮箱地址',
  unknownValue: '请求体应为 JSON 对象',
};

function fieldErrors(errors: ValidationError[], prefix = ''): FieldDetail[] {
  return errors.flatMap((e) => [
    ...Object.entries(e.constraints ?? {}).map(([key, message]) => ({ field: `${prefix}${e.property}`, message: CONSTRAINT_MESSAGES[key] ?? message })),
    ...fieldErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/** Unknown fields are refused with a message rather than silently dropped or kept. */
export function globalValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => invalid(fieldErrors(errors)),
  });
}

function rule(name: string, problem: (value: unknown) => string | null, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: (value) => problem(value) === null, defaultMessage: (args) => problem(args?.value) ?? '' } }, options);
}

export const IsText = (textRule: TextRule, options?: ValidationOptions) => rule('isText', (v) => textProblem(v, textRule), options);
export const IsAmount = (options?: ValidationOptions) => rule('isAmount', amountProblem, options);
export const IsDay = (options?: ValidationOptions) => rule('isDay', dayProblem, options);
export const IsCode = (options?: ValidationOptions) => rule('isCode', codeProblem, options);
export const IsClueNo = (options?: ValidationOptions) => rule('isClueNo', clueNoProblem, options);
export const IsWholeNumber = (min: number, max: number = INT4_MAX, options?: ValidationOptions) =>
  rule('isWholeNumber', (v) => wholeNumberProblem(v, min, max), options);

/** An instant in ISO 8601 with its offset, e.g. 2024-08-01T00:00:00+08:00. */
export const IsInstant = (options?: ValidationOptions) =>
  rule('isInstant', (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)) ? null : '应为带时区的时刻，如 2024-08-01T00:00:00+08:00'), options);

/** true or false (after ToBoolean for query strings). */
export const IsBooleanValue = (options?: ValidationOptions) => rule('isBooleanValue', (v) => (typeof v === 'boolean' ? null : '应为 true 或 false'), options);

/** One of a fixed list of codes, each named with its Chinese label when it has one. */
export const IsOneOf = (values: readonly string[], labels?: Readonly<Record<string, string>>, options?: ValidationOptions) =>
  rule('isOneOf', (v) => oneOfProblem(v, values, labels), options);

/** Query strings carry text: a whole number is read as a number, anything else is left for the validator to refuse. */
export const ToNumber = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));
export const ToBoolean = () =>
  Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value));

function checked(field: string, problem: string | null): void {
  if (problem) throw invalid([{ field, message: problem }]);
}

/** A clue number in the path (`/clues/:clueNo`). */
@Injectable()
export class ClueNoPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    checked(meta.data ?? 'clueNo', clueNoProblem(value));
    return value;
  }
}

/** A campaign, unit or department code in the path. */
@Injectable()
export class CodePipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    checked(meta.data ?? 'code', codeProblem(value));
    return value;
  }
}

/** A whole number in the path within [min, max] (int4 by default), e.g. a project or draw number. */
export class WholeNumberPipe implements PipeTransform<string, number> {
  constructor(
    private readonly min = 1,
    private readonly max = INT4_MAX,
  ) {}

  transform(value: string, meta: ArgumentMetadata): number {
    const n = /^-?\d{1,12}$/.test(value) ? Number(value) : NaN;
    checked(meta.data ?? 'value', Number.isNaN(n) ? '应为整数' : wholeNumberProblem(n, this.min, this.max));
    return n;
  }
}
