import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { parseTextFile } from '../../src/corpus/parse-text.js';
import { chunkArticle, chunkArticles } from '../../src/index/chunker.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A sentence of exactly n words, numbered so every sentence is distinct. */
const sentence = (n: number, tag: string) => `Предложение ${tag} ${Array.from({ length: n - 3 }, () => 'слово').join(' ')} конец.`;

const article = (text: string, extra: Partial<Article> = {}): Article => ({
  id: '0123456789abcdef',
  title: 'Заголовок',
  date: '2025-04-15',
  url: 'https://gov.kz/news/1',
  source: 'Enbekshi QazaQ',
  language: 'ru',
  regions: ['astana'],
  text,
  file: 'news.txt',
  ...extra,
});

const seed = (file: string) => parseTextFile(file, readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')).articles;

describe('chunkArticle', () => {
  it('keeps a short article in one chunk with the article metadata', () => {
    const chunks = chunkArticle(article('В Шымкенте открыли парк. Парк большой.'));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({
      articleId: '0123456789abcdef',
      ordinal: 0,
      text: 'В Шымкенте открыли парк. Парк большой.',
      title: 'Заголовок',
      date: '2025-04-15',
      url: 'https://gov.kz/news/1',
      source: 'Enbekshi QazaQ',
      file: 'news.txt',
      language: 'ru',
      regions: ['astana', 'shymkent'],
    });
    expect(chunks[0]?.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('packs whole sentences up to maxWords, repeating one sentence of overlap', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => sentence(40, `n${i}`));
    const chunks = chunkArticle(article(sentences.join(' ')));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(words(chunk.text)).toBeLessThanOrEqual(200);
      expect(chunk.text.endsWith('конец.')).toBe(true);
    }
    for (let i = 1; i < chunks.length; i++) {
      const previousLast = chunks[i - 1]?.text.match(/Предложение n\d+/g)?.at(-1);
      expect(chunks[i]?.text.startsWith(`${previousLast} `)).toBe(true);
    }
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    // Every sentence is in some chunk.
    for (const s of sentences) expect(chunks.some((c) => c.text.includes(s))).toBe(true);
  });

  it('closes a chunk at a paragraph border once it has minWords', () => {
    const paragraphs = Array.from({ length: 4 }, (_, p) => [sentence(30, `p${p}a`), sentence(30, `p${p}b`), sentence(30, `p${p}c`)].join(' '));
    const chunks = chunkArticle(article(paragraphs.join('\n\n')), { overlapSentences: 0 });
    expect(chunks.map((c) => c.text)).toEqual(paragraphs);
  });

  it('can do without overlap and honours custom sizes', () => {
    const text = Array.from({ length: 10 }, (_, i) => sentence(10, `n${i}`)).join(' ');
    const chunks = chunkArticle(article(text), { minWords: 20, maxWords: 30, overlapSentences: 0 });
    expect(chunks.map((c) => words(c.text))).toEqual([30, 30, 30, 10]);
  });

  it('never splits a long sentence unless it exceeds twice maxWords, then cuts at word borders', () => {
    const long = sentence(300, 'long');
    const chunks = chunkArticle(article(`${sentence(20, 'a')} ${long} ${sentence(20, 'b')}`));
    expect(chunks.map((c) => c.text)).toContain(long);

    const runOn = sentence(1000, 'runon');
    const pieces = chunkArticle(article(runOn), { overlapSentences: 0 });
    expect(pieces.length).toBe(5);
    for (const piece of pieces) expect(words(piece.text)).toBeLessThanOrEqual(200);
    expect(pieces.map((p) => p.text).join(' ')).toBe(runOn);
  });

  it('rejects impossible options with a message that names them', () => {
    expect(() => chunkArticle(article('Текст.'), { minWords: 300, maxWords: 200 })).toThrow(/^chunker: invalid options/);
  });

  it('gives stable ids that depend on the article and the text', () => {
    const a = chunkArticle(article('Текст о школах.'));
    expect(chunkArticle(article('Текст о школах.'))[0]?.id).toBe(a[0]?.id);
    expect(chunkArticle(article('Текст о школах.', { id: 'fedcba9876543210' }))[0]?.id).not.toBe(a[0]?.id);
  });

  it('detects language and regions per chunk', () => {
    const kk = Array.from({ length: 6 }, () => 'Алматы қаласында жаңа мектептер салынып, мұғалімдерге қолдау көрсетіледі.').join(' ');
    const ru = Array.from({ length: 6 }, () => 'В Караганде построят новые школы и поддержат учителей города.').join(' ');
    const chunks = chunkArticle(article(`${kk}\n\n${ru}`, { regions: [] }), { minWords: 20, maxWords: 60, overlapSentences: 0 });
    expect(chunks.map((c) => [c.language, c.regions])).toEqual([
      ['kk', ['almaty']],
      ['ru', ['karaganda']],
    ]);
  });
});

describe('chunking the seed corpus', () => {
  it('turns the 26,000-character speech line of the listing page into many bilingual chunks', () => {
    const speech = seed('001_2ceeaa1a4b51d2ca.txt').find((a) => a.title.startsWith('Текст выступления акима'));
    const chunks = chunkArticle(speech as Article);
    expect(chunks.length).toBeGreaterThan(15);
    for (const c of chunks) {
      expect(words(c.text)).toBeGreaterThanOrEqual(40);
      expect(words(c.text)).toBeLessThanOrEqual(200);
    }
    const languages = new Set(chunks.map((c) => c.language));
    expect(languages.has('kk')).toBe(true);
    expect(languages.has('ru')).toBe(true);
    // Glued sentences come apart: "…сделать?Первое.Учитель" reads as separate sentences.
    expect(chunks.some((c) => c.text.includes('должны сделать? Первое. Учитель'))).toBe(true);
  });

  it('chunks the long bilingual article along its paragraphs', () => {
    const [long] = seed('003_6e8133328d1408e1.txt');
    const chunks = chunkArticles([long as Article]);
    expect(chunks.length).toBeGreaterThan(20);
    // Russian subtitle, the Kazakh opening of the speech, a transition, then Russian to the end.
    expect(chunks.slice(0, 3).map((c) => c.language)).toEqual(['mixed', 'kk', 'mixed']);
    expect(chunks.slice(3).every((c) => c.language === 'ru')).toBe(true);
    for (const c of chunks.slice(0, -1)) expect(words(c.text)).toBeGreaterThanOrEqual(80);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });
});
