/**
 * The web console (web/, built into web/dist) served by the API process itself at `/`: its files as
 * they are, and index.html for every other GET outside /api so client routes (/clues/…) load on a
 * reload. No second server to start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/** web/dist beside the sources (tests, ts) or beside the compiled dist/ (npm start). */
export function consoleDir(): string | undefined {
  return [path.resolve(__dirname, '..', 'web', 'dist'), path.resolve(__dirname, '..', '..', 'web', 'dist')].find((dir) =>
    fs.existsSync(path.join(dir, 'index.html')),
  );
}

export function serveConsole(app: INestApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  // Hashed asset names change with every build: cache them for good; index.html never.
  app.use(express.static(dir, { index: false, immutable: true, maxAge: '365d' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
