/**
 * One replica at a time does the background work (source polling, index builds, broadcasts, webhook
 * registration): the one holding a lease in Redis. The holder renews it every third of its length;
 * a holder that dies stops renewing and the lease expires, so another replica takes over within
 * one lease time plus one renewal interval. Without Redis the only process is the leader.
 */
import { ResourceLockedError, Redlock, type Lock } from '@sesamecare-oss/redlock';
import type { Logger } from '../logger.js';
import { redisKey, type SharedRedis } from '../state/redis.js';

export interface LeaderHooks {
  /** This replica became the leader: start the background work. */
  onElected?: () => void | Promise<void>;
  /** This replica is no longer sure it leads (lost the lease, or stopping): stop it. */
  onDeposed?: () => void | Promise<void>;
}

export interface Leadership {
  readonly isLeader: boolean;
  start(): Promise<void>;
  /** Stops renewing; a held lease is released, so another replica takes over at once. */
  stop(): Promise<void>;
}

/** The single process of a file-only deployment: leader from the start. */
export class SoleLeader implements Leadership {
  isLeader = false;
  constructor(private readonly hooks: LeaderHooks = {}) {}
  async start(): Promise<void> {
    this.isLeader = true;
    await this.hooks.onElected?.();
  }
  async stop(): Promise<void> {
    if (!this.isLeader) return;
    this.isLeader = false;
    await this.hooks.onDeposed?.();
  }
}

export const DEFAULT_LEASE_MS = 15_000;

export interface RedisLeaderOptions {
  leaseMs?: number;
  logger: Logger;
  hooks?: LeaderHooks;
  /** Lease name; one per deployment (the key prefix already separates deployments sharing a Redis). */
  name?: string;
}

export class RedisLeader implements Leadership {
  private lock: Lock | null = null;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly redlock: Redlock;
  private readonly leaseMs: number;
  private readonly key: string;

  constructor(
    redis: SharedRedis,
    private readonly options: RedisLeaderOptions,
  ) {
    // One Redis, no retries: a try that fails is tried again at the next renewal tick.
    this.redlock = new Redlock([redis.client], { retryCount: 0 });
    // Redlock reports errors of scripts it runs as events; the tick handles them itself.
    this.redlock.on('error', () => undefined);
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.key = redisKey('leader', options.name ?? 'background');
  }

  get isLeader(): boolean {
    return this.lock !== null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    const lock = this.lock;
    if (!lock) return;
    await this.depose('stopping');
    await lock.release().catch(() => undefined);
  }

  /** Ticks never overlap: a slow Redis call delays the next one instead of racing it. */
  private tick(): Promise<void> {
    this.ticking = this.ticking.then(() => (this.stopped ? undefined : this.lock ? this.renew() : this.tryAcquire()));
    return this.ticking;
  }

  private async tryAcquire(): Promise<void> {
    try {
      this.lock = await this.redlock.acquire([this.key], this.leaseMs);
    } catch (err) {
      if (!(err instanceof ResourceLockedError) && !isLockHeld(err)) this.options.logger.debug({ err }, 'leader: lease not taken');
      return;
    }
    this.options.logger.info({ leaseMs: this.leaseMs }, 'leader: this replica now runs the background work');
    try {
      await this.options.hooks?.onElected?.();
    } catch (err) {
      this.options.logger.error({ err }, 'leader: starting the background work failed');
    }
  }

  private async renew(): Promise<void> {
    const lock = this.lock;
    if (!lock) return;
    try {
      this.lock = await lock.extend(this.leaseMs);
    } catch (err) {
      // Still ours until it expires: keep working and try again at the next tick. Past that point
      // another replica may hold it, and two leaders must never run at once.
      if (Date.now() < lock.expiration - this.leaseMs / 3) return;
      this.options.logger.warn({ err: (err as Error).message }, 'leader: lease lost');
      await this.depose('lease lost');
    }
  }

  private async depose(reason: string): Promise<void> {
    this.lock = null;
    this.options.logger.info({ reason }, 'leader: this replica stops the background work');
    try {
      await this.options.hooks?.onDeposed?.();
    } catch (err) {
      this.options.logger.error({ err }, 'leader: stopping the background work failed');
    }
  }
}

/** Redlock's quorum failure when another replica holds the key. */
function isLockHeld(err: unknown): boolean {
  return err instanceof Error && err.name === 'ExecutionError';
}
