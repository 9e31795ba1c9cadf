import { beforeAll, describe, expect, it } from 'vitest';
import { lastExchange } from '../../src/bot/session.js';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { sharedSeedEngine } from '../helpers/seed-engine.js';

/**
 * A chat goes on in the article it was just told about: a follow-up the search refuses is read again in the articles
 * the previous answer cited (the exchange the bot keeps), and answered there only with the asked kind of fact.
 */
let engine: LocalEngine;

beforeAll(async () => {
  ({ engine } = await sharedSeedEngine());
});

describe('a follow-up read in the previous answer\'s articles', () => {
  it('answers the next figure of the same article ("а рабочих мест сколько?" after the small businesses)', async () => {
    const first = await engine.ask('Сколько субъектов МСБ в Алматы?');
    expect(first.answer).toContain('185 тыс');
    expect(lastExchange(first).sources).toEqual([...new Set(first.citations.map((c) => c.articleId))]);
    const second = await engine.ask('а налогов какую долю они дают?', { history: lastExchange(first) });
    expect(second.answer).toContain('64%');
    const third = await engine.ask('а рабочих мест сколько?', { history: lastExchange(second) });
    expect(third.answered).toBe(true);
    expect(third.answer).toContain('600 тыс');
    expect(third.citations[0]?.articleId).toBe(first.citations[0]?.articleId);
  });

  it('drops a Kazakh question phrase of the last turn ("қай жылға дейін") and finds the new count in its article', async () => {
    const first = await engine.ask('Бурабайды дамыту кешенді жоспары қай жылға дейін бекітілді?');
    expect(first.answer).toContain('2029');
    const second = await engine.ask('а сколько смотровых площадок откроют?', { history: lastExchange(first) });
    expect(second.standalone).not.toMatch(/қай жылға/);
    expect(second.answered).toBe(true);
    expect(second.answer).toContain('девять смотровых площадок');
  });

  it('still refuses what the article does not state, without repeating the last figure', async () => {
    const first = await engine.ask('Бурабайдағы туризмге былтыр қанша инвестиция салынды?');
    expect(first.answer).toContain('29,5');
    const second = await engine.ask('а туристов сколько приехало в прошлом году?', { history: lastExchange(first) });
    expect(second.answered).toBe(false);
    expect(second.answer).not.toContain('29,5');
    const doctors = await engine.ask('Сколько врачей не хватает в Алматы?');
    expect(doctors.answer).toContain('1,1 тыс');
    const elsewhere = await engine.ask('а в Шымкенте?', { history: lastExchange(doctors) });
    expect(elsewhere.answered).toBe(false);
    expect(elsewhere.answer).not.toContain('1,1 тыс');
  });

  it('keeps no sources for a refusal', async () => {
    const refused = await engine.ask('Какая погода завтра в Караганде?');
    expect(refused.answered).toBe(false);
    expect(lastExchange(refused).sources).toBeUndefined();
  });
});
