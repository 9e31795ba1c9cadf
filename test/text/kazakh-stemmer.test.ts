import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKazakhStemmer } from '../../src/text/kazakh-stemmer.js';
import { parseKazakhAffixes, parseKazakhStems, type KazakhAffix } from '../../src/text/lexicon.js';

const affixes = parseKazakhAffixes(readFileSync('data/lexicon/kk-affixes.tsv', 'utf8'));
const stems = parseKazakhStems(readFileSync('data/lexicon/kk-stems.tsv', 'utf8'));
const stem = createKazakhStemmer(affixes, { stems });
const greedy = createKazakhStemmer(affixes);

describe('Kazakh stemmer (hunspell-kk endings + word list)', () => {
  it.each([
    ['мектептерде', 'мектеп'], // plural + locative
    ['әкімдігінің', 'әкім'], // -дік office + possessive + genitive, к/г alternation
    ['аудандарында', 'аудан'], // plural + possessive + locative after a possessive (-нда)
    ['облыстың', 'облыс'], // genitive after a voiceless consonant
    ['салынады', 'сал'], // present tense + passive
    ['мектебінде', 'мектеп'], // п/б alternation
    ['дәрігерлерге', 'дәрігер'],
    ['тұрғындарға', 'тұрғын'],
    ['жүргізілетін', 'жүр'], // participle + passive + causative
    ['оқушылардың', 'оқу'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('joins every form of a word on one stem', () => {
    const forms = ['облыс', 'облысы', 'облысында', 'облыстың', 'облыстар', 'облыстарда', 'облысқа'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['облыс']));
    expect(new Set(['аудан', 'ауданы', 'ауданда', 'аудандар'].map(stem))).toEqual(new Set(['аудан']));
    // A word whose last consonant voices before a vowel ending ("салығы") keeps its own voiceless end in every form.
    expect(new Set(['салық', 'салығы', 'салықтың', 'салықтар'].map(stem))).toEqual(new Set(['салық']));
  });

  it('peels the endings of a loan that ends in two consonants, which follow no vowel harmony ("банктер", "субъектілері")', () => {
    expect(stem('банктердің')).toBe('банк');
    expect(stem('субъектілері')).toBe('субъект');
    expect(stem('пункттері')).toBe('пункт');
  });

  it('finds a two-letter root behind a long ending, but not in a longer word it knows ("елдегі" → "ел"; "аудан" stays)', () => {
    expect(stem('елдегі')).toBe('ел');
    expect(stem('аудандағы')).toBe('аудан');
    expect(stem("аудан")).toBe("аудан");
    expect(stem('алды')).not.toBe('ал');
  });

  it('leaves dictionary words that only look inflected alone', () => {
    for (const word of ['мектеп', 'әкім', 'аудан', 'құрылыс', 'облыс', 'аурухана', 'балабақша']) expect(stem(word)).toBe(word);
  });

  it('keeps names and loans it cannot find in the dictionary on a stable stem', () => {
    expect(stem('көкшетауда')).toBe(stem('көкшетау'));
    expect(stem('шымкентте')).toBe('шымкент');
    expect(stem('президенттің')).toBe('президент');
  });

  it('without the word list still peels the longest endings in order', () => {
    expect(greedy('мектептерде')).toBe('мектеп');
    expect(greedy('аудандарында')).toBe('аудан');
    expect(greedy('салынады')).toBe('сал');
  });

  it('respects vowel harmony and the minimum stem length', () => {
    // -ға is a back-vowel ending: a front-vowel word does not lose it.
    expect(greedy('мектепға')).toBe('мектепға');
    expect(greedy('балаға')).toBe('бала');
    // "су" + "ы" would leave two letters.
    expect(greedy('суы')).toBe('суы');
    const strict = createKazakhStemmer(affixes, { minStem: 5 });
    expect(strict('жолдар')).toBe('жолдар');
  });

  it('works from any ending table with the same shape', () => {
    const table: KazakhAffix[] = [
      { slot: 'plural', suffix: 'лар', restore: '', harmony: 'back', after: '', flags: 'test' },
      { slot: 'case', suffix: 'да', restore: '', harmony: 'back', after: '', flags: 'test' },
    ];
    const tiny = createKazakhStemmer(table);
    expect(tiny('балаларда')).toBe('бала');
    expect(tiny('балалар')).toBe('бала');
  });
});
