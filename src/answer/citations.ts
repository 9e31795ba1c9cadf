import { createHash } from 'node:crypto';
import type { Chunk } from '../index/chunk.js';
import type { Citation } from './answer.js';

/** The citation of a chunk under marker n; the quote is the whole passage the sentence came from. */
export function citationOf(n: number, chunk: Chunk): Citation {
  return {
    n,
    title: chunk.title,
    date: chunk.date,
    url: chunk.url,
    source: chunk.source,
    quote: chunk.text,
    chunkId: chunk.id,
    articleId: chunk.articleId,
  };
}

/** Stable across runs: the same question answered from the same chunks gets the same id (feedback keys on it). */
export function answerId(question: string, chunkIds: string[]): string {
  return createHash('sha256').update(`${question}\n${chunkIds.join(',')}`).digest('hex').slice(0, 16);
}
