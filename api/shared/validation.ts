/**
 * Request validation: the global pipe, the decorators that apply domain/input's boundary to DTO
 * fields, and the pipes for path parameters. Every message is the domain's, in Chinese, and names
 * the field it is about.
 */
import { Injectable, ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiParam, ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ValidateBy, ValidateIf, type ValidationError, type ValidationOptions } from 'class-validator';
import {
  amountProblem,
  clueNoProblem,
  codeProblem,
  dayProblem,
  emailProblem,
  textProblem,
  wholeNumberProblem,
  oneOfProblem,
  AMOUNT_MAX,
  CLUE_NO_PATTERN,
  CODE_PATTERN,
  CONTROL_CLASS,
  EMAIL_MAX,
  EMAIL_PATTERN,
  INT4_MAX,
  WHITESPACE_CLASS,
  type TextRule,
} from '../../domain/input';
import { invalid, type FieldDetail } from './errors';

/** class-validator's own checks, in the words of the person who must fix them. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '未知字段：请删除它（可用字段见 API 文档 /api/docs）',
  isArray: '应为数组',
  arrayMinSize: '项数过少',
  arrayMaxSize: '项数过多',
  isBoolean: '应为 true 或 false',
  nestedValidation: '应为对象',
  isObject: '应为对象',
  isEmail: '不是有效的邮箱地址',
  unknownValue: '请求体应为 JSON 对象',
};

export function fieldErrors(errors: ValidationError[], prefix = ''): FieldDetail[] {
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

/**
 * A field's rule: the validator (with the domain's message) and the same constraint in OpenAPI, so a
 * generated client knows before sending what the server will refuse. Declared under the field's
 * @ApiProperty, which then adds its description and example.
 */
function rule(name: string, problem: (value: unknown) => string | null, schema: SchemaObject, options?: ValidationOptions): PropertyDecorator {
  const validate = ValidateBy({ name, validator: { validate: (value) => problem(value) === null, defaultMessage: (args) => problem(args?.value) ?? '' } }, options);
  const document = ApiProperty((options?.each ? { type: 'array', items: schema } : schema) as ApiPropertyOptions);
  return (target, key) => {
    validate(target, key);
    document(target, key as string);
  };
}

function textSchema(r: TextRule): SchemaObject {
  const allowed = `[^${CONTROL_CLASS}${r.singleLine ? '\\r\\n' : ''}]`;
  const visible = `[^${WHITESPACE_CLASS}${CONTROL_CLASS}]`;
  return { type: 'string', maxLength: r.max, pattern: r.required ? `^${allowed}*${visible}${allowed}*$` : `^${allowed}*$` };
}

export const IsText = (textRule: TextRule, options?: ValidationOptions) => rule('isText', (v) => textProblem(v, textRule), textSchema(textRule), options);
export const IsAmount = (options?: ValidationOptions) =>
  rule('isAmount', amountProblem, { type: 'number', minimum: 0, maximum: AMOUNT_MAX, multipleOf: 0.01 }, options);
export const IsDay = (options?: ValidationOptions) =>
  rule('isDay', dayProblem, { type: 'string', format: 'date', pattern: '^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$' }, options);
export const IsCode = (options?: ValidationOptions) => rule('isCode', codeProblem, { type: 'string', pattern: CODE_PATTERN.source }, options);
export const IsClueNo = (options?: ValidationOptions) => rule('isClueNo', clueNoProblem, { type: 'string', pattern: CLUE_NO_PATTERN.source }, options);
export const IsWholeNumber = (min: number, max: number = INT4_MAX, options?: ValidationOptions) =>
  rule('isWholeNumber', (v) => wholeNumberProblem(v, min, max), { type: 'integer', minimum: min, maximum: max }, options);

/** An instant in ISO 8601 with its offset, e.g. 2024-08-01T00:00:00+08:00. */
export const IsInstant = (options?: ValidationOptions) =>
  rule(
    'isInstant',
    (v) => (typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v)) ? null : '应为带时区的时刻，如 2024-08-01T00:00:00+08:00'),
    { type: 'string', format: 'date-time' },
    options,
  );
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** true or false (after ToBoolean for query strings). */
export const IsBooleanValue = (options?: ValidationOptions) => rule('isBooleanValue', (v) => (typeof v === 'boolean' ? null : '应为 true 或 false'), { type: 'boolean' }, options);

/** One of a fixed list of codes, each named with its Chinese label where it has one. */
export const IsOneOf = (values: readonly string[], labels?: Readonly<Record<string, string>>, options?: ValidationOptions) =>
  rule('isOneOf', (v) => oneOfProblem(v, values, labels), { type: 'string', enum: [...values] }, options);

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

/** The path parameters' rules in OpenAPI, beside the pipes that enforce them. */
export const CodeParam = (name: string, description = '代码（小写字母、数字、-、_）') =>
  ApiParam({ name, description, schema: { type: 'string', pattern: CODE_PATTERN.source } });
export const ClueNoParam = (name = 'clueNo') => ApiParam({ name, description: '线索编号', schema: { type: 'string', pattern: CLUE_NO_PATTERN.source } });
export const WholeNumberParam = (name: string, min = 1, max = INT4_MAX, description?: string) =>
  ApiParam({ name, ...(description ? { description } : {}), schema: { type: 'integer', minimum: min, maximum: max } });

/** An optional field: absent is fine, but null is not a value of its type (the schema says so too). */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

/** A list's length limits, checked and documented (minItems / maxItems). */
export function Items(min: number | undefined, max: number | undefined): PropertyDecorator {
  const checks = [...(min !== undefined ? [ArrayMinSize(min)] : []), ...(max !== undefined ? [ArrayMaxSize(max)] : [])];
  const document = ApiProperty({ ...(min !== undefined ? { minItems: min } : {}), ...(max !== undefined ? { maxItems: max } : {}) });
  return (target, key) => {
    for (const check of checks) check(target, key);
    document(target, key as string);
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record's id (UUID) in the path; `what` names the record in the message. */
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string, meta: ArgumentMetadata): string {
    checked(meta.data ?? 'id', UUID.test(value) ? null : `应为${this.what}编号（UUID）`);
    return value;
  }
}
export const UuidParam = (name: string, description: string) => ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });

/** An e-mail address: something@somewhere.tld, no spaces — checked and documented alike. */
export const IsEmailAddress = (options?: ValidationOptions) =>
  rule('isEmailAddress', emailProblem, { type: 'string', pattern: EMAIL_PATTERN.source, maxLength: EMAIL_MAX }, options);
