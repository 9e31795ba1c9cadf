import { expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/bm25.js';
import { TermDictionary } from '../../src/index/term-dictionary.js';

it('finds every loaded term by its UTF-8 bytes, nothing else, and numbers added terms after them', () => {
  const terms = ['школ', 'алматы', 'é', 'x', 'мектеп', 'ұлттық', '2025'];
  const dictionary = new TermDictionary(Buffer.from(terms.join('\n')), terms.length);
  terms.forEach((term, id) => {
    expect(dictionary.get(term)).toBe(id);
    expect(dictionary.term(id)).toBe(term);
  });
  for (const absent of ['шко', 'школы', '', 'алматы ', 'X']) expect(dictionary.get(absent)).toBeUndefined();
  expect(dictionary.add('больниц')).toBe(terms.length);
  expect(dictionary.get('больниц')).toBe(terms.length);
  expect(dictionary.term(terms.length)).toBe('больниц');
  expect(() => new TermDictionary(Buffer.from('a\nb'), 3)).toThrow(/vocabulary has 2 terms, expected 3/);
});

it('a loaded index serves its terms and takes new ones, and saves what a fresh index would', () => {
  const built = new Bm25Index();
  built.add(0, ['школ', 'алматы']);
  built.add(1, ['больниц', 'тараз']);
  const loaded = Bm25Index.decode(built.encode());
  expect(loaded.search(['тараз'], 5).map((h) => h.label)).toEqual([1]);
  loaded.add(2, ['поликлиник', 'школ']);
  built.add(2, ['поликлиник', 'школ']);
  expect(loaded.search(['поликлиник'], 5).map((h) => h.label)).toEqual([2]);
  expect(Buffer.from(loaded.encode()).equals(Buffer.from(built.encode()))).toBe(true);
});

it('keeps finding added terms as its arena and tables grow, long ones too, and lists them as a vocabulary', () => {
  const dictionary = new TermDictionary();
  const terms = Array.from({ length: 20_000 }, (_, i) => (i % 997 === 0 ? 'ұзын'.repeat(40) + i : `сөз${i}`));
  terms.forEach((term, id) => expect(dictionary.add(term)).toBe(id));
  expect(terms.every((term, id) => dictionary.get(term) === id && dictionary.term(id) === term)).toBe(true);
  expect(dictionary.get('сөз20000')).toBeUndefined();
  expect(dictionary.addedVocabulary().toString('utf8')).toBe(terms.join('\n'));
});
