import { describe, expect, it } from 'vitest';
import { condenseFollowUp, findPlace, HeuristicCondenser, isFollowUp } from '../../src/conversation/follow-up.js';

const ex = (question: string) => ({ question, answer: 'Ответ [1].' });

describe('HeuristicCondenser', () => {
  it('replaces the place: "а в Шымкенте?"', async () => {
    const c = new HeuristicCondenser();
    expect(await c.condense('а в Шымкенте?', ex('Сколько жителей в Алматинской области?'))).toBe('Сколько жителей в Шымкенте?');
    expect(condenseFollowUp('А по Туркестанской области?', ex('Сколько школ построили в Алматы?'))).toBe(
      'Сколько школ построили по Туркестанской области?',
    );
  });

  it('adds the place when the previous question had none', () => {
    expect(condenseFollowUp('а в Шымкенте?', ex('Сколько врачей не хватает?'))).toBe('Сколько врачей не хватает в Шымкенте?');
  });

  it('keeps its own topic and takes the previous place: "а сколько там врачей?"', () => {
    expect(condenseFollowUp('а сколько там врачей?', ex('Какие проблемы с образованием в Алматы?'))).toBe(
      'Сколько врачей в Алматы?',
    );
  });

  it('swaps the question word and keeps the topic: "а когда?"', () => {
    const out = condenseFollowUp('а когда?', ex('Где построят новые школы в Шымкенте?'));
    expect(out).toBe('Когда построят новые школы в Шымкенте?');
  });

  it('brings in the previous topic for a pronoun follow-up', () => {
    const out = condenseFollowUp('а кто его назначил?', ex('Какой аким у Алматинской области?'));
    expect(out).toContain('назначил');
    expect(out).toContain('аким');
  });

  it('passes standalone questions unchanged, even with history', () => {
    const previous = ex('Сколько жителей в Алматинской области?');
    for (const q of [
      'Какие водохранилища обследует Министерство водных ресурсов?',
      'Кто аким Алматы?',
      'А какие меры принимает акимат Алматы по ремонту школ и больниц?',
    ]) {
      expect(isFollowUp(q)).toBe(false);
      expect(condenseFollowUp(q, previous)).toBe(q);
    }
  });

  it('passes everything unchanged without a previous exchange', () => {
    expect(condenseFollowUp('а в Шымкенте?', undefined)).toBe('а в Шымкенте?');
  });

  it('finds place phrases with a preposition and capitalised words', () => {
    expect(findPlace('Сколько жителей в Алматинской области?')).toBe('в Алматинской области');
    expect(findPlace('Новости по г. Шымкент')).toBe('по г. Шымкент');
    expect(findPlace('Сколько стоит проезд в автобусе?')).toBeNull();
  });
});
