/**
 * Chat sessions in Redis (@grammyjs/storage-redis) and the wrapper that keeps answers going when Redis
 * is not there.
 */
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { StorageAdapter } from 'grammy';
import { redisKey, type SharedRedis } from './redis.js';

/** A conversation untouched for this long is forgotten (the TTL is renewed on every write). */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

/** Sessions under `zhauap:v1:session:<hashed chat>` with a TTL. */
export function redisSessionStorage<T>(redis: SharedRedis, ttlSeconds = SESSION_TTL_SECONDS): StorageAdapter<T> {
  const adapter = new RedisAdapter<T>({ instance: redis.client, ttl: ttlSeconds });
  const key = (k: string) => redisKey('session', k);
  return {
    read: (k) => adapter.read(key(k)),
    write: (k, value) => adapter.write(key(k), value),
    delete: (k) => adapter.delete(key(k)),
  };
}

/**
 * A session store that never fails an update: a read that fails gives a fresh session (the answer is
 * given without follow-up memory) and a write that fails is dropped. A session whose read failed is
 * not written back either: Redis may be back by then, and the fresh session would overwrite the
 * real one that is still stored there.
 */
export function tolerantStorage<T>(inner: StorageAdapter<T>, onError: (err: unknown, what: string) => void): StorageAdapter<T> {
  // Keys whose current update started without their stored session. Updates of one chat run one at
  // a time (sequentialize), so read → write pairs of one key do not interleave.
  const unread = new Set<string>();
  return {
    async read(key) {
      try {
        const value = await inner.read(key);
        unread.delete(key);
        return value;
      } catch (err) {
        onError(err, 'session read');
        unread.add(key);
        return undefined;
      }
    },
    async write(key, value) {
      if (unread.delete(key)) return;
      try {
        await inner.write(key, value);
      } catch (err) {
        onError(err, 'session write');
      }
    },
    async delete(key) {
      if (unread.delete(key)) return;
      try {
        await inner.delete(key);
      } catch (err) {
        onError(err, 'session delete');
      }
    },
  };
}
