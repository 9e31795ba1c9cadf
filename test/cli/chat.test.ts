import { describe, expect, it } from 'vitest';
import { runChat } from '../../src/cli/chat-session.js';
import { FakeEngine } from '../bot/fake-engine.js';

async function* linesOf(...lines: string[]): AsyncIterable<string> {
  yield* lines;
}

async function chat(...lines: string[]): Promise<{ out: string; engine: FakeEngine }> {
  const engine = new FakeEngine();
  let out = '';
  await runChat(linesOf(...lines), (text) => (out += text), engine);
  return { out, engine };
}

describe('npm run chat', () => {
  it('answers with sources and resolves a follow-up against the previous exchange', async () => {
    const { out, engine } = await chat('Сколько врачей в Шымкенте?', 'а в Алматы?', '/quit', 'never read');
    expect(out).toContain('300 молодых врачей');
    expect(out).toContain('[1] В Шымкенте стало больше врачей');
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1]?.options?.history?.question).toBe('Сколько врачей в Шымкенте?');
  });

  it('replies to small talk without a search and keeps the follow-up chain across it', async () => {
    const { out, engine } = await chat('привет', 'Сколько жителей в Алматинской области?', 'спасибо', 'а в Шымкенте?', 'а сколько там врачей?');
    expect(out).toContain('Здравствуйте!');
    expect(out).toContain('Пожалуйста!');
    expect(engine.calls.map((c) => c.question)).toEqual(['Сколько жителей в Алматинской области?', 'а в Шымкенте?', 'а сколько там врачей?']);
    expect(engine.calls[2]?.options?.history?.question).toBe('Сколько жителей в Шымкенте?');
    expect(out).toContain('300 молодых врачей');
  });

  it('lists the latest articles with their links for "что нового?", without a search', async () => {
    const { out, engine } = await chat('Что нового?');
    expect(out).toContain('Последние материалы:');
    expect(out).toContain('https://example.kz/almaty-schools?id=1&lang=ru');
    expect(engine.calls).toHaveLength(0);
  });

  it('narrows by /region, refuses a question without words, and names an unknown region', async () => {
    const { out, engine } = await chat('/region shymkent', 'Сколько врачей?', '?!', '/region mars');
    expect(out).toContain('Ищу только по региону «Шымкент»');
    expect(engine.calls[0]?.options?.regions).toEqual(['shymkent']);
    expect(out).toContain('В вопросе нет слов');
    expect(out).toContain('Нет такого региона');
  });
});
