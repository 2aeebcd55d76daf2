import pino from 'pino';

/** Structured logs for the processes clueflow runs (API, worker, launcher). */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'clueflow' } });
