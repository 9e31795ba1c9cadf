import { describe, expect, it } from 'vitest';
import { filterSynonyms, frontCode, parseAffixes, parseDictionary, parseMythes } from '../../scripts/build-lexicon.js';
import { parseKazakhStems } from '../../src/text/lexicon.js';

describe('build-lexicon: mythes-ru conversion', () => {
  it('keeps single-word synonyms of headwords with few senses and drops the rest by the documented rules', () => {
    const dat = [
      'UTF-8',
      'зарплата|2',
      '(синоним)|жалованье|заработок|оплата труда',
      '(антоним)|бесплатность',
      'глава|4',
      '(синоним)|начальник',
      '(синоним)|раздел',
      '(синоним)|голова',
      '(синоним)|руководитель',
      'Ёлка|1',
      '(синоним)|ель',
      '',
    ].join('\n');
    const result = filterSynonyms(parseMythes(dat));
    // "оплата труда" is two words, "бесплатность" an antonym; "глава" has more than 3 senses.
    expect(result.get('зарплата')).toEqual(['жалованье', 'заработок']);
    expect(result.has('глава')).toBe(false);
    // ё is read as е on both sides.
    expect(result.get('елка')).toEqual(['ель']);
  });

  it('drops a synonym that appears under too many headwords (generic)', () => {
    const lines = ['UTF-8'];
    for (let i = 0; i < 16; i++) lines.push(`слово${'а'.repeat(i + 1)}|1`, '(синоним)|занятие|особенный');
    lines.push('работа|1', '(синоним)|занятие|труд');
    const result = filterSynonyms(parseMythes(lines.join('\n')));
    expect([...result.values()].flat()).not.toContain('занятие');
    expect(result.get('работа')).toEqual(['труд']);
  });
});

describe('build-lexicon: hunspell-kk conversion', () => {
  it('turns SFX rules into rows with harmony, allowed final letters and the letters to restore', () => {
    const aff = ['SET UTF-8', 'SFX A N 3', 'SFX A 0 лар [аоуұыэ]р', 'SFX A 0 лер [әеёиөүіюя]р', 'SFX B N 1', 'SFX B к гім [әеёиөүіюя]к'].join('\n');
    const rows = parseAffixes(aff);
    expect(rows).toContainEqual({ slot: 'plural', suffix: 'лар', restore: '', harmony: 'back', after: 'р', flags: 'A' });
    expect(rows).toContainEqual({ slot: 'plural', suffix: 'лер', restore: '', harmony: 'front', after: 'р', flags: 'A' });
    expect(rows).toContainEqual({ slot: 'possessive', suffix: 'гім', restore: 'к', harmony: 'front', after: '', flags: 'B' });
  });

  it('front-codes the word list so that the loader reads back the same words', () => {
    const words = parseDictionary('4\nаудан/AB\nаула\nМектеп/A\nмектеп\n');
    expect(words).toEqual(['аудан', 'аула', 'мектеп']);
    expect(parseKazakhStems(frontCode(words).join('\n'))).toEqual(new Set(words));
  });
});
