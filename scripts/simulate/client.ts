/**
 * The simulator's HTTP client: JSON calls to clueflow's API with a bearer token, an Idempotency-Key
 * per logical action (a retry is the same request, so the API acts once), and the patience a real
 * caller needs — it waits out 503 (a dependency down), 429, a clue still starting and a dropped
 * connection, and counts each, so a drill can tell the API's refusals from its faults.
 */
import { randomUUID } from 'node:crypto';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** What happened to each named call: done, refused as the simulator expected, and everything else. */
export interface Tally {
  done: number;
  refusedAsExpected: number;
  /** Replies that told the caller to come back later: 503, 429, 409 clue_starting / idempotency_in_progress, 202. */
  retried503: number;
  retriedOther: number;
  accepted202: number;
  unexpected: number;
}

export interface Unexpected {
  name: string;
  method: string;
  url: string;
  status: number | 'network' | 'timeout';
  body: string;
}

/** Each 503 the API gave: its body must say which dependency is down, and it must come quickly. */
export interface Unavailable {
  at: number;
  ms: number;
  error: string;
  message: string;
  retryAfter: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
  ) {
    super(`${status} ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 600));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SimClient {
  readonly tallies = new Map<string, Tally>();
  readonly unexpected: Unexpected[] = [];
  readonly unavailable: Unavailable[] = [];
  /** Longest a single request took (ms): a hang shows here. */
  slowestMs = 0;

  constructor(
    readonly base: string,
    private readonly timeoutMs = 60_000,
    /** How long a call keeps retrying a dependency that is down before it gives up. */
    private readonly patienceMs = 10 * 60_000,
  ) {}

  tally(name: string): Tally {
    let t = this.tallies.get(name);
    if (!t) this.tallies.set(name, (t = { done: 0, refusedAsExpected: 0, retried503: 0, retriedOther: 0, accepted202: 0, unexpected: 0 }));
    return t;
  }

  get unexpectedCount(): number {
    return [...this.tallies.values()].reduce((n, t) => n + t.unexpected, 0);
  }

  private async once(method: string, url: string, token: string, body: unknown, key: string | undefined): Promise<Reply | { network: string }> {
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.base}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      this.slowestMs = Math.max(this.slowestMs, ms);
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: kept as text
      }
      if (res.status === 503) {
        const b = (parsed ?? {}) as { error?: string; message?: string };
        this.unavailable.push({ at: Date.now(), ms, error: String(b.error ?? ''), message: String(b.message ?? text), retryAfter: res.headers.get('retry-after') });
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } catch (err) {
      this.slowestMs = Math.max(this.slowestMs, performance.now() - t0);
      const e = err as Error & { cause?: { code?: string } };
      return { network: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message) };
    }
  }

  /**
   * One logical call. Retries what a caller should retry (with the same Idempotency-Key on POST);
   * resolves with the final reply — a 2xx, the refusal `expect` names, or another 4xx (thrown as
   * ApiError after it is counted as unexpected, unless `tolerate` accepts it).
   */
  async call<T = any>(
    name: string,
    method: string,
    url: string,
    token: string,
    body?: unknown,
    opts: {
      expect?: number;
      /** A refusal that is an answer, not a fault (e.g. 404 when asking whether something exists). */
      tolerate?: (status: number, body: any) => boolean;
      /** A refusal that, after a retry, says the first attempt landed (e.g. 409: the clue has moved on). */
      tolerateAfterRetry?: (status: number, body: any) => boolean;
    } = {},
  ): Promise<Reply<T>> {
    const t = this.tally(name);
    const key = method === 'POST' ? randomUUID() : undefined;
    const started = Date.now();
    let serverFaults = 0;
    let retried = false;
    for (;;) {
      const r = await this.once(method, url, token, body, key);
      if ('network' in r) {
        t.retriedOther++;
        retried = true;
        if (r.network === 'timeout') this.unexpected.push({ name, method, url, status: 'timeout', body: `no reply within ${this.timeoutMs} ms` });
        if (Date.now() - started > this.patienceMs) throw new Error(`${method} ${url}: ${r.network} for ${this.patienceMs / 1000}s`);
        await sleep(500);
        continue;
      }
      const code = typeof r.body === 'object' && r.body ? (r.body as { error?: string }).error : undefined;
      if (r.status === 503 || r.status === 429 || (r.status === 409 && (code === 'clue_starting' || code === 'idempotency_in_progress'))) {
        if (r.status === 503) t.retried503++;
        else t.retriedOther++;
        retried = true;
        if (Date.now() - started > this.patienceMs) throw new ApiError(r.status, r.body);
        const after = Number(r.headers.get('retry-after'));
        await sleep(r.status === 429 && after > 0 ? after * 1000 : r.status === 503 ? 1000 : 500);
        continue;
      }
      if (r.status >= 500) {
        t.unexpected++;
        this.unexpected.push({ name, method, url, status: r.status, body: JSON.stringify(r.body).slice(0, 500) });
        if (++serverFaults >= 3) throw new ApiError(r.status, r.body);
        await sleep(1000);
        continue;
      }
      if (r.status === 202) {
        t.accepted202++;
        return r as Reply<T>;
      }
      if (r.status < 300) {
        t.done++;
        return r as Reply<T>;
      }
      if (opts.expect === r.status) {
        t.refusedAsExpected++;
        return r as Reply<T>;
      }
      // After a retry the first attempt may have landed: the caller decides whether this refusal says so.
      if (opts.tolerate?.(r.status, r.body) || (retried && opts.tolerateAfterRetry?.(r.status, r.body))) {
        t.done++;
        return r as Reply<T>;
      }
      t.unexpected++;
      this.unexpected.push({ name, method, url, status: r.status, body: JSON.stringify(r.body).slice(0, 500) });
      throw new ApiError(r.status, r.body);
    }
  }
}
