/**
 * The vector store's tuning: the graph's degree and candidate lists, and the budget of the exact path. Pure
 * values and functions, shared by the store, the build and the benchmarks.
 */
import type { Embedder } from './embedder.js';

export interface HnswOptions {
  /** Graph degree. */
  m: number;
  efConstruction: number;
  /** Candidate list size at query time (the floor of the adaptive value, see `efFor`): recall vs latency. */
  efSearch: number;
  /** Ceiling of the adaptive candidate list size. */
  maxEfSearch: number;
  /** Slots allocated up front; the index doubles when full. */
  initialCapacity: number;
  /**
   * A search ranks its candidates (a filter's accepted labels, or every label with `exactUnfiltered`) one by
   * one over an int8 copy of the vectors (`QuantizedVectors`) instead of walking the graph when that costs at
   * most this many rows ranked in place (`QuantizedVectors.cost`); 0: never, and no copy is kept.
   */
  exactSearchLimit: number;
  /**
   * Searches without a filter rank every vector exactly too while the store holds at most
   * `exactSearchLimit`: for vectors with little contrast (`Embedder.preferExact`), where the graph finds
   * 0.8 of the exact top 10 at 100k.
   */
  exactUnfiltered: boolean;
}

/**
 * The exact path's budget, in rows the native kernel ranks in place (`QuantizedVectors.cost`: ≈ 85 ns a row
 * at 384 dimensions; a filter's accepted rows gathered count 12 each). On the 100k realistic index
 * (bench/filtered-search.ts, bench/README.md "Exact vector search with a native kernel") exact search costs
 * 8.6 / 11.1 ms of CPU p50 / p95 on the 70 region-filtered queries against the graph's 19.5 / 48.9 and
 * finds 0.987 of the exact top 50 (the graph 0.881); unfiltered it costs 8.6 / 10.4 ms against 5.1 / 8.0 and
 * finds 0.987 of the exact top 10 (the graph 0.846). 160k rows (≈ 13.6 ms) keeps a 100k index exact, and
 * covers the sign-bit prefilter of a million-chunk index (`QuantizedVectors.top`: ≈ 10 ms of scan and 8,000
 * picked rows ranked, ≈ 13.7 ms of CPU measured at 1M), which finds more of the exact top 10 than the graph walk
 * there (0.774 against 0.696 at ef 1024) and costs far less than its filtered walks (p95 32 → 18 ms of CPU).
 */
export const EXACT_SEARCH_LIMIT = 160_000;

/**
 * M and efConstruction picked with bench/hnsw-sweep.ts (bench/README.md, 20k realistic chunks, built-in
 * embedder): efConstruction 100 inserts twice as fast as 200 (1,641 vs 774 inserts per CPU second) for
 * recall@10 0.986 vs 0.995 at ef 1024; M 32 costs 40% more insertion time for less than M 16 gains
 * from a larger ef; M 8 loses 0.03-0.08 recall at every ef.
 */
export const DEFAULT_HNSW: HnswOptions = { m: 16, efConstruction: 100, efSearch: 128, maxEfSearch: 1024, initialCapacity: 1024, exactSearchLimit: EXACT_SEARCH_LIMIT, exactUnfiltered: false };

/** The options for an embedder's vectors: exact unfiltered search if it prefers it, unless `options` say. */
export function hnswOptionsFor(embedder: Pick<Embedder, 'preferExact'>, options: Partial<HnswOptions> = {}): Partial<HnswOptions> {
  return { exactUnfiltered: embedder.preferExact === true, ...options };
}

/**
 * efSearch grows with the square root of the index size, between the floor and the ceiling: recall
 * at a fixed ef falls as the graph grows (bench/README.md: with the built-in embedder, 0.99 at 1k and
 * 0.74 at 100k with ef 128), while the query cost of a larger ef stays small next to BM25's.
 */
export function efFor(size: number, options: Pick<HnswOptions, 'efSearch' | 'maxEfSearch'>): number {
  return Math.min(options.maxEfSearch, Math.max(options.efSearch, Math.round(2 * Math.sqrt(size))));
}
