import type { Chunk } from '../index/chunk.js';

/** A retrieved chunk with its place in the ranking. `score` is a similarity: higher is better. */
export interface RetrievedPassage {
  rank: number;
  score: number;
  chunk: Chunk;
}
