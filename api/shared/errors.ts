/**
 * The error model of API.md: every 4xx/5xx body is { error, message, details? }. One global filter
 * turns validation failures, rule violations refused by workflow update validators and anything
 * unexpected into that shape. Only a deliberate refusal is the caller's fault: every other failure
 * is a 5xx that carries a correlation id, logged with the whole error under the same id.
 */
import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Request, Response } from 'express';
import { logger } from '../../common/logger';
import { RULE_VIOLATION, type Violation } from '../../domain/violation';
import { allowedMethods, fromHttpError } from './http-edges';
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

/** A dependency (Temporal, the database) that cannot be reached: 503, and the client may retry. */
export const unavailable = (what: string) => new ApiError(503, 'service_unavailable', `${what}暂时无法连接，请稍后重试`);

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
    const mapped = exception instanceof HttpException ? exception : (fromWorkflowError(exception) ?? fromHttpError(exception));
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
