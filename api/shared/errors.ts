/**
 * The error model of API.md: every 4xx/5xx body is { error, message, details? }. One global filter
 * turns validation failures, rule violations refused by workflow update validators and anything
 * unexpected into that shape. Only a deliberate refusal is the caller's fault: every other failure
 * is a 5xx that carries a correlation id, logged with the whole error under the same id.
 */
import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type OpenAPIObject } from '@nestjs/swagger';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Request, Response } from 'express';
import { logger } from '../../common/logger';
import { RULE_VIOLATION, type Violation } from '../../domain/violation';
import { allowedMethods, fromHttpError, isPublicPath } from './http-edges';
import { requestId } from './request-id';

export interface FieldDetail {
  field: string;
  message: string;
  code?: string;
}

export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super({ error: code, message, ...(details ? { details } : {}) }, status);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what}不存在`);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const invalid = (details: FieldDetail[], message = details.map((d) => `${d.field}: ${d.message}`).join('; ')) =>
  new ApiError(400, 'validation_failed', message, details);

/**
 * Well-formed input that breaks a rule across fields or against what exists (a token for a unit that
 * does not exist, deadlines out of order): 422 with the rule's code, each detail naming its field.
 */
export const unprocessable = (code: string, details: FieldDetail[]) => new ApiError(422, code, details.map((d) => `${d.field}: ${d.message}`).join('; '), details);

/** A dependency (Temporal, the database) that cannot be reached: 503, and the client may retry. */
export const unavailable = (what: string) => new ApiError(503, 'service_unavailable', `${what}暂时无法连接，请稍后重试`);

/** gRPC status codes of a Temporal service that cannot be reached (UNAVAILABLE, DEADLINE_EXCEEDED). */
const TEMPORAL_DOWN = new Set([14, 4]);
/** node-postgres and PostgreSQL codes of a database that cannot be reached or is shutting down. */
const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03']);

/**
 * A dependency that is down, found anywhere in the error's causes: 503 with Retry-After, naming
 * which one — a client may retry, and it is not the caller's mistake nor a bug of ours.
 */
export function fromUnavailable(err: unknown): ApiError | undefined {
  for (let e = err as Record<string, any> | undefined, depth = 0; e && depth < 6; depth++) {
    if (TEMPORAL_DOWN.has(e.code) && (e.name === 'ServiceError' || 'details' in e || 'metadata' in e)) return unavailable('Temporal 服务');
    if (typeof e.code === 'string' && (DATABASE_DOWN.has(e.code) || /^08/.test(e.code))) return unavailable('台账数据库');
    if (typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection is not established/.test(e.message)) {
      return unavailable('台账数据库');
    }
    e = e.cause ?? e.driverError;
  }
  return undefined;
}

/** A rule violation refused by a workflow's update validator, as the caller should see it; anything else is not the caller's fault. */
export function fromWorkflowError(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowNotFoundError) return new ApiError(409, 'workflow_not_running', '该事项的工作流已结束或不存在，无法办理');
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== RULE_VIOLATION) return undefined;
  const violations = (cause.details ?? []) as Violation[];
  // The most fundamental problem decides the status and code: who you are, then when, then what.
  const primary = [...violations].sort((a, b) => a.status - b.status)[0];
  return new ApiError(
    primary?.status ?? 422,
    primary?.code ?? 'rule_violation',
    cause.message,
    violations.map(({ code, message, field }) => ({ code, message, ...(field ? { field } : {}) })),
  );
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const mapped = exception instanceof HttpException ? exception : (fromWorkflowError(exception) ?? fromHttpError(exception) ?? fromUnavailable(exception));
    if (mapped instanceof ApiError && mapped.getStatus() === 503) {
      logger.warn({ err: exception, correlationId: requestId(req), path: req.path }, 'a dependency is down');
      res.setHeader('Retry-After', '5');
    }
    // A request refused at the HTTP edge (body, media type) without any token: saying who you are comes first.
    if (mapped instanceof HttpException && [400, 413, 415].includes(mapped.getStatus()) && !req.headers.authorization && !isPublicPath(req.path)) {
      res.status(401).json({ error: 'unauthorized', message: '缺少访问令牌：请在请求头加上 Authorization: Bearer <token>' });
      return;
    }
    if (mapped instanceof HttpException && mapped.getStatus() === 404 && !(mapped instanceof ApiError)) {
      // No route took the request: a path that exists with other methods is 405, not 404.
      const allowed = allowedMethods(req.path);
      if (allowed.length) {
        res.setHeader('Allow', allowed.join(', '));
        res.status(405).json({ error: 'method_not_allowed', message: `${req.method} 不适用于 ${req.path}；可用：${allowed.join(', ')}` });
        return;
      }
      res.status(404).json({ error: 'not_found', message: `没有这个接口：${req.method} ${req.path}（接口文档见 /api/docs）` });
      return;
    }
    if (mapped instanceof ApiError) {
      res.status(mapped.getStatus()).json(mapped.getResponse());
      return;
    }
    if (mapped instanceof HttpException && mapped.getStatus() < 500) {
      const status = mapped.getStatus();
      const body = mapped.getResponse();
      const raw = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? mapped.message);
      let message = Array.isArray(raw) ? raw.join('; ') : String(raw);
      // What Nest maps from body-parser (invalid JSON) and from Express (bad percent-encoding in the path).
      if (status === 400 && /JSON/.test(message)) message = `请求体不是有效的 JSON（${message}）`;
      else if (status === 400 && /URI/.test(message)) message = `请求地址中的百分号编码无效（${message}）`;
      res.status(status).json({ error: HTTP_CODES[status] ?? 'error', message });
      return;
    }
    const correlationId = requestId(req);
    logger.error({ err: exception, correlationId, method: req.method, path: req.path }, 'request failed');
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: 'internal_error',
      message: `服务器内部错误，请稍后重试；如仍出错请联系管理员并提供编号 ${correlationId}`,
      correlationId,
    });
  }
}

/** The body of every 4xx and 5xx reply, as OpenAPI documents it. */
export class ErrorOut {
  @ApiProperty({ example: 'validation_failed', description: '机器可读的错误代码' }) error: string;
  @ApiProperty({ example: 'clueNo: 线索编号应为 1–64 位字母、数字、-、_、.', description: '说明如何修正' }) message: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '逐个字段或逐条规则的问题' }) details?: unknown[];
  @ApiPropertyOptional({ description: '服务器错误的编号，联系管理员时提供' }) correlationId?: string;
}

/** What each error status means for any operation, in the words OpenAPI shows. */
const ERROR_RESPONSES: Record<string, string> = {
  '400': '请求无效：字段、查询参数或路径参数不符合要求（details 逐项说明）',
  '401': '缺少访问令牌，或令牌无效、已撤销',
  '403': '当前身份无权办理此操作，或不属于本单位',
  '404': '不存在，或不在当前令牌的范围内',
  '429': '请求过于频繁（见 Retry-After）',
  '500': '服务器内部错误（附 correlationId）',
  '503': '依赖的服务（Temporal、数据库）暂时无法连接',
};
const WRITE_RESPONSES: Record<string, string> = {
  '409': '与当前状态冲突：阶段不对、已存在、已处理，或同一 Idempotency-Key 的请求仍在处理',
  '413': '请求体过大',
  '415': '不支持的内容类型或字符集（请用 UTF-8 JSON 或 multipart/form-data）',
  '422': '违反工作方案的规则（details 列出每条），或 Idempotency-Key 已用于另一请求',
};

/** Documents the error replies every operation can give, each with the ErrorOut body. */
export function documentErrors(doc: OpenAPIObject): void {
  const body = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorOut' } } } };
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const codes = { ...ERROR_RESPONSES, ...(method === 'get' ? {} : WRITE_RESPONSES) };
      for (const [status, description] of Object.entries(codes)) op.responses[status] ??= { description, ...body };
    }
  }
}

/**
 * Request bodies and query objects accept only their declared fields (the ValidationPipe refuses the
 * rest): every schema reachable from a request body says so with `additionalProperties: false`.
 */
export function documentClosedRequests(doc: OpenAPIObject): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, { type?: string; properties?: Record<string, unknown>; additionalProperties?: unknown }>;
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ref = (node as { $ref?: string }).$ref;
    if (ref?.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (seen.has(name) || !schemas[name]) return;
      seen.add(name);
      if (schemas[name].properties) schemas[name].additionalProperties ??= false;
      visit(schemas[name]);
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const item of Object.values(doc.paths)) {
    for (const op of [item.post, item.put, item.patch]) if (op?.requestBody) visit(op.requestBody);
  }
}
