/**
 * The error model of API.md: every 4xx/5xx body is { error, message, details? }.
 * One global filter turns validation failures, rule violations from workflow update validators,
 * and anything unexpected into that shape.
 */
import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Response } from 'express';
import { RULE_VIOLATION, type Violation } from '../domain/violation';

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

/** A rule violation refused by a workflow's update validator, as the caller should see it. */
export function fromWorkflowError(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowNotFoundError) return new ApiError(409, 'workflow_not_running', '该事项的工作流已结束或不存在，无法办理');
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && cause.type === RULE_VIOLATION) {
    const violations = (cause.details ?? []) as Violation[];
    // The most fundamental problem decides the status and code: who you are, then when, then what.
    const primary = [...violations].sort((a, b) => a.status - b.status)[0];
    return new ApiError(
      primary?.status ?? 422,
      primary?.code ?? 'rule_violation',
      cause.message,
      violations.map(({ code: c, message, field }) => ({ code: c, message, ...(field ? { field } : {}) })),
    );
  }
  if (cause instanceof ApplicationFailure || cause instanceof Error) return new ApiError(422, 'rule_violation', cause.message);
  return undefined;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = exception instanceof HttpException ? exception : fromWorkflowError(exception);
    if (mapped instanceof ApiError) {
      res.status(mapped.getStatus()).json(mapped.getResponse());
      return;
    }
    if (mapped instanceof HttpException) {
      const status = mapped.getStatus();
      const body = mapped.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? mapped.message);
      res.status(status).json({
        error: httpCode(status),
        message: Array.isArray(message) ? message.join('; ') : String(message),
      });
      return;
    }
    this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error: 'internal_error', message: '服务器内部错误，请稍后重试或联系管理员' });
  }
}

function httpCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable',
  };
  return codes[status] ?? (status >= 500 ? 'internal_error' : 'error');
}
