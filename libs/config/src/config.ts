// The environment, parsed and validated once at start: a bad setting stops the service before it
// serves anything. Everything else receives a Config; nothing reads process.env later.

import { isIP } from 'node:net';
import { RedisTarget, parseRedisTarget } from './redis-target';

export type Config = {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** REDIS_URL parsed: one node, or a Redis Cluster's seed nodes (several nodes, or REDIS_CLUSTER=1). */
  redis: RedisTarget;
  adminToken: string;
  adminTokenIsDefault: boolean;
  /** Number of projection partitions; fixed when the store is created (see migrations). */
  partitions: number;
  /** BullMQ queue prefix; a hash tag keeps a queue's keys in one Redis Cluster slot. */
  queuePrefix: string;
  workerConcurrency: number;
  /**
   * Append transactions the API runs at once; batches arriving meanwhile share the next one
   * (group commit: one COMMIT, one WAL flush for many small requests).
   */
  appendConcurrency: number;
  /** Events folded per projection transaction. */
  projectionBatchSize: number;
  /** Extra calendar years (JSON file), beyond the shipped 2021–2026 table. */
  calendarFile: string | null;
  /** The sweep that recovers lost wake-up signals, in ms. */
  sweepEveryMs: number;
  /**
   * Holds each projection batch open this long after its writes (read models and checkpoint)
   * and before its COMMIT, so fault drills can kill a worker mid-batch on purpose. 0 in production.
   */
  projectionBatchDelayMs: number;
  /** Requests with a missing or invalid token one client address may send a minute before 429. */
  authFailuresPerMinute: number;
  /**
   * The reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client: the
   * client address of the auth-failure limit and the logs. Empty: the socket's peer is the client.
   */
  trustProxy: string[];
  /**
   * The longest one SQL statement of the API may run (statement_timeout of its connections): a
   * read that would take longer is stopped and answered 503 query.timeout.
   */
  statementTimeoutMs: number;
  /** Hot standbys of the primary that serve the query side (DATABASE_READ_URLS); empty: none. */
  readDatabaseUrls: string[];
  /** The same for the worker, whose batches write many rows in one statement. */
  workerStatementTimeoutMs: number;
};

export const DEFAULT_ADMIN_TOKEN = 'dev-admin-token';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(`${name} must be 1 or 0, got "${env[name]}"`);
}

/** A comma-separated list of IPv4/IPv6 addresses or CIDR ranges. */
function addresses(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const a of list) {
    const [ip, bits, ...rest] = a.split('/');
    const v = isIP(ip);
    const maxBits = v === 6 ? 128 : 32;
    if (
      v === 0 ||
      rest.length > 0 ||
      (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits))
    )
      throw new ConfigError(
        `${name} must list IP addresses or CIDR ranges, comma-separated; "${a}" is neither`,
      );
  }
  return list;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], dflt?: string): string {
  const raw = env[name] || dflt;
  if (!raw) throw new ConfigError(`${name} is required`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${raw}"`);
  }
  if (!protocols.includes(u.protocol))
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${u.protocol}"`);
  return raw;
}

/** A comma-separated list of URLs, each checked as `url` checks one; unset or empty: none. */
function urls(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.map((raw, i) => url({ [`${name}[${i}]`]: raw }, `${name}[${i}]`, protocols));
}

/**
 * In production the admin token must be the operator's own: the development token is published
 * in the README, and the service listens on every interface.
 */
export function refuseDevelopmentAdminToken(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  if (!env.ADMIN_TOKEN)
    throw new ConfigError(
      'NODE_ENV=production and ADMIN_TOKEN is not set: set ADMIN_TOKEN to a secret of your own (e.g. `openssl rand -base64 32`)',
    );
  if (env.ADMIN_TOKEN === DEFAULT_ADMIN_TOKEN)
    throw new ConfigError(
      `NODE_ENV=production and ADMIN_TOKEN is the published development token "${DEFAULT_ADMIN_TOKEN}": set ADMIN_TOKEN to a secret of your own`,
    );
}

/**
 * The worker's V8 old-space cap in MB (WORKER_HEAP_MB, default 256; 0 leaves V8's own default,
 * which grows with the machine's memory). A catch-up allocates fast and V8 grows an uncapped
 * heap with it although nothing is kept per event (docs/performance.md): the cap keeps the
 * worker's memory flat however many events it projects.
 */
export function workerHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  const mb = int(env, 'WORKER_HEAP_MB', 256, 0, 65_536);
  if (mb !== 0 && mb < 64)
    throw new ConfigError(`WORKER_HEAP_MB must be 0 (V8's default) or at least 64, got "${mb}"`);
  return mb;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  refuseDevelopmentAdminToken(env);
  const adminToken = env.ADMIN_TOKEN || DEFAULT_ADMIN_TOKEN;
  if (adminToken.length < 8) throw new ConfigError('ADMIN_TOKEN must be at least 8 characters');
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    redis: parseRedisTarget(env.REDIS_URL || DEFAULT_REDIS_URL, flag(env, 'REDIS_CLUSTER')),
    adminToken,
    adminTokenIsDefault: !env.ADMIN_TOKEN,
    partitions: int(env, 'PROJECTION_PARTITIONS', 16, 1, 1024),
    queuePrefix: env.QUEUE_PREFIX || '{gongkai}',
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 64),
    appendConcurrency: int(env, 'APPEND_CONCURRENCY', 2, 1, 16),
    // A batch is read and folded in chunks of 2,000 events, so its size costs no memory; every
    // batch adds each touched cell once, so larger batches of a catch-up write fewer rows.
    projectionBatchSize: int(env, 'PROJECTION_BATCH_SIZE', 50_000, 1, 100_000),
    calendarFile: env.CALENDAR_FILE || null,
    sweepEveryMs: int(env, 'SWEEP_EVERY_MS', 2000, 100, 3_600_000),
    projectionBatchDelayMs: int(env, 'PROJECTION_BATCH_DELAY_MS', 0, 0, 600_000),
    authFailuresPerMinute: int(env, 'AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    trustProxy: addresses(env, 'TRUST_PROXY'),
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    readDatabaseUrls: urls(env, 'DATABASE_READ_URLS', ['postgres:', 'postgresql:']),
    workerStatementTimeoutMs: int(env, 'WORKER_STATEMENT_TIMEOUT_MS', 120_000, 100, 3_600_000),
  };
}
