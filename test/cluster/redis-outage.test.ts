/**
 * Redis stops under a running replica and comes back: answers go on without session memory, the
 * operator gets one warning (not one per update), and once Redis is back the conversation continues
 * from what was stored before.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startReplica, type Replica } from '../../src/bot/replica.js';
import { InFlight } from '../../src/bot/in-flight.js';
import { SECRET_HEADER } from '../../src/bot/webhook.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { FakeEngine } from '../bot/fake-engine.js';
import { tempDir, textUpdate } from '../bot/harness.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/free-port.js';
import { TestRedis } from '../helpers/redis-server.js';

let redis: TestRedis;
let api: FakeBotApi;
let shared: SharedRedis;
let replica: Replica;
const engine = new FakeEngine();
const inflight = new InFlight();
const logLines: Array<{ level: number; msg: string }> = [];

beforeAll(async () => {
  [redis, api] = await Promise.all([TestRedis.start(), FakeBotApi.start()]);
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const config = loadConfig({
    STATE_DIR: tempDir('zhauap-outage-'),
    BOT_MODE: 'webhook',
    WEBHOOK_URL: 'https://bot.example.org/hook',
    WEBHOOK_SECRET: 'outage-secret-0123',
    PORT: String(await freePort()),
    TELEGRAM_API_ROOT: api.url,
    REDIS_URL: redis.url,
    RATE_LIMIT_PER_MINUTE: '100',
  });
  shared = await connectRedis(redis.url, logger);
  replica = await startReplica({ config, token: '123456:OUTAGE-token-for-tests-only-0000', logger, engine, redis: shared, host: '127.0.0.1', inflight });
});

afterAll(async () => {
  await replica?.stop();
  await shared?.close();
  await api?.stop();
  await redis?.stop();
});

async function ask(text: string, userId = 700): Promise<string> {
  const before = api.textsTo(userId).length;
  const res = await fetch(`http://127.0.0.1:${replica.port}/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'outage-secret-0123' },
    body: JSON.stringify(textUpdate(text, { userId })),
  });
  expect(res.status).toBe(200);
  await api.waitFor(() => api.textsTo(userId).length > before, 5_000, `a reply to ${userId}`);
  return api.textsTo(userId).at(-1)!;
}

describe('Redis stopped and restarted under a running replica', () => {
  it('answers throughout, warns once, and picks the conversation up again', async () => {
    expect(await ask('Сколько жителей в Алматинской области?')).toContain('1,6 млн человек');
    // The reply reaches the chat before the update's session is written: stop Redis only once it is.
    expect(await inflight.drain(5_000)).toBe(true);

    const warningsBefore = logLines.filter((l) => l.level === 40).length;
    await redis.stop();
    // Session, rate limit and question log all fail on every update: still answers, without memory.
    expect(await ask('Сколько врачей в Шымкенте?', 701)).toContain('300 молодых врачей');
    expect(await ask('а в Шымкенте?')).toContain('Жителей Шымкента стало больше');
    expect(engine.calls.at(-1)!.options?.history).toBeUndefined();
    expect(await ask('Сколько врачей в Шымкенте?', 702)).toContain('300 молодых врачей');
    const warnings = logLines.filter((l) => l.level === 40).slice(warningsBefore);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/^redis:/);

    await redis.resume();
    const deadline = Date.now() + 5_000;
    while (!shared.ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(shared.ready()).toBe(true);
    // The exchange stored before the outage is back; the session-less answer did not overwrite it.
    await ask('а в Шымкенте?');
    expect(engine.calls.at(-1)!.options?.history?.question).toBe('Сколько жителей в Алматинской области?');
  });
});
