/**
 * The HTTP edges a careless or hostile client reaches before any route: bodies too large (413),
 * bodies that are not JSON or multipart (415), JSON nested absurdly deep (400), methods a path
 * does not have (405). Each answers in the API's JSON error shape.
 */
import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiError } from './errors';

/** Deeper JSON than any clueflow request needs; deeper input would exhaust the validators' recursion. */
export const MAX_JSON_DEPTH = 32;

/** body-parser's `verify` hook: refuses JSON nested deeper than MAX_JSON_DEPTH before it is parsed. */
export function jsonDepthGuard(_req: Request, _res: Response, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const ch = buf[i];
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw new ApiError(400, 'json_too_deep', `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层，请检查请求体`);
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
}

const BODY_TYPES = ['application/json', 'multipart/form-data'];

/** A request that carries a body must say it is JSON (UTF-8) or a multipart upload. */
export function mediaTypeGuard(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || !['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!BODY_TYPES.includes(type)) {
    return next(new ApiError(415, 'unsupported_media_type', `不支持的内容类型 ${type || '（未注明）'}：请以 application/json（UTF-8）提交，上传文件用 multipart/form-data`));
  }
  next();
}

/** body-parser and multer errors (http-errors with a status) in the API's words. */
export function fromHttpError(err: unknown): ApiError | undefined {
  const e = err as { status?: unknown; expose?: unknown; type?: string; code?: string; message?: string; charset?: string; limit?: number };
  if (e?.code === 'LIMIT_FILE_SIZE') return new ApiError(413, 'payload_too_large', '上传的文件过大，请分批上传');
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || e.expose !== true) return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return new ApiError(413, 'payload_too_large', `请求体过大（上限 ${Math.round((e.limit ?? 0) / 1024 / 1024)} MB），请分批提交`);
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_media_type', `不支持的字符集 ${e.charset ?? ''}：请以 UTF-8 编码提交 JSON`);
    case 'encoding.unsupported':
      return new ApiError(415, 'unsupported_media_type', '不支持的内容编码：请以未压缩或 gzip 的 UTF-8 JSON 提交');
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', `请求体不是有效的 JSON：${e.message ?? ''}`);
    default:
      return new ApiError(e.status, e.status === 413 ? 'payload_too_large' : 'bad_request', e.message ?? '请求无效');
  }
}

/** Paths of the API with the methods each has, from the OpenAPI document. */
let routes: Array<{ pattern: RegExp; methods: string[] }> = [];

export function setRouteTable(doc: OpenAPIObject): void {
  routes = Object.entries(doc.paths).map(([path, item]) => ({
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: Object.keys(item)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => m.toUpperCase()),
  }));
}

/** For a request no route took: the methods its path does have (then 405), or none (404). */
export function allowedMethods(path: string): string[] {
  return [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
}

/** The routes that need no token. */
const PUBLIC_PATHS = ['/api/v1/health'];
export const isPublicPath = (path: string): boolean => PUBLIC_PATHS.includes(path.replace(/\/$/, '')) || path.startsWith('/api/docs');
