/**
 * Every request gets an id (the caller's X-Request-Id when it sends a sane one), echoed in the
 * response header, so a 5xx a person reports can be found in the log.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SANE = /^[\w.-]{1,100}$/;
const KEY = Symbol('requestId');

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const id = given && SANE.test(given) ? given : randomUUID();
  (req as unknown as Record<symbol, string>)[KEY] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

export function requestId(req: Request): string {
  return (req as unknown as Record<symbol, string>)[KEY] ?? randomUUID();
}
