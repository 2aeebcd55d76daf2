/**
 * Idempotency-Key on POST (issue 10): the first request under a key is served and its reply kept;
 * a retry with the same key and the same request gets that reply again (header
 * `Idempotent-Replayed: true`) instead of acting twice; the same key with a different request is
 * refused. Keys belong to the token that sent them. The key also becomes the Temporal update id of
 * a clue action, so even a retry after a crash mid-request acts once.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { Database } from '../../db/database';
import { IdempotencyKeyEntity } from '../../db/entities';
import { ApiError, fromWorkflowError } from './errors';
import { DATABASE } from './providers';

const HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,200}$/;
/** A first request that has not finished after this long is taken to have died with its process. */
const ABANDONED_MS = 10 * 60_000;

const context = new AsyncLocalStorage<{ key?: string }>();

/** The request's Idempotency-Key, for code deep in a request (e.g. as a Temporal update id). */
export function currentIdempotencyKey(): string | undefined {
  return context.getStore()?.key;
}

export function idempotencyContext(req: Request, _res: Response, next: NextFunction): void {
  const key = req.method === 'POST' ? req.header(HEADER) : undefined;
  context.run({ key: key && KEY.test(key) ? key : undefined }, next);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function requestHash(req: Request): string {
  // A multipart upload is parsed later, by the route: its length and type stand for its content.
  const body = req.is('multipart/form-data') ? `${req.headers['content-type']}|${req.headers['content-length']}` : JSON.stringify(req.body ?? null);
  return sha256(`${req.method} ${req.originalUrl}\n${body}`);
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.method === 'POST' ? req.header(HEADER) : undefined;
    if (key === undefined) return next.handle();
    if (!KEY.test(key)) {
      return throwError(() => new ApiError(400, 'validation_failed', 'Idempotency-Key 应为 1–200 个可见 ASCII 字符', [{ field: 'Idempotency-Key', message: '应为 1–200 个可见 ASCII 字符' }]));
    }
    const tokenHash = sha256(req.headers.authorization ?? `ip:${req.ip}`);
    const hash = requestHash(req);
    return from(this.claim(tokenHash, key, hash)).pipe(
      mergeMap((earlier) => {
        if (earlier) {
          res.status(earlier.status).setHeader('Idempotent-Replayed', 'true');
          return of(earlier.response);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.finish(tokenHash, key, res.statusCode, body)).pipe(mergeMap(() => of(body)))),
          catchError((err) => {
            const known = err instanceof HttpException ? err : fromWorkflowError(err);
            // A refusal is the answer to this request and stays it; a server fault may be retried.
            const done = known && known.getStatus() < 500 ? this.finish(tokenHash, key, known.getStatus(), known.getResponse()) : this.release(tokenHash, key);
            return from(done).pipe(mergeMap(() => throwError(() => err)));
          }),
        );
      }),
    );
  }

  /** Takes the key for this request, or returns the reply it already has. */
  private async claim(tokenHash: string, key: string, hash: string): Promise<{ status: number; response: unknown } | undefined> {
    return this.db.tx(async (em) => {
      const inserted = await em.createQueryBuilder().insert().into(IdempotencyKeyEntity).values({ tokenHash, key, requestHash: hash }).orIgnore().returning(['key']).execute();
      if (inserted.raw.length > 0) return undefined;
      const row = await em.findOneByOrFail(IdempotencyKeyEntity, { tokenHash, key });
      if (row.requestHash !== hash) {
        throw new ApiError(422, 'idempotency_key_reused', '该 Idempotency-Key 已用于另一个请求；每个不同的请求请使用新的键');
      }
      if (row.status !== null) return { status: row.status, response: row.response };
      if (Date.now() - row.createdAt.getTime() < ABANDONED_MS) {
        throw new ApiError(409, 'idempotency_in_progress', '使用该 Idempotency-Key 的请求仍在处理中，请稍后再查询结果');
      }
      await em.update(IdempotencyKeyEntity, { tokenHash, key }, { createdAt: new Date() });
      return undefined;
    });
  }

  private async finish(tokenHash: string, key: string, status: number, response: unknown): Promise<void> {
    await this.db.run((em) => em.update(IdempotencyKeyEntity, { tokenHash, key }, { status, response: JSON.parse(JSON.stringify(response ?? null)) }));
  }

  private async release(tokenHash: string, key: string): Promise<void> {
    await this.db.run((em) => em.delete(IdempotencyKeyEntity, { tokenHash, key }));
  }
}
