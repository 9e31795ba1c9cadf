import { describe, expect, it } from 'vitest';
import { loadRussianDictionary } from '../../src/text/russian-dictionary.js';

describe('Russian dictionary guard of the spelling corrector', () => {
  it('knows inflected Russian words and not typos, chat spellings or Kazakh words', async () => {
    const dictionary = await loadRussianDictionary();
    for (const word of ['научились', 'снесут', 'операция', 'садиков', 'достроят']) expect(dictionary.knows(word), word).toBe(true);
    for (const word of ['студетов', 'нехватает', 'газификацыя', 'облысында', 'crjkmrj']) expect(dictionary.knows(word), word).toBe(false);
  });

  it('finds the dictionary word one typo away, and nothing for known words, Kazakh or Latin', async () => {
    const dictionary = await loadRussianDictionary();
    expect(dictionary.nearest('склько')).toBe('сколько');
    expect(dictionary.nearest('агенттсво')).toBe('агентство');
    expect(dictionary.nearest('студетов')).toBe('студентов');
    for (const word of ['школа', 'облысында', 'crjkmrj']) expect(dictionary.nearest(word), word).toBeUndefined();
  });
});
