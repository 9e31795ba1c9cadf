import type { Chunk } from '../index/chunk.js';

/** A retrieved chunk with its place in the ranking. `score` is a similarity: higher is better. */
export interface RetrievedPassage {
  rank: number;
  score: number;
  chunk: Chunk;
}

/** Filters narrowing retrieval; taken from the question text and/or given explicitly (bot /region). */
export interface RetrievalFilters {
  /** Canonical region ids (see corpus/regions.ts); a passage must mention at least one. */
  regions?: string[];
  /** Inclusive ISO dates. */
  dateFrom?: string;
  dateTo?: string;
}
