import MiniSearch from 'minisearch';
import type { Article } from '../../src/corpus/article.js';
import type { Chunk } from '../../src/index/chunk.js';
import { toChunk } from '../../src/index/chunker.js';
import type { RetrievedPassage } from '../../src/retrieval/passage.js';

/**
 * The "quick RAG" baseline: articles cut into fixed 1000-character windows overlapping by 200,
 * indexed by MiniSearch with its defaults (BM25, lower-casing, split on spaces and punctuation,
 * no stemming, no synonyms, no filters). Its passages carry the article's metadata, so the same
 * answerer and the same hit check run over them as over the engine's.
 */

export const CHUNK_CHARS = 1000;
export const OVERLAP_CHARS = 200;

/** Index of the last whitespace in text[from, to), or -1. */
function lastSpace(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (/\s/.test(text[i]!)) return i;
  return -1;
}

/**
 * Fixed-size windows with overlap, like a character text splitter: a window ends at the last
 * whitespace before `size` characters when there is one past the overlap, so words are not cut.
 */
export function charChunks(text: string, size = CHUNK_CHARS, overlap = OVERLAP_CHARS): string[] {
  if (!(Number.isInteger(size) && Number.isInteger(overlap) && overlap >= 0 && size > overlap)) {
    throw new Error(`baseline: invalid window ${size}/${overlap} (need 0 ≤ overlap < size)`);
  }
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const space = lastSpace(text, start + overlap + 1, end);
      if (space > 0) end = space;
    }
    const piece = text.slice(start, end).trim();
    if (piece) chunks.push(piece);
    if (end >= text.length) break;
    // Start the next window on a word border inside the overlap.
    let next = end - overlap;
    while (next < end && !/\s/.test(text[next - 1] ?? ' ')) next++;
    start = next;
  }
  return chunks;
}

export class MiniSearchBaseline {
  private constructor(
    private readonly search: MiniSearch<{ id: number; text: string }>,
    private readonly chunks: Chunk[],
  ) {}

  /** Chunks every article (title, blank line, body) and indexes the windows. */
  static build(articles: readonly Article[]): MiniSearchBaseline {
    const chunks = articles.flatMap((article) =>
      charChunks(`${article.title}\n\n${article.text}`).map((text, ordinal) => toChunk(article, text, ordinal)),
    );
    const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    search.addAll(chunks.map((c, id) => ({ id, text: c.text })));
    return new MiniSearchBaseline(search, chunks);
  }

  get size(): number {
    return this.chunks.length;
  }

  retrieve(question: string, k: number): RetrievedPassage[] {
    return this.search
      .search(question)
      .slice(0, k)
      .map((hit, i) => ({ rank: i + 1, score: hit.score, chunk: this.chunks[hit.id as number]! }));
  }
}
