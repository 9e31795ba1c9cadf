import { describe, expect, it } from 'vitest';
import { loadRussianDictionary } from '../../src/text/russian-dictionary.js';

describe('Russian dictionary guard of the spelling corrector', () => {
  it('knows inflected Russian words and not typos, chat spellings or Kazakh words', async () => {
    const known = await loadRussianDictionary();
    for (const word of ['научились', 'снесут', 'операция', 'садиков', 'достроят']) expect(known(word), word).toBe(true);
    for (const word of ['студетов', 'нехватает', 'газификацыя', 'облысында', 'crjkmrj']) expect(known(word), word).toBe(false);
  });
});
