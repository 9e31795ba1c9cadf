/** The ledger's contract, on a real Redis shared by two replicas and on the in-process fallback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonyms } from '../../src/state/pseudonym.js';
import { MemoryPushLedger, RedisPushLedger, type PushLedger } from '../../src/state/push-ledger.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { silentLogger } from '../bot/harness.js';
import { TestRedis } from '../helpers/redis-server.js';

let redis: TestRedis;
const connections: SharedRedis[] = [];
const ids = pseudonyms('ledger-test-salt-0123456789');

beforeAll(async () => {
  redis = await TestRedis.start();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await redis?.stop();
});

async function replicaLedger(db: number): Promise<PushLedger> {
  const shared = await connectRedis(`${redis.url}/${db}`, silentLogger());
  connections.push(shared);
  return new RedisPushLedger(shared, ids);
}

describe('push ledger', () => {
  it('gives a new article to one replica only, even when both claim it at the same moment', async () => {
    const [a, b] = await Promise.all([replicaLedger(1), replicaLedger(1)]);
    const [fromA, fromB] = await Promise.all([a.claim(900, ['art-1', 'art-2']), b.claim(900, ['art-2', 'art-1', 'art-3'])]);
    expect([...fromA, ...fromB].sort()).toEqual(['art-1', 'art-2', 'art-3']);
    // A later poll finding the same articles pushes nothing; another chat still gets them.
    expect(await a.claim(900, ['art-1', 'art-3'])).toEqual([]);
    expect(await b.claim(901, ['art-1'])).toEqual(['art-1']);
  });

  it('stores hashed chats with an expiry, never the chat id', async () => {
    const ledger = await replicaLedger(2);
    await ledger.claim(123456789, ['https://example.kz/news/1']);
    const client = connections.at(-1)!.client;
    const keys = await client.keys('*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^zhauap:v1:pushed:/);
    expect(keys[0]).not.toContain('123456789');
    expect(await client.ttl(keys[0]!)).toBeGreaterThan(0);
  });

  it('refuses to guess while Redis is unreachable: nothing is claimed, so nothing is pushed twice', async () => {
    const ledger = await replicaLedger(3);
    connections.at(-1)!.client.disconnect();
    await expect(ledger.claim(900, ['art-9'])).rejects.toThrow();
  });

  it('has the same contract in one process', async () => {
    const ledger = new MemoryPushLedger();
    expect(await ledger.claim(1, ['x', 'y'])).toEqual(['x', 'y']);
    expect(await ledger.claim(1, ['y', 'z'])).toEqual(['z']);
  });
});
