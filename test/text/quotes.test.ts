import { describe, expect, it } from 'vitest';
import { quotedTexts, withoutQuoted } from '../../src/text/quotes.js';

describe('quoted text', () => {
  it('reads every kind of quote mark, mixed ones too, within the asked length', () => {
    expect(quotedTexts('Когда откроют «Школу акимов» и "TilOquBot"?')).toEqual(['Школу акимов', 'TilOquBot']);
    expect(quotedTexts('программа «Нұрлы жер" и „Daryn AI“')).toEqual(['Нұрлы жер', 'Daryn AI']);
    expect(quotedTexts('«ИИ» и «Школа акимов»', 3, 80)).toEqual(['Школа акимов']);
  });

  it('blanks the quoted spans with their marks', () => {
    expect(withoutQuoted('Что такое «Нұрлы жер»?')).toBe('Что такое  ?');
  });
});
