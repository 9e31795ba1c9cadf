/** The ledger's contract, on a real Redis shared by two replicas and on the file of one process. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonyms } from '../../src/state/pseudonym.js';
import { FilePushLedger, LEDGER_FILE, RedisPushLedger, type LedgerArticle, type PushLedger } from '../../src/state/push-ledger.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { silentLogger, tempDir } from '../bot/harness.js';
import { TestRedis } from '../helpers/redis-server.js';

let redis: TestRedis;
const connections: SharedRedis[] = [];
const ids = pseudonyms('ledger-test-salt-0123456789');
// Long enough that a claim, a settle and a reclaim in a row fit in it on a loaded machine (200 ms did not, at load 7).
const LEASE_MS = 600;

beforeAll(async () => {
  redis = await TestRedis.start();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await redis?.stop();
});

async function connect(db: number): Promise<SharedRedis> {
  const shared = await connectRedis(`${redis.url}/${db}`, silentLogger());
  connections.push(shared);
  return shared;
}

const articles = (...keys: string[]): Array<LedgerArticle<{ title: string }>> => keys.map((key) => ({ key, item: { title: `title of ${key}` } }));
const keysOf = (push: { items: Array<{ title: string }> } | null) => (push?.items ?? []).map((i) => i.title.replace('title of ', '')).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same contract for both: `two()` gives two ledgers over one store (two replicas, or a process and its restart). */
function contract(name: string, two: () => Promise<[PushLedger<{ title: string }>, PushLedger<{ title: string }>]>) {
  describe(`push ledger (${name})`, () => {
    it('claims an article for a chat once: a later claim of it, by anyone, gets nothing; another chat still gets it', async () => {
      const [a, b] = await two();
      const first = await a.claim(900, articles('art-1', 'art-2'), LEASE_MS);
      expect(keysOf(first)).toEqual(['art-1', 'art-2']);
      expect(first?.chat).toBe(900);
      expect(keysOf(await b.claim(900, articles('art-2', 'art-1', 'art-3'), LEASE_MS))).toEqual(['art-3']);
      expect(await a.claim(900, articles('art-1', 'art-3'), LEASE_MS)).toBeNull();
      expect(keysOf(await b.claim(901, articles('art-1'), LEASE_MS))).toEqual(['art-1']);
    });

    it('hands a claim whose lease ran out unsettled to one reclaimer, with its items, and a settled one to none', async () => {
      const [a, b] = await two();
      const lost = await a.claim(902, articles('art-5'), LEASE_MS);
      const sent = await a.claim(903, articles('art-6'), LEASE_MS);
      await a.settle(sent!.id);
      expect(await b.reclaim(LEASE_MS)).toEqual([]);
      await sleep(LEASE_MS + 30);
      const again = await b.reclaim(LEASE_MS);
      expect(again).toEqual([{ id: lost!.id, chat: 902, items: [{ title: 'title of art-5' }], attempt: 2 }]);
      // Leased again to b: a reclaims nothing until that lease runs out too.
      expect(await a.reclaim(LEASE_MS)).toEqual([]);
      await b.settle(lost!.id);
      await sleep(LEASE_MS + 30);
      expect(await a.reclaim(LEASE_MS)).toEqual([]);
    });
  });
}

contract('Redis, two replicas', async () => {
  const [x, y] = await Promise.all([connect(1), connect(1)]);
  await x.client.flushdb();
  return [new RedisPushLedger(x, ids), new RedisPushLedger(y, ids)];
});

/** A file ledger read back from its file for every operation: each call plays a process restarted since the last. */
function restartingEveryCall(dir: string): PushLedger<{ title: string }> {
  const open = () => FilePushLedger.open<{ title: string }>(dir);
  return {
    claim: async (...args) => (await open()).claim(...args),
    settle: async (id) => (await open()).settle(id),
    reclaim: async (ms) => (await open()).reclaim(ms),
  };
}

contract('file, restarted between calls', async () => {
  const dir = tempDir('zhauap-ledger-');
  return [restartingEveryCall(dir), restartingEveryCall(dir)];
});

describe('push ledger in Redis', () => {
  it('stores hashed chats with an expiry, and the chat id only inside the pending push, which settling removes', async () => {
    const shared = await connect(2);
    const ledger = new RedisPushLedger(shared, ids);
    const push = await ledger.claim(123456789, articles('https://example.kz/news/1'), 60_000);
    const client = shared.client;
    const pushed = await client.keys('zhauap:v1:pushed:*');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).not.toContain('123456789');
    expect(await client.ttl(pushed[0]!)).toBeGreaterThan(0);
    expect(JSON.stringify(await client.hgetall('zhauap:v1:push:pending'))).toContain('123456789');
    await ledger.settle(push!.id);
    expect((await client.keys('*')).sort()).toEqual(pushed);
  });

  it('refuses to guess while Redis is unreachable: nothing is claimed, so nothing is pushed twice', async () => {
    const shared = await connect(3);
    const ledger = new RedisPushLedger(shared, ids);
    shared.client.disconnect();
    await expect(ledger.claim(900, articles('art-9'), LEASE_MS)).rejects.toThrow();
  });
});

describe('push ledger in a file', () => {
  it('rewrites itself without the payloads of settled pushes, keeps what was pushed, and forgets it after the TTL', async () => {
    const dir = tempDir('zhauap-ledger-');
    const file = path.join(dir, LEDGER_FILE);
    const ledger = await FilePushLedger.open<{ title: string }>(dir, { compactAfter: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await ledger.settle((await ledger.claim(5, articles(key), LEASE_MS))!.id);
    const inFlight = await ledger.claim(5, articles('e'), 10);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // Four settled pushes, one line each without their message; the push in flight keeps its payload.
    expect(lines.filter((l) => l.includes('title of'))).toEqual([expect.stringContaining('title of e')]);
    expect(lines.length).toBeLessThanOrEqual(6);
    const reopened = await FilePushLedger.open<{ title: string }>(dir);
    expect(await reopened.claim(5, articles('a', 'd', 'e'), LEASE_MS)).toBeNull();
    await sleep(20);
    expect(await reopened.reclaim(LEASE_MS)).toEqual([{ id: inFlight!.id, chat: 5, items: [{ title: 'title of e' }], attempt: 2 }]);
    const later = Date.now() + 181 * 86_400_000;
    const halfYearOn = await FilePushLedger.open<{ title: string }>(dir, { now: () => later });
    expect(keysOf(await halfYearOn.claim(5, articles('a'), LEASE_MS))).toEqual(['a']);
  });
});
