/**
 * Subscriptions and the sources' poll state in Redis, for replicas: any replica takes /subscribe, the
 * leader reads them all when it pushes, and a new leader continues polling where the old one stopped.
 *
 * Subscriptions are one hash, chat id → JSON list. The chat id is kept as it is: a push must be sent
 * to it (with a push in flight, state/push-ledger.ts, the only places an id is stored in clear, as with
 * the file store; logs carry only its salted hash). Changes are optimistic
 * transactions (WATCH/MULTI): two replicas changing one chat's list at once both land.
 */
import type { Redis } from 'ioredis';
import { redisKey, type SharedRedis } from './redis.js';

const MAX_TRANSACTION_TRIES = 10;

export interface SubscriptionRules<S> {
  max: number;
  same(a: S, b: S): boolean;
}

export class RedisSubscriptionStore<S> {
  private readonly key = redisKey('subscriptions');

  constructor(
    private readonly redis: SharedRedis,
    private readonly rules: SubscriptionRules<S>,
  ) {}

  async list(chat: number): Promise<S[]> {
    const json = await this.redis.client.hget(this.key, String(chat));
    return json ? (JSON.parse(json) as S[]) : [];
  }

  /** Every chat with at least one subscription. */
  async all(): Promise<Array<[number, S[]]>> {
    const entries = await this.redis.client.hgetall(this.key);
    return Object.entries(entries)
      .map(([chat, json]): [number, S[]] => [Number(chat), JSON.parse(json) as S[]])
      .filter(([, subs]) => subs.length > 0);
  }

  /** False when the chat already has it or is at the limit. */
  add(chat: number, sub: S): Promise<boolean> {
    return this.change(chat, (subs) => {
      if (subs.some((s) => this.rules.same(s, sub)) || subs.length >= this.rules.max) return { result: false };
      return { result: true, next: [...subs, sub] };
    });
  }

  /** Removes the subscription at `index` of list(chat); returns it. */
  remove(chat: number, index: number): Promise<S | undefined> {
    return this.change(chat, (subs) => {
      const next = [...subs];
      const [removed] = next.splice(index, 1);
      return removed === undefined ? { result: undefined } : { result: removed, next };
    });
  }

  /** Removes every subscription of a chat (/unsubscribe, or the chat blocked the bot). */
  clear(chat: number): Promise<number> {
    return this.change(chat, (subs) => ({ result: subs.length, next: [] }));
  }

  private async change<T>(chat: number, edit: (subs: S[]) => { result: T; next?: S[] }): Promise<T> {
    const field = String(chat);
    // A connection of its own: WATCH holds per connection, and the shared one serves other updates.
    const client: Redis = this.redis.client.duplicate({ enableOfflineQueue: true });
    try {
      for (let attempt = 0; attempt < MAX_TRANSACTION_TRIES; attempt++) {
        await client.watch(this.key);
        const json = await client.hget(this.key, field);
        const { result, next } = edit(json ? (JSON.parse(json) as S[]) : []);
        if (!next) {
          await client.unwatch();
          return result;
        }
        const tx = client.multi();
        if (next.length === 0) tx.hdel(this.key, field);
        else tx.hset(this.key, field, JSON.stringify(next));
        if (await tx.exec()) return result;
      }
      throw new Error(`subscriptions: chat list kept changing, gave up after ${MAX_TRANSACTION_TRIES} tries`);
    } finally {
      client.disconnect();
    }
  }
}

/**
 * Per-source poll state (validators, seen URLs, backoff) as one hash, source id → JSON. The leader
 * loads it when elected and saves after each poll, so the next leader starts from there.
 */
export class RedisPollState<T> {
  private readonly key = redisKey('sources', 'state');

  private constructor(
    private readonly redis: SharedRedis,
    private readonly sources: Map<string, T>,
    private readonly initial: () => T,
  ) {}

  static async open<T>(redis: SharedRedis, initial: () => T): Promise<RedisPollState<T>> {
    const entries = await redis.client.hgetall(redisKey('sources', 'state'));
    const sources = new Map(Object.entries(entries).map(([id, json]) => [id, JSON.parse(json) as T]));
    return new RedisPollState(redis, sources, initial);
  }

  of(sourceId: string): T {
    let state = this.sources.get(sourceId);
    if (state === undefined) {
      state = this.initial();
      this.sources.set(sourceId, state);
    }
    return state;
  }

  async save(): Promise<void> {
    if (this.sources.size === 0) return;
    await this.redis.client.hset(this.key, Object.fromEntries([...this.sources].map(([id, s]) => [id, JSON.stringify(s)])));
  }
}
