/**
 * The counter behind @grammyjs/ratelimiter's Redis store: one budget per user across all replicas.
 * The plugin calls `incr` and then, for a new key, `pexpire`; here both happen in one script, so a
 * replica dying between the two cannot leave a counter that never expires (a user blocked for good).
 * While Redis is down each replica counts on its own: the limit then holds per replica instead of
 * not at all.
 */
import type { SharedRedis } from './redis.js';

const INCR_WITH_EXPIRY = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** What the plugin's RedisStore calls (its RedisType). */
export interface RateCounter {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

export function redisRateCounter(redis: SharedRedis, windowMs: number, now: () => number = Date.now): RateCounter {
  const local = new Map<string, { count: number; until: number }>();
  const countLocally = (key: string): number => {
    const at = now();
    for (const [k, v] of local) if (v.until <= at) local.delete(k);
    const entry = local.get(key) ?? { count: 0, until: at + windowMs };
    entry.count += 1;
    local.set(key, entry);
    return entry.count;
  };
  return {
    async incr(key) {
      try {
        return Number(await redis.client.eval(INCR_WITH_EXPIRY, 1, key, windowMs));
      } catch (err) {
        redis.degraded(err, 'rate limit');
        return countLocally(key);
      }
    },
    // Already set by incr's script.
    pexpire: async () => 1,
  };
}
