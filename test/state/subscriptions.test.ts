import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { RedisPollState, RedisSubscriptionStore } from '../../src/state/subscriptions.js';
import { silentLogger } from '../bot/harness.js';
import { TestRedis } from '../helpers/redis-server.js';

type Sub = { kind: 'region'; id: string } | { kind: 'keywords'; text: string };
const rules = { max: 3, same: (a: Sub, b: Sub) => JSON.stringify(a) === JSON.stringify(b) };

let redis: TestRedis;
const connections: SharedRedis[] = [];
const replica = async (db: number) => {
  const shared = await connectRedis(`${redis.url}/${db}`, silentLogger());
  connections.push(shared);
  return shared;
};

beforeAll(async () => {
  redis = await TestRedis.start();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await redis?.stop();
});

describe('subscriptions in Redis', () => {
  it('keeps what two replicas add to one chat at the same moment, once each, up to the limit', async () => {
    const a = new RedisSubscriptionStore<Sub>(await replica(1), rules);
    const b = new RedisSubscriptionStore<Sub>(await replica(1), rules);
    const added = await Promise.all([
      a.add(77, { kind: 'region', id: 'abai' }),
      b.add(77, { kind: 'keywords', text: 'паводки' }),
      b.add(77, { kind: 'region', id: 'abai' }),
    ]);
    expect(added.filter(Boolean)).toHaveLength(2);
    expect((await a.list(77)).map((s) => (s.kind === 'region' ? s.id : s.text)).sort()).toEqual(['abai', 'паводки']);
    await a.add(77, { kind: 'keywords', text: 'школы' });
    expect(await b.add(77, { kind: 'keywords', text: 'дороги' })).toBe(false); // limit 3
    await a.add(78, { kind: 'region', id: 'shymkent' });

    expect(await b.remove(77, 0)).toBeDefined();
    expect(await b.list(77)).toHaveLength(2);
    expect(await a.clear(78)).toBe(1);
    expect((await b.all()).map(([chat]) => chat)).toEqual([77]);
  });
});

describe('poll state in Redis', () => {
  it('lets the next leader continue from what the previous one saved', async () => {
    const initial = () => ({ failures: 0, seen: {} as Record<string, string> });
    const first = await RedisPollState.open(await replica(2), initial);
    first.of('gov-kz').seen['https://www.gov.kz/a'] = 'hash-a';
    first.of('gov-kz').failures = 2;
    await first.save();
    const next = await RedisPollState.open(await replica(2), initial);
    expect(next.of('gov-kz')).toEqual({ failures: 2, seen: { 'https://www.gov.kz/a': 'hash-a' } });
    expect(next.of('new-source')).toEqual({ failures: 0, seen: {} });
  });
});
