/**
 * The conversations of issue 9 through the real bot and the real engine (LocalEngine over the shipped
 * data/, built-in embedder): what a citizen typing these messages would see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import type { AskOptions } from '../../src/engine/engine.js';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { sharedSeedEngine } from '../helpers/seed-engine.js';
import { createTestBot, textUpdate } from './harness.js';

/** The real engine, recording what the bot asked it. */
class RecordingEngine {
  readonly asked: Array<{ question: string; history: AskOptions['history']; answer: Answer }> = [];
  constructor(readonly inner: LocalEngine) {}
  async ask(question: string, options?: AskOptions): Promise<Answer> {
    const answer = await this.inner.ask(question, options);
    this.asked.push({ question, history: options?.history, answer });
    return answer;
  }
  stats = () => this.inner.stats();
  latest = (count: number) => this.inner.latest(count);
  regions = () => this.inner.regions();
  reindex = () => this.inner.reindex();
}

let local: LocalEngine;

beforeAll(async () => {
  ({ engine: local } = await sharedSeedEngine());
}, 60_000);

describe('the bot on the real engine', () => {
  it.each([
    ['привет', /^Здравствуйте!/],
    ['что ты умеешь?', /^Я отвечаю на вопросы по новостям/],
    ['спасибо', /^Пожалуйста!/],
  ])('%j gets a small-talk reply, not a search', async (message, start) => {
    const engine = new RecordingEngine(local);
    const t = await createTestBot({ engine });
    await t.send(textUpdate(message));
    const reply = t.sentTexts().at(-1)!;
    expect(reply).toMatch(start);
    expect(reply).not.toMatch(/Не нашёл|\[1\]/);
    expect(engine.asked).toHaveLength(0);
  });

  it('«а в Шымкенте?» after Almaty\'s doctors does not repeat Almaty\'s figure; a third turn builds on the second', async () => {
    const engine = new RecordingEngine(local);
    const t = await createTestBot({ engine });
    await t.send(textUpdate('Сколько врачей не хватает в Алматы?'));
    expect(t.sentTexts().at(-1)).toContain('1,1 тыс');

    await t.send(textUpdate('а в Шымкенте?'));
    const second = t.sentTexts().at(-1)!;
    expect(second).not.toContain('1,1 тыс');
    expect(second).not.toContain('400 врачей');
    expect(engine.asked[1]!.history?.question).toBe('Сколько врачей не хватает в Алматы?');

    await t.send(textUpdate('а сколько там педагогов?'));
    expect(engine.asked[2]!.history?.question).toBe('Сколько врачей не хватает в Шымкенте?');
    expect(engine.asked[2]!.answer.standalone).toBe('Сколько педагогов не хватает в Шымкенте?');
  });

  it('answers a 1500-character message by the question at its end', async () => {
    const engine = new RecordingEngine(local);
    const t = await createTestBot({ engine });
    const story = 'Моя мама ждёт приёма у терапевта третью неделю, в регистратуре говорят, что врачей не хватает. '.repeat(16);
    const message = `Здравствуйте! ${story}Сколько врачей не хватает в Алматы?`;
    expect(message.length).toBeGreaterThanOrEqual(1500);
    await t.send(textUpdate(message));
    const reply = t.sentTexts().at(-1)!;
    expect(reply).toContain('«Сколько врачей не хватает в Алматы?»');
    expect(reply).toContain('1,1 тыс');
  });
});
