/**
 * Configuration, read once from the environment and validated at start-up. A bad value stops
 * start-up with one line that says which variable and what to put there.
 */
import * as path from 'node:path';
import { DEFAULT_NAMESPACE } from '../temporal.config';

export interface Config {
  port: number;
  dataDir: string;
  /** Unset → embedded PGlite under `${dataDir}/pg`. */
  databaseUrl?: string;
  /** Unset → `npm start` runs the Temporal CLI dev server. */
  temporalAddress?: string;
  temporalNamespace: string;
  /** Unset → generated once and kept in `${dataDir}/admin-token`. */
  adminToken?: string;
  /** Unset → mail stays in the outbox only. */
  smtpUrl?: string;
  mailFrom: string;
  /** Base address of the dashboard, used in links inside mails. */
  publicUrl: string;
  /** Requests per minute one token (or one address without a token) may make; 0 turns the limit off. */
  rateLimitPerMinute: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}=${value} is not a URL; expected e.g. ${protocols[0]}//user@host:port/...`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}, got ${url.protocol}//`);
  }
  return value;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name}=${value} should be a whole number ≥ 0`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`PORT=${env.PORT} is not a TCP port (1-65535)`);
  const temporalAddress = env.TEMPORAL_ADDRESS || undefined;
  if (temporalAddress && !/^[\w.-]+:\d+$/.test(temporalAddress)) {
    throw new ConfigError(`TEMPORAL_ADDRESS=${temporalAddress} should be host:port, e.g. 127.0.0.1:7233`);
  }
  const namespace = env.TEMPORAL_NAMESPACE || DEFAULT_NAMESPACE;
  if (!/^[\w.-]+$/.test(namespace)) throw new ConfigError(`TEMPORAL_NAMESPACE=${namespace} may hold only letters, digits, '.', '_' and '-'`);
  const adminToken = env.CLUEFLOW_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('CLUEFLOW_ADMIN_TOKEN must be at least 16 characters long');
  }
  return {
    port,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL ? parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined,
    temporalAddress,
    temporalNamespace: namespace,
    adminToken,
    smtpUrl: env.SMTP_URL ? parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : undefined,
    mailFrom: env.MAIL_FROM || 'clueflow <clueflow@localhost>',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    rateLimitPerMinute: wholeNumber('CLUEFLOW_RATE_LIMIT', env.CLUEFLOW_RATE_LIMIT, 1200),
  };
}

/** What the mail activities need of the configuration. */
export function mailConfig(config: Config): { smtpUrl?: string; from: string; publicUrl: string } {
  return { ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}), from: config.mailFrom, publicUrl: config.publicUrl };
}
