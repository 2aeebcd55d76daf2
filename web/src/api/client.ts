/**
 * The console's only way to the API: openapi-fetch over the types generated from the API's OpenAPI
 * document (schema.d.ts, `npm run openapi`), so the console reads exactly what the API documents.
 */
import createClient from 'openapi-fetch';
import { expireSession, session } from '@/stores/session';
import type { paths } from './schema';

export type Paths = paths;

/**
 * The JSON body a GET route answers with. A route whose document declares no body gives a type
 * with no fields rather than `never` (on which any field would type-check), so the console fails
 * to compile instead of reading fields the API does not promise.
 */
export type Body<P extends keyof Paths> = Paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } }
  ? T
  : { readonly 'no JSON response body in the OpenAPI document': P };

export const api = createClient<Paths>();

api.use({
  onRequest({ request }) {
    if (session.token) request.headers.set('Authorization', `Bearer ${session.token}`);
  },
  async onResponse({ response }) {
    // Any 401 — a revoked token as much as a mistyped one — ends the session on the sign-in page.
    if (response.status === 401) expireSession((await errorBody(response.clone())).message ?? '令牌无效或已撤销');
  },
});

/** A refusal or failure of the API, with its `{ error, message }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** An object that does not exist, or that the token may not see (the API answers both alike). */
  get notFound(): boolean {
    return this.status === 404;
  }
}

type ErrorBody = { error?: string; message?: string };

const asErrorBody = (body: unknown): ErrorBody => (typeof body === 'object' && body !== null ? (body as ErrorBody) : {});

async function errorBody(response: Response): Promise<ErrorBody> {
  try {
    return asErrorBody(await response.json());
  } catch {
    return {};
  }
}

interface Result<T> {
  data?: T;
  /** The parsed body of a refusal (openapi-fetch has read the response by then). */
  error?: unknown;
  response: Response;
}

async function settle<T>(request: Promise<Result<T>>): Promise<Result<T>> {
  let result: Result<T>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'network', '无法连接到 clueflow 服务，请确认服务已启动、网络畅通后重试');
  }
  if (!result.response.ok) {
    const body = asErrorBody(result.error);
    throw new ApiError(result.response.status, body.error ?? `http_${result.response.status}`, body.message ?? `服务器返回 ${result.response.status}`);
  }
  return result;
}

/** The body of a successful reply; anything else throws an ApiError. */
export async function ok<T>(request: Promise<Result<T>>): Promise<T> {
  return (await settle(request)).data as T;
}

function filenameOf(response: Response): string | null {
  const header = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) return decodeURIComponent(utf8[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * Saves a file the API answers with (fetched with the bearer token, so not a plain link), under
 * the name the API gives it or else `fallbackName`.
 */
export async function saveFile(request: Promise<Result<unknown>>, fallbackName: string): Promise<void> {
  const { data, response } = await settle(request);
  const blob = data instanceof Blob ? data : new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
