import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { stemRussian } from '../../src/text/russian-stemmer.js';
import { tokenize } from '../../src/text/analyzer.js';

// The stems every index so far was built with: a faster stemmer must not move a single term.
const reference = snowball.newStemmer('russian');

const seedWords = [
  ...new Set(
    readdirSync('data')
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => tokenize(readFileSync(path.join('data', f), 'utf8')))
      .filter((w) => /[а-я]/.test(w)),
  ),
];

/** New forms as a growing archive makes them (and bench/lexicon.ts generates): one word's start, another's end. */
function recombined(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const a = seedWords[Math.floor(next() * seedWords.length)] ?? '';
    const b = seedWords[Math.floor(next() * seedWords.length)] ?? '';
    return a.slice(0, 1 + Math.floor(next() * a.length)) + b.slice(Math.floor(next() * b.length));
  });
}

const mismatches = (words: readonly string[]) => words.filter((w) => stemRussian(w) !== reference.stem(w));

describe('stemRussian', () => {
  it('gives the stems of snowball-stemmers for the seed corpus words', () => {
    expect(seedWords.length).toBeGreaterThan(4_000);
    expect(mismatches(seedWords)).toEqual([]);
  });

  it('gives the same stems for new word forms, hyphenated words, digits and Latin letters inside', () => {
    const odd = ['covid-19-го', 'ковид-19', 'нур-султане', 'из-за', 'экс-акима', 'x5-ритейл', 'бобров’ым', 'ии', 'в'];
    expect(mismatches([...recombined(20_000), ...odd])).toEqual([]);
  });

  it('keeps the older stems of words with «ё» and capitals, which the newer Snowball reads differently', () => {
    const words = ['объёмы', 'ёлки', 'пошёл', 'Москвы', 'МОСКВЫ', 'Ёжик', 'Астане'];
    expect(words.map(stemRussian)).toEqual(words.map((w) => reference.stem(w)));
    expect(stemRussian('объёмы')).toBe('объём');
  });
});
