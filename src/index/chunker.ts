import type { Article } from '../corpus/article.js';
import { contentHash } from '../corpus/hash.js';
import { detectLanguage } from '../corpus/language.js';
import { detectRegions } from '../corpus/regions.js';
import { codeUnitTest } from '../text/code-units.js';
import { splitSentences } from '../text/sentences.js';
import type { Chunk } from './chunk.js';

/**
 * Article → passages of whole sentences, roughly minWords–maxWords long, each repeating the last
 * sentence(s) of the previous one so a fact split across a border is still found with its context.
 * A chunk closes early at a paragraph border once it has minWords. Only a sentence longer than
 * 2×maxWords (a run-on from a scraped page) is cut, at word borders.
 */

/** Bump when chunk borders or metadata may change for the same article: indexes then rebuild. */
export const CHUNKER_VERSION = 3;

export interface ChunkOptions {
  minWords?: number;
  maxWords?: number;
  overlapSentences?: number;
}

const DEFAULTS: Required<ChunkOptions> = { minWords: 80, maxWords: 200, overlapSentences: 1 };

interface Unit {
  text: string;
  words: number;
  paragraph: number;
}

export function chunkArticle(article: Article, options: ChunkOptions = {}): Chunk[] {
  const settings = { ...DEFAULTS, ...options };
  const { minWords, maxWords, overlapSentences } = settings;
  if (!(minWords >= 1 && maxWords >= minWords && overlapSentences >= 0)) {
    throw new Error(`chunker: invalid options ${JSON.stringify(settings)} (need 1 ≤ minWords ≤ maxWords, overlap ≥ 0)`);
  }
  return pack(toUnits(article.text, maxWords), settings).map((units, ordinal) => toChunk(article, render(units), ordinal));
}

export function chunkArticles(articles: readonly Article[], options: ChunkOptions = {}): Chunk[] {
  return articles.flatMap((article) => chunkArticle(article, options));
}

const isSpace = codeUnitTest(/\s/);

/** The words `text.split(/\s+/).filter(Boolean)` gives, counted without making them. */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

function toUnits(text: string, maxWords: number): Unit[] {
  return text.split(/\n{2,}/).flatMap((paragraphText, paragraph) =>
    splitSentences(paragraphText).flatMap((sentence) => {
      const count = countWords(sentence);
      if (count <= 2 * maxWords) return [{ text: sentence, words: count, paragraph }];
      const words = sentence.split(/\s+/).filter(Boolean);
      // Even pieces, so a run-on does not leave a crumb at its end.
      const pieces = Math.ceil(words.length / maxWords);
      const size = Math.ceil(words.length / pieces);
      return Array.from({ length: pieces }, (_, i) => {
        const part = words.slice(i * size, (i + 1) * size);
        return { text: part.join(' '), words: part.length, paragraph };
      });
    }),
  );
}

function pack(units: Unit[], { minWords, maxWords, overlapSentences }: Required<ChunkOptions>): Unit[][] {
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  let fresh = 0; // units of `current` not repeated from the previous chunk
  for (const unit of units) {
    const size = wordCount(current);
    const newParagraph = current.length > 0 && unit.paragraph !== current.at(-1)?.paragraph;
    if (fresh > 0 && (size + unit.words > maxWords || (newParagraph && size >= minWords))) {
      groups.push(current);
      current = overlap(current, overlapSentences, maxWords - unit.words);
      fresh = 0;
    }
    current.push(unit);
    fresh++;
  }
  if (fresh > 0) groups.push(current);
  return groups;
}

/** The last `count` units of a chunk, fewer if they would push the next chunk past `room` words. */
function overlap(previous: Unit[], count: number, room: number): Unit[] {
  const tail = count > 0 ? previous.slice(-count) : [];
  while (tail.length > 0 && wordCount(tail) > room) tail.shift();
  return tail;
}

function wordCount(units: Unit[]): number {
  return units.reduce((sum, u) => sum + u.words, 0);
}

function render(units: Unit[]): string {
  return units.map((u, i) => (i === 0 ? '' : u.paragraph === units[i - 1]?.paragraph ? ' ' : '\n\n') + u.text).join('');
}

/** A chunk of `article` with the given text: the article's metadata, the chunk's own language and regions. */
export function toChunk(article: Article, text: string, ordinal: number): Chunk {
  const regions = [...article.regions];
  for (const region of detectRegions(text)) if (!regions.includes(region)) regions.push(region);
  return {
    id: contentHash(`${article.id}\n${text}`),
    articleId: article.id,
    ordinal,
    text,
    title: article.title,
    date: article.date,
    url: article.url,
    source: article.source,
    language: detectLanguage(text),
    regions,
    file: article.file,
  };
}
