import { describe, expect, it } from 'vitest';
import { regionTerms, requiredTerms } from '../../src/answer/evidence.js';
import { analyze } from '../../src/text/analyzer.js';

describe('the names a question requires', () => {
  it('takes capitalised words inside a sentence, not the first word of each sentence, nor who said it', () => {
    const required = requiredTerms('Алматы облысында Telegram-бот бар ма? Аты қалай?', new Set());
    expect([...required]).toEqual(analyze('Telegram-бот'));
    expect([...requiredTerms('Сколько медицинских организаций в Алматы по данным Минздрава?', new Set())]).toEqual(analyze('Алматы'));
    expect([...requiredTerms('Кто аким? Сколько лет Сатыбалды?', new Set())]).toEqual(analyze('Сатыбалды'));
  });

  it('takes every word of a name in quotes, but not a Kazakh question\'s (the news translates it)', () => {
    expect([...requiredTerms('Какой приз у конкурса «Трудовой путь»?', new Set())].sort()).toEqual(analyze('Трудовой путь').sort());
    expect([...requiredTerms('«Болашақ мектептері» бойынша неше мектеп салынды?', new Set())]).toEqual([]);
  });

  it('does not require the words of an aside that glosses the question for a person', () => {
    expect([...requiredTerms('Сколько в Алматы малого и среднего бизнеса, ну ИП и фирм?', new Set())]).toEqual(analyze('Алматы'));
    expect([...requiredTerms('Сколько откроют фронт-офисов полиции, типа как ЦОНы?', new Set())]).toEqual([]);
    // Nor who asks: "Я ИП из Усть-Каменогорска" introduces the asker.
    expect([...requiredTerms('Я ИП из Усть-Каменогорска, хочу на конкурс «Трудовой путь». Куда звонить?', new Set())].sort()).toEqual(analyze('Трудовой путь').sort());
    // Named in the question itself, the abbreviation stays required.
    expect([...requiredTerms('Сколько ИП в Алматы?', new Set())]).toEqual([...analyze('ИП'), ...analyze('Алматы')]);
  });
});

describe('abbreviations', () => {
  it('finds an abbreviation spelt out by the initials of a run of words, function words skipped', async () => {
    const { spellsOut } = await import('../../src/answer/acronyms.js');
    expect(spellsOut('ии', 'Учителя прошли обучение по технологиям искусственного интеллекта.')).toBe(true);
    expect(spellsOut('вко', 'Работодатели Восточно-Казахстанской области приглашены.')).toBe(true);
    expect(spellsOut('мчс', 'Министерство по чрезвычайным ситуациям сообщило.')).toBe(true);
    expect(spellsOut('ии', 'Учителя прошли обучение по новым технологиям.')).toBe(false);
  });
});

describe('a Kazakh phrase\'s translation', () => {
  it('counts in full when a sentence states all its words, not as one of them', async () => {
    const { coverage, queryTerms } = await import('../../src/answer/evidence.js');
    const { loadShippedThesaurus } = await import('../../src/retrieval/shipped-thesaurus.js');
    const { thesaurus } = await loadShippedThesaurus();
    const query = queryTerms('медициналық ұйымдар', { idf: () => 1 }, thesaurus);
    const both = coverage(query, new Set(analyze('418 медицинских организаций')));
    const one = coverage(query, new Set(analyze('418 организаций')));
    expect(both).toBeGreaterThanOrEqual(0.6);
    expect(one).toBeLessThan(0.35);
  });
});

describe('the words that name the filter\'s region', () => {
  it('are every mention of it, though the region is named twice ("под Астаной в Акмолинской области")', () => {
    const q = 'В какие сёла под Астаной в Акмолинской области проведут газ?';
    const terms = regionTerms(q);
    expect(terms.has(analyze('Астаной')[0] ?? '')).toBe(true);
    expect(terms.has(analyze('Акмолинской')[0] ?? '')).toBe(true);
    // So the name is no word the answer must repeat when the region filter holds it.
    expect([...requiredTerms(q, terms)]).toEqual([]);
  });
});
