import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { charChunks, MiniSearchBaseline } from '../../bench/baselines/minisearch.js';

const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

const article = (id: string, title: string, text: string): Article => ({
  id,
  title,
  date: '2025-04-15',
  url: null,
  source: 'test',
  language: 'ru',
  regions: [],
  text,
  file: 'test.txt',
});

describe('charChunks', () => {
  const text = words(600, 'слово');

  it('cuts windows of at most 1000 characters on word borders, covering every word', () => {
    const chunks = charChunks(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1000);
    const all = new Set(chunks.flatMap((c) => c.split(' ')));
    for (const w of text.split(' ')) expect(all.has(w)).toBe(true);
  });

  it('repeats about 200 characters of each window at the start of the next', () => {
    const [first, second] = charChunks(text);
    let shared = 0;
    for (let n = 1; n <= Math.min(first!.length, second!.length); n++) if (second!.startsWith(first!.slice(-n))) shared = n;
    expect(shared).toBeGreaterThan(180);
    expect(shared).toBeLessThanOrEqual(200);
  });

  it('keeps a short text whole and rejects an overlap as large as the window', () => {
    expect(charChunks('Короткий текст.')).toEqual(['Короткий текст.']);
    expect(() => charChunks(text, 200, 200)).toThrow('200/200');
  });
});

describe('MiniSearchBaseline', () => {
  it('finds the article with the exact word form and maps its windows back to it', () => {
    const baseline = MiniSearchBaseline.build([
      article('a1', 'Водохранилища', `Обследование водохранилища провели весной. ${words(300, 'x')}`),
      article('a2', 'Спорт', 'В Алматы прошла спартакиада школьников.'),
    ]);
    const [top] = baseline.retrieve('спартакиада', 5);
    expect(top?.chunk.articleId).toBe('a2');
    expect(top?.chunk.title).toBe('Спорт');
  });

  it('does not stem: another inflection of the word is not found', () => {
    const baseline = MiniSearchBaseline.build([article('a2', 'Спорт', 'В Алматы прошла спартакиада школьников.')]);
    expect(baseline.retrieve('спартакиаду', 5)).toEqual([]);
  });
});
