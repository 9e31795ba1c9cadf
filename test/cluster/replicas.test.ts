/**
 * Two replicas of the bot in webhook mode behind one URL, sharing one real Redis, talking to a Bot API
 * server on 127.0.0.1: whichever replica an update reaches, the user sees one bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startReplica, type Replica } from '../../src/bot/replica.js';
import { SECRET_HEADER } from '../../src/bot/webhook.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { FakeEngine } from '../bot/fake-engine.js';
import { silentLogger, tempDir, textUpdate } from '../bot/harness.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/free-port.js';
import { TestRedis } from '../helpers/redis-server.js';

const TOKEN = '123456:REPLICA-token-for-tests-only-00000';
const SECRET = 'replica-secret-0123';
const LEASE_MS = 1_000;

let redis: TestRedis;
let api: FakeBotApi;
const connections: SharedRedis[] = [];

interface Running {
  replica: Replica;
  engine: FakeEngine;
  post(update: unknown): Promise<Response>;
}

async function startOne(env: Record<string, string> = {}): Promise<Running> {
  const stateDir = tempDir('zhauap-replica-');
  const config = loadConfig({
    STATE_DIR: stateDir,
    LOG_LEVEL: 'silent',
    BOT_MODE: 'webhook',
    WEBHOOK_URL: 'https://bot.example.org/tg/hook',
    WEBHOOK_SECRET: SECRET,
    PORT: String(await freePort()),
    TELEGRAM_API_ROOT: api.url,
    REDIS_URL: redis.url,
    LEADER_LEASE_MS: String(LEASE_MS),
    RATE_LIMIT_PER_MINUTE: '3',
    ...env,
  });
  const shared = await connectRedis(redis.url, silentLogger());
  connections.push(shared);
  const engine = new FakeEngine();
  const replica = await startReplica({ config, token: TOKEN, logger: silentLogger(), engine, redis: shared, host: '127.0.0.1' });
  const post = (update: unknown) =>
    fetch(`http://127.0.0.1:${replica.port}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: JSON.stringify(update),
    });
  return { replica, engine, post };
}

let a: Running;
let b: Running;

beforeAll(async () => {
  [redis, api] = await Promise.all([TestRedis.start(), FakeBotApi.start()]);
  a = await startOne();
  b = await startOne();
});

afterAll(async () => {
  await Promise.all([a?.replica.stop(), b?.replica.stop()]);
  await Promise.all(connections.map((c) => c.close()));
  await api?.stop();
  await redis?.stop();
});

/** Posts the question to one replica and waits for the reply Telegram would show the user. */
async function ask(via: Running, text: string, userId: number): Promise<string> {
  const before = api.textsTo(userId).length;
  expect((await via.post(textUpdate(text, { userId }))).status).toBe(200);
  await api.waitFor(() => api.textsTo(userId).length > before, 5_000, `a reply to chat ${userId}`);
  return api.textsTo(userId).at(-1)!;
}

describe('two webhook replicas with one Redis', () => {
  it('registers the webhook once, from the leader', () => {
    expect(a.replica.leader.isLeader).toBe(true);
    expect(b.replica.leader.isLeader).toBe(false);
    const registrations = api.of('setWebhook');
    expect(registrations).toHaveLength(1);
    expect(registrations[0]!.payload).toMatchObject({ url: 'https://bot.example.org/tg/hook', secret_token: SECRET });
  });

  it('answers a follow-up on replica B from the exchange held by replica A', async () => {
    expect(await ask(a, 'Сколько жителей в Алматинской области?', 501)).toContain('1,6 млн человек');
    const reply = await ask(b, 'а в Шымкенте?', 501);
    expect(b.engine.calls.at(-1)!.options?.history?.question).toBe('Сколько жителей в Алматинской области?');
    expect(reply).toContain('Жителей Шымкента стало больше');
  });

  it('shares one rate-limit budget: 3 a minute across both replicas, not 3 on each', async () => {
    const asked = () => a.engine.calls.length + b.engine.calls.length;
    const start = asked();
    await ask(a, 'Сколько врачей в Шымкенте?', 601);
    await ask(b, 'Сколько врачей в Шымкенте?', 601);
    await ask(a, 'Сколько врачей в Шымкенте?', 601);
    const fourth = await ask(b, 'Сколько врачей в Шымкенте?', 601);
    expect(fourth).toContain('не больше 3 в минуту');
    expect(asked() - start).toBe(3);
  });

  it('keeps every key under zhauap:v1:, transient ones with a TTL, and no user id in clear', async () => {
    const client = connections[0]!.client;
    const keys = await client.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^zhauap:v1:/);
      expect(key).not.toMatch(/501|601/);
      const ttl = await client.pttl(key);
      if (/:(session|rate):/.test(key)) expect(ttl).toBeGreaterThan(0);
    }
    const values = await Promise.all(keys.filter((k) => k.includes(':session:')).map((k) => client.get(k)));
    expect(values.join('\n')).toContain('Сколько жителей в Алматинской области?');
    const log = await client.xrange('zhauap:v1:log:questions', '-', '+');
    expect(JSON.stringify(log)).not.toMatch(/"(user|chat)":"?(501|601)\b/);
  });

  it('hands the webhook registration to B when A stops', async () => {
    const stoppedAt = Date.now();
    await a.replica.stop();
    await api.waitFor(() => api.of('setWebhook').length === 2, LEASE_MS * 2, 'a second setWebhook');
    expect(b.replica.leader.isLeader).toBe(true);
    // A released its lease on the way out: B did not have to wait for it to expire.
    expect(api.of('setWebhook')[1]!.at - stoppedAt).toBeLessThan(LEASE_MS);
  });
});
