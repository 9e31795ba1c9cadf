/**
 * The one Redis connection of a replica (REDIS_URL), and how the rest of the code survives its loss.
 *
 * Every key the bot writes starts with `zhauap:v1:`: several deployments can share one Redis, and a
 * change of a stored shape bumps the version instead of misreading old values.
 *
 * Redis going away must never cost an answer: commands fail fast while the connection is down
 * (no offline queue that would hold an answer hostage), ioredis reconnects by itself, and the
 * failures are reported as one warning per minute, not one per update.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export const KEY_PREFIX = 'zhauap:v1:';

/** `zhauap:v1:<part>:<part>…` */
export function redisKey(...parts: Array<string | number>): string {
  return KEY_PREFIX + parts.join(':');
}

/** A hung server (e.g. stopped with SIGSTOP) must not hold an answer longer than this. */
const COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect attempts back off up to this delay. */
const MAX_RECONNECT_DELAY_MS = 2_000;
export const WARNING_INTERVAL_MS = 60_000;

/** Logs the first warning and then at most one per interval; counts what it held back. */
export class ThrottledWarning {
  private lastAt = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = WARNING_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  warn(err: unknown, message: string): void {
    const at = this.now();
    if (at - this.lastAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.logger.warn({ err: errorSummary(err), suppressed: this.suppressed }, message);
    this.lastAt = at;
    this.suppressed = 0;
  }
}

function errorSummary(err: unknown): { message: string; code?: string } {
  const e = err as { message?: unknown; code?: unknown };
  return { message: String(e?.message ?? err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}

export interface SharedRedis {
  client: Redis;
  /** True while commands can be sent. */
  ready(): boolean;
  /** Records a failed Redis operation (one warning per minute for all of them). */
  degraded(err: unknown, what: string): void;
  /** Runs `op`; on a Redis failure returns `fallback` and records the failure. */
  orElse<T>(what: string, op: () => Promise<T>, fallback: T): Promise<T>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** How long start-up waits for the first connection before going on without it. */
  waitMs?: number;
  warningIntervalMs?: number;
}

/**
 * Connects to REDIS_URL. A Redis that is down at start-up is not fatal: the replica starts, answers
 * without shared state, and picks Redis up when it comes.
 */
export async function connectRedis(url: string, logger: Logger, options: ConnectOptions = {}): Promise<SharedRedis> {
  const warning = new ThrottledWarning(logger, options.warningIntervalMs);
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
    // Keys carry their own prefix (redisKey); a client-wide one would be invisible in redis-cli MONITOR.
  });
  let wasReady = false;
  client.on('error', (err) => warning.warn(err, 'redis: unavailable, answering without shared state (reconnecting)'));
  client.on('ready', () => {
    logger.info(wasReady ? 'redis: reconnected' : 'redis: connected');
    wasReady = true;
  });

  const shared: SharedRedis = {
    client,
    ready: () => client.status === 'ready',
    degraded: (err, what) => warning.warn(err, `redis: ${what} failed, going on without it`),
    async orElse(what, op, fallback) {
      try {
        return await op();
      } catch (err) {
        shared.degraded(err, what);
        return fallback;
      }
    },
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };

  const waitMs = options.waitMs ?? 5_000;
  const connected = await new Promise<boolean>((resolve) => {
    if (client.status === 'ready') return resolve(true);
    const timer = setTimeout(() => resolve(false), waitMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!connected) logger.warn({ waitedMs: waitMs }, 'redis: not reachable at start; starting without shared state, reconnecting in the background');
  return shared;
}
