/**
 * The push ledger: an article goes to a chat once, across restarts and across replicas.
 *
 * A push is claimed, sent, then settled:
 * - `claim` records, in one atomic step, that these articles belong to one pending push for this chat
 *   (check-then-mark would let two replicas both see "not pushed yet"); an article claimed once is never
 *   claimed again for that chat. The pending push holds a lease.
 * - after Telegram accepted the message, `settle` removes the pending push.
 * - `reclaim` hands out pending pushes whose lease ran out unsettled (the sender died between claim and
 *   Telegram's answer), leased again, to be sent again.
 * What is left is Telegram's own window: a sender that dies after Telegram accepted the message but
 * before `settle` is recorded makes the push go out twice. sendMessage has no idempotency key, so no
 * ledger can close that window; it is as wide as one HTTP response plus one Redis (or fsync) write.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, writeFileAtomic } from '../shared/atomic-write.js';
import type { Pseudonyms } from './pseudonym.js';
import { redisKey, type SharedRedis } from './redis.js';

export interface PendingPush<T> {
  id: string;
  /** The chat the message goes to: stored in clear, it is the address. */
  chat: number;
  items: T[];
  /** Sends tried with this one: 1 on claim, one more on every reclaim. */
  attempt: number;
}

export interface LedgerArticle<T> {
  /** What makes an article the same article (its canonical URL). */
  key: string;
  /** What a later send needs to write the message again. */
  item: T;
}

export interface PushLedger<T> {
  /** Of `articles`, those never claimed for `chat` before, as one pending push leased for `leaseMs`; null when none. */
  claim(chat: number, articles: ReadonlyArray<LedgerArticle<T>>, leaseMs: number): Promise<PendingPush<T> | null>;
  /** The push reached Telegram (or never will, e.g. the chat blocked the bot): it is not sent again. */
  settle(id: string): Promise<void>;
  /** Pending pushes whose lease ran out unsettled, each leased again (to this caller only) for `leaseMs`. */
  reclaim(leaseMs: number): Promise<Array<PendingPush<T>>>;
}

/** An article older than this is never pushed again anyway (polls only bring new ones): the entry may go. */
export const LEDGER_TTL_SECONDS = 180 * 24 * 3600;
/** Pending pushes handed out by one reclaim, at most; the rest wait for the next poll. */
const RECLAIM_BATCH = 100;
/** Settled pushes whose claim lines (with their message payload) the file may hold before it is rewritten. */
const FILE_COMPACT_AFTER = 2_000;

/**
 * Claims each `zhauap:v1:pushed:<hashed chat>:<article>` with SET NX (the first replica wins, the key
 * expires after LEDGER_TTL_SECONDS) and, in the same script, stores the pending push and its lease.
 * KEYS: pending hash, lease zset, attempts hash, article keys…; ARGV: id, ttl s, lease ms, chat, item JSON…
 * The lease clock is Redis's own (TIME): replicas' clocks may differ.
 */
const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local claimed, items = {}, {}
for i = 4, #KEYS do
  if redis.call('SET', KEYS[i], ARGV[1], 'EX', ARGV[2], 'NX') then
    claimed[#claimed + 1] = i - 4
    items[#items + 1] = ARGV[i + 1]
  end
end
if #claimed > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], '{"chat":' .. ARGV[4] .. ',"items":[' .. table.concat(items, ',') .. ']}')
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('HSET', KEYS[3], ARGV[1], 1)
end
return claimed`;

/** KEYS: pending hash, lease zset, attempts hash; ARGV: lease ms, batch. Returns id, JSON, attempt triples. */
const RECLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local pending = redis.call('HGET', KEYS[1], id)
  if pending then
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), id)
    out[#out + 1] = id
    out[#out + 1] = pending
    out[#out + 1] = redis.call('HINCRBY', KEYS[3], id, 1)
  else
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
  end
end
return out`;

export class RedisPushLedger<T> implements PushLedger<T> {
  private readonly pending = redisKey('push', 'pending');
  private readonly leases = redisKey('push', 'lease');
  private readonly attempts = redisKey('push', 'attempts');

  constructor(
    private readonly redis: SharedRedis,
    private readonly ids: Pseudonyms,
    private readonly ttlSeconds = LEDGER_TTL_SECONDS,
  ) {}

  async claim(chat: number, articles: ReadonlyArray<LedgerArticle<T>>, leaseMs: number): Promise<PendingPush<T> | null> {
    if (articles.length === 0) return null;
    const id = randomUUID();
    const chatKey = this.ids.key('chat', chat);
    const keys = [this.pending, this.leases, this.attempts, ...articles.map((a) => redisKey('pushed', chatKey, a.key))];
    const args = [id, this.ttlSeconds, leaseMs, Math.trunc(chat), ...articles.map((a) => JSON.stringify(a.item))];
    // An error here must not become a push: it propagates, and nothing is sent.
    const claimed = (await this.redis.client.eval(CLAIM, keys.length, ...keys, ...args)) as number[];
    if (claimed.length === 0) return null;
    return { id, chat, items: claimed.map((i) => (articles[i] as LedgerArticle<T>).item), attempt: 1 };
  }

  async settle(id: string): Promise<void> {
    await this.redis.client.multi().hdel(this.pending, id).zrem(this.leases, id).hdel(this.attempts, id).exec();
  }

  async reclaim(leaseMs: number): Promise<Array<PendingPush<T>>> {
    const flat = (await this.redis.client.eval(RECLAIM, 3, this.pending, this.leases, this.attempts, leaseMs, RECLAIM_BATCH)) as Array<string | number>;
    const out: Array<PendingPush<T>> = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const { chat, items } = JSON.parse(String(flat[i + 1])) as { chat: number; items: T[] };
      out.push({ id: String(flat[i]), chat, items, attempt: Number(flat[i + 2]) });
    }
    return out;
  }
}

export const LEDGER_FILE = 'pushed.jsonl';

type Line =
  /** A push settled long ago, as compaction writes it (and the format of the first ledger version, without `at`). */
  | { chat: number; article: string; at?: number }
  | { claim: string; chat: number; articles: string[]; items: unknown[]; until: number; at: number }
  | { lease: string; until: number; attempt: number }
  | { settle: string };

interface FilePending<T> {
  chat: number;
  articles: string[];
  items: T[];
  until: number;
  attempt: number;
  at: number;
}

/**
 * One process without Redis: the same contract in `pushed.jsonl` under STATE_DIR, one fsynced line per
 * claim, lease and settle. Replayed on open (a torn last line was never followed by a send), and
 * rewritten without what has expired or settled once it is mostly such lines.
 */
export class FilePushLedger<T> implements PushLedger<T> {
  private lock: Promise<unknown> = Promise.resolve();
  /** Settled pushes still written as full claim lines in the file. */
  private settledClaims = 0;
  private compactAfter = FILE_COMPACT_AFTER;

  private constructor(
    private readonly dir: string,
    /** chat\0article → when it was claimed. */
    private readonly pushed: Map<string, number>,
    private readonly pending: Map<string, FilePending<T>>,
    private readonly now: () => number,
  ) {}

  static async open<T>(stateDir: string, options: { now?: () => number; ttlSeconds?: number; compactAfter?: number } = {}): Promise<FilePushLedger<T>> {
    const now = options.now ?? Date.now;
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, LEDGER_FILE);
    const pushed = new Map<string, number>();
    const pending = new Map<string, FilePending<T>>();
    let lines = 0;
    let settledClaims = 0;
    if (existsSync(file)) {
      for (const text of (await readFile(file, 'utf8')).split('\n')) {
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          continue;
        }
        lines++;
        if ('claim' in line) {
          for (const a of line.articles) pushed.set(ledgerKey(line.chat, a), line.at);
          pending.set(line.claim, { chat: line.chat, articles: line.articles, items: line.items as T[], until: line.until, attempt: 1, at: line.at });
        } else if ('lease' in line) {
          const p = pending.get(line.lease);
          if (p) Object.assign(p, { until: line.until, attempt: line.attempt });
        } else if ('settle' in line) settledClaims += pending.delete(line.settle) ? 1 : 0;
        else pushed.set(ledgerKey(line.chat, line.article), line.at ?? now());
      }
    }
    const oldest = now() - (options.ttlSeconds ?? LEDGER_TTL_SECONDS) * 1000;
    for (const [key, at] of pushed) if (at < oldest) pushed.delete(key);
    const ledger = new FilePushLedger(stateDir, pushed, pending, now);
    ledger.settledClaims = settledClaims;
    ledger.compactAfter = options.compactAfter ?? FILE_COMPACT_AFTER;
    if (settledClaims > ledger.compactAfter || lines > 2 * (pushed.size + pending.size) + 100) await ledger.compact();
    return ledger;
  }

  claim(chat: number, articles: ReadonlyArray<LedgerArticle<T>>, leaseMs: number): Promise<PendingPush<T> | null> {
    return this.exclusive(async () => {
      const fresh = uniqueByKey(articles).filter((a) => !this.pushed.has(ledgerKey(chat, a.key)));
      if (fresh.length === 0) return null;
      const id = randomUUID();
      const at = this.now();
      const entry: FilePending<T> = { chat, articles: fresh.map((a) => a.key), items: fresh.map((a) => a.item), until: at + leaseMs, attempt: 1, at };
      await this.append([{ claim: id, chat, articles: entry.articles, items: entry.items, until: entry.until, at }]);
      for (const a of entry.articles) this.pushed.set(ledgerKey(chat, a), at);
      this.pending.set(id, entry);
      return { id, chat, items: entry.items, attempt: 1 };
    });
  }

  settle(id: string): Promise<void> {
    return this.exclusive(async () => {
      if (!this.pending.has(id)) return;
      await this.append([{ settle: id }]);
      this.pending.delete(id);
      if (++this.settledClaims > this.compactAfter) await this.compact();
    });
  }

  reclaim(leaseMs: number): Promise<Array<PendingPush<T>>> {
    return this.exclusive(async () => {
      const now = this.now();
      const due = [...this.pending].filter(([, p]) => p.until <= now).slice(0, RECLAIM_BATCH);
      if (due.length === 0) return [];
      await this.append(due.map(([id, p]): Line => ({ lease: id, until: now + leaseMs, attempt: p.attempt + 1 })));
      return due.map(([id, p]) => {
        p.until = now + leaseMs;
        p.attempt += 1;
        return { id, chat: p.chat, items: p.items, attempt: p.attempt };
      });
    });
  }

  private async append(lines: Line[]): Promise<void> {
    const file = path.join(this.dir, LEDGER_FILE);
    const created = !existsSync(file);
    const handle = await open(file, 'a');
    try {
      await handle.write(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncDirectory(this.dir);
  }

  private async compact(): Promise<void> {
    const settled = [...this.pushed].map(([key, at]): Line => {
      const cut = key.indexOf('\u0000');
      return { chat: Number(key.slice(0, cut)), article: key.slice(cut + 1), at };
    });
    const pending = [...this.pending].flatMap(([id, p]): Line[] => [
      { claim: id, chat: p.chat, articles: p.articles, items: p.items, until: p.until, at: p.at },
      ...(p.attempt > 1 ? [{ lease: id, until: p.until, attempt: p.attempt }] : []),
    ]);
    // Articles of a pending push are written twice (settled form, then the claim): replay reads the same.
    await writeFileAtomic(path.join(this.dir, LEDGER_FILE), [...settled, ...pending].map((l) => `${JSON.stringify(l)}\n`).join(''));
    this.settledClaims = 0;
  }

  private exclusive<R>(task: () => Promise<R>): Promise<R> {
    const run = this.lock.then(task);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

function ledgerKey(chat: number, article: string): string {
  return `${chat}\u0000${article}`;
}

function uniqueByKey<T>(articles: ReadonlyArray<LedgerArticle<T>>): Array<LedgerArticle<T>> {
  const seen = new Set<string>();
  return articles.filter((a) => !seen.has(a.key) && (seen.add(a.key), true));
}
