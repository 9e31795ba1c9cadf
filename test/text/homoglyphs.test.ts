import { describe, expect, it } from 'vitest';
import { fixHomoglyphs } from '../../src/text/homoglyphs.js';
import { analyze } from '../../src/text/analyzer.js';

describe('Latin look-alikes inside Cyrillic words', () => {
  it('reads a Russian or Kazakh word with a Latin look-alike as Cyrillic', () => {
    // "Ильяc" with a Latin "c", "Aлматы" with a Latin "A", "бiлiмдi" with Latin "i" for the Kazakh "і".
    expect(fixHomoglyphs('заместитель акима Ильяc Усеров')).toBe('заместитель акима Ильяс Усеров');
    expect(fixHomoglyphs('Aлматы')).toBe('Алматы');
    expect(fixHomoglyphs('бiлiмдi мұғалім')).toBe('білімді мұғалім');
    expect(analyze(fixHomoglyphs('Aлматы'))).toEqual(analyze('Алматы'));
  });

  it('leaves Latin words, mixed names with letters that have no look-alike, and clean text alone', () => {
    expect(fixHomoglyphs('рейтинг BBB+ от Fitch, Telegram-бот, IT-парк')).toBe('рейтинг BBB+ от Fitch, Telegram-бот, IT-парк');
    expect(fixHomoglyphs('iPhoneы')).toBe('iPhoneы');
    const clean = 'Строительство завершено на 20%.';
    expect(fixHomoglyphs(clean)).toBe(clean);
  });
});
