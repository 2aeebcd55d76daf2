/**
 * A request the engine has accepted but not finished within the reply bound (a clue whose ledger
 * write is retrying while the database is away, say): the reply is 202 with where to look, and the
 * work goes on by itself. No request ever waits on a retry loop.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/** How long an action waits for its outcome before answering 202. */
export const REPLY_BOUND_MS = 15_000;

export class PendingOut {
  @ApiProperty({ example: true }) accepted: true;
  @ApiProperty({ description: '已受理的操作编号（Temporal update id）' }) updateId: string;
  @ApiProperty({ example: '/api/v1/clues/HSG-2024-000001?campaignId=hsg-2024', description: '稍后在此查看结果' }) location: string;
  @ApiProperty() message: string;
}

export class Pending implements PendingOut {
  readonly accepted = true as const;
  constructor(
    readonly updateId: string,
    readonly location: string,
    readonly message: string,
  ) {}
}

/** Resolves to `work`'s value, or to `Pending` built by `pending()` once REPLY_BOUND_MS have passed. */
export async function withinBound<T>(work: Promise<T>, pending: () => Pending, boundMs = REPLY_BOUND_MS): Promise<T | Pending> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<Pending>((resolve) => (timer = setTimeout(() => resolve(pending()), boundMs)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Turns a `Pending` reply into 202 Accepted with a Location header. */
@Injectable()
export class PendingInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body) => {
        if (body instanceof Pending) {
          const res = ctx.switchToHttp().getResponse<Response>();
          res.status(202).setHeader('Location', body.location);
          return { accepted: body.accepted, updateId: body.updateId, location: body.location, message: body.message };
        }
        return body;
      }),
    );
  }
}
