import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { resolveFilters } from '../../src/engine/local-engine.js';
import { UnusableQuestionError } from '../../src/engine/question.js';
import { seedEngine } from '../helpers/seed-engine.js';

let engine: LocalEngine;

beforeAll(async () => {
  ({ engine } = await seedEngine());
});

const markers = (text: string) => [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));

describe('answer engine on the seed corpus (built-in embedder)', () => {
  it('answers a "сколько" question with the number, a marker per sentence and a linked source', async () => {
    const a = await engine.ask('Сколько сельских округов в Алматинской области?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('131');
    expect(a.answer.length).toBeLessThanOrEqual(600);
    for (const sentence of a.answer.split(/(?<=\])\s+/)) expect(sentence).toMatch(/\[\d+\]$/);
    for (const n of markers(a.answer)) expect(a.citations.find((c) => c.n === n)).toBeDefined();
    expect(a.citations[0]!.quote).toContain('131');
    expect(a.filters.regions).toEqual(['almaty-region']);
  });

  it('cites the original article URL for listing-page news', async () => {
    const a = await engine.ask('Какой кредитный рейтинг Fitch присвоило Алматы?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.url).toMatch(/^https:\/\/www\.gov\.kz\/.*32245/);
    expect(a.citations[0]!.date).toBe('2025-04-14');
  });

  it('finds a paraphrase: "медиков" where the article says "специалистов"/"врачей"', async () => {
    const a = await engine.ask('Какая нехватка медиков в Алматы?');
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/1,1 тыс|400 врачей/);
  });

  it('answers a Kazakh question from a Russian article', async () => {
    const a = await engine.ask('Алматы облысында қанша адам тұрады?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('1,6 млн');
  });

  it('says "не нашёл" with suggestions for a question the news base cannot answer', async () => {
    const a = await engine.ask('Какой курс доллара к тенге на сегодня?');
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/Не нашёл/);
    expect(a.citations).toEqual([]);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('narrows by a region named in the question and says so when nothing matches', async () => {
    const a = await engine.ask('Что построят в Шымкенте в апреле 2025 года?');
    expect(a.filters).toMatchObject({ regions: ['shymkent'], dateFrom: '2025-04-01', dateTo: '2025-04-30' });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain('Шымкент');
    expect(a.answer).toContain('2025-04-01');
    for (const p of a.passages) expect(p.chunk.regions).toContain('shymkent');
  });

  it('applies an explicit region filter unless the question names another region', async () => {
    expect(resolveFilters('Что строят?', { regions: ['akmola'] })).toEqual({ regions: ['akmola'] });
    expect(resolveFilters('А в Шымкенте?', { regions: ['akmola'] })).toEqual({ regions: ['shymkent'] });
    const a = await engine.ask('Что строят?', { regions: ['akmola'] });
    for (const p of a.passages) expect(p.chunk.regions).toContain('akmola');
  });

  it('collapses near-duplicate reservoir reports in the passages', async () => {
    const a = await engine.ask('Сколько воды сбрасывается из Астанинского водохранилища?');
    const texts = a.passages.map((p) => p.chunk.text.slice(0, 120));
    expect(new Set(texts).size).toBe(texts.length);
    expect(a.passages.length).toBeLessThanOrEqual(10);
  });

  it('finds a quoted project name', async () => {
    const a = await engine.ask('Где работает проект «Школа акимов»?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Конаев');
  });

  it('answers a question wrapped in a script tag exactly as without it', async () => {
    const question = 'Сколько сельских округов в Алматинской области?';
    const plain = await engine.ask(question);
    const dressed = await engine.ask(`<script>alert(1)</script> ${question}`);
    expect(plain.answered).toBe(true);
    expect(dressed.answer).toBe(plain.answer);
  });

  it('rejects unusable questions with a typed error', async () => {
    await expect(engine.ask('   ')).rejects.toBeInstanceOf(UnusableQuestionError);
    await expect(engine.ask('🙂🙂')).rejects.toBeInstanceOf(UnusableQuestionError);
  });

  it('survives a huge question full of HTML characters', async () => {
    const a = await engine.ask(`<b>Сколько</b> & «врачей» не хватает в Алматы? ${'<i>текст</i> '.repeat(2000)}`);
    expect(typeof a.answered).toBe('boolean');
  });

  it('reports corpus stats, latest articles and regions', () => {
    const stats = engine.stats();
    expect(stats.articles).toBe(24);
    expect(stats.sources[0]).toEqual({ source: 'Enbekshi QazaQ', articles: 20 });
    expect(stats.dateTo).toBe('2025-12-23');
    const latest = engine.latest(5);
    expect(latest).toHaveLength(5);
    expect(latest[0]!.date).toBe('2025-12-23');
    expect(engine.regions().map((r) => r.id)).toContain('akmola');
  });
});
