/**
 * Abuse limits: each token (or, without one, each address) may make CLUEFLOW_RATE_LIMIT requests a
 * minute across the whole API; past it the reply is 429 with Retry-After.
 */
import { createHash } from 'node:crypto';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import { ApiError } from './errors';

@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Request): Promise<string> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return bearer ? `token:${createHash('sha256').update(bearer).digest('hex')}` : `ip:${req.ip}`;
  }

  /** One budget per token for the whole API, not one per route. */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ApiError(429, 'too_many_requests', `请求过于频繁：每个令牌每分钟最多 ${detail.limit} 次，请 ${seconds} 秒后重试`);
  }
}

export function throttlerModule(perMinute: number) {
  return ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: Math.max(1, perMinute) }], skipIf: () => perMinute === 0 });
}
