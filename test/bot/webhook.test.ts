import { describe, expect, it } from 'vitest';
import { startWebhook, SECRET_HEADER } from '../../src/bot/webhook.js';
import { FakeEngine } from './fake-engine.js';
import { createTestBot, silentLogger, textUpdate } from './harness.js';

async function startServer(delayMs: number) {
  const t = await createTestBot({ engine: new FakeEngine({ delayMs }) });
  const running = await startWebhook(t.bot, {
    url: 'https://bot.example.org/tg/hook',
    secret: 'the-secret-of-16-chars',
    port: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    inflight: t.inflight,
    register: false,
  });
  const base = `http://127.0.0.1:${running.port}`;
  const postRaw = (body: string) =>
    fetch(`${base}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'the-secret-of-16-chars' },
      body,
    });
  const post = (body: unknown, secret = 'the-secret-of-16-chars') =>
    fetch(`${base}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
      body: JSON.stringify(body),
    });
  return { t, running, base, post, postRaw };
}

describe('webhook server', () => {
  it('serves /healthz and rejects a wrong secret token', async () => {
    const { t, running, base, post } = await startServer(0);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    expect((await post(textUpdate('Сколько врачей в Шымкенте?'), 'wrong')).status).toBe(401);
    expect((await fetch(`${base}/elsewhere`, { method: 'POST' })).status).toBe(404);
    await running.stop();
    expect(t.engine.calls).toHaveLength(0);
  });

  it('answers Telegram 200 before the answer is ready, keeps per-chat order, and drains on stop', async () => {
    const { t, running, post } = await startServer(300);
    const started = Date.now();
    const res = await post(textUpdate('Сколько врачей в Шымкенте?', { chatId: 5, userId: 5 }));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    expect(t.sentTexts()).toHaveLength(0);
    await post(textUpdate('Сколько жителей в Алматинской области?', { chatId: 5, userId: 5 }));

    await running.stop(); // waits for both answers in flight
    const replies = t.sentTexts();
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain('300 молодых врачей');
    expect(replies[1]).toContain('1,6 млн человек');
  });

  it('answers 400 to JSON that is not an update and 413 to a 5 MB body, and keeps serving', async () => {
    const { t, running, post, postRaw } = await startServer(0);
    for (const body of ['null', '42', '[]', '"x"', '{}', '{"update_id":"1"}', '{not json']) {
      expect((await postRaw(body)).status, body).toBe(400);
    }
    const huge = await postRaw(JSON.stringify({ update_id: 1, padding: 'x'.repeat(5 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    // Still alive and answering after all of it.
    expect((await post(textUpdate('Сколько врачей в Шымкенте?'))).status).toBe(200);
    await running.stop();
    expect(t.sentTexts().join('\n')).toContain('300 молодых врачей');
  });
});
