import pino from 'pino';

/**
 * Structured logs for the processes clueflow runs (API, worker, launcher). Each process sets the
 * level from its configuration (LOG_LEVEL, common/config.ts) as soon as it has loaded it: reading
 * the variable here, at import, would turn a bad value into a stack trace instead of one line.
 */
export const logger = pino({ level: 'info', base: { app: 'clueflow' } });
