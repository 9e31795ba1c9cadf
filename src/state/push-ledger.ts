/**
 * The push ledger: an article goes to a chat at most once, across restarts and across replicas.
 * `claim` is the only operation: it records the pushes and says which of them are new in one atomic
 * step (check-then-mark would let two replicas both see "not pushed yet"). Claimed before sending:
 * a crash between claim and send loses that push rather than repeating it.
 */
import { redisKey, type SharedRedis } from './redis.js';
import type { Pseudonyms } from './pseudonym.js';

export interface PushLedger {
  /** Of `articles`, the ones never pushed to `chat` before; they count as pushed from now on. */
  claim(chat: number, articles: readonly string[]): Promise<string[]>;
}

/** An article older than this is never pushed again anyway (polls only bring new ones): the entry may go. */
export const LEDGER_TTL_SECONDS = 180 * 24 * 3600;

/** `zhauap:v1:pushed:<hashed chat>:<article>` set with NX: the first replica to set it pushes. */
export class RedisPushLedger implements PushLedger {
  constructor(
    private readonly redis: SharedRedis,
    private readonly ids: Pseudonyms,
    private readonly ttlSeconds = LEDGER_TTL_SECONDS,
  ) {}

  async claim(chat: number, articles: readonly string[]): Promise<string[]> {
    if (articles.length === 0) return [];
    const chatKey = this.ids.key('chat', chat);
    const pipeline = this.redis.client.pipeline();
    for (const article of articles) pipeline.set(redisKey('pushed', chatKey, article), '1', 'EX', this.ttlSeconds, 'NX');
    const results = (await pipeline.exec()) ?? [];
    return articles.filter((_, i) => {
      const [err, reply] = results[i] ?? [new Error('no reply'), null];
      // An error here must not become a push: unknown state counts as already pushed.
      if (err) throw new Error(`push ledger: ${err.message}`);
      return reply === 'OK';
    });
  }
}

/** In one process without Redis (and in tests): the same contract over a Set. */
export class MemoryPushLedger implements PushLedger {
  private readonly pushed = new Set<string>();
  async claim(chat: number, articles: readonly string[]): Promise<string[]> {
    return articles.filter((a) => {
      const key = `${chat}\u0000${a}`;
      if (this.pushed.has(key)) return false;
      this.pushed.add(key);
      return true;
    });
  }
}
