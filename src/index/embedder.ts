import type { TextAnalysis } from '../text/analyzer.js';

/** Turns texts into unit-length vectors. Queries and passages may be encoded differently (e5 prefixes). */
export interface Embedder {
  /** Identifies model and settings; stored in the index manifest, a change triggers a rebuild. */
  readonly id: string;
  readonly dimension: number;
  /**
   * Weight of this embedder's ranking in hybrid fusion (default 1). The built-in hashing embedder
   * is a weak, mostly lexical signal: at full weight it overrules the better BM25 ranking.
   */
  readonly fusionWeight?: number;
  /**
   * Vectors with little contrast (the built-in hashing embedder): an HNSW graph finds about 0.8 of their
   * exact top 10 at 100k chunks, so the index ranks them exactly while it is small enough
   * (`HnswOptions.exactUnfiltered`). Neural embedders' vectors are left to the graph.
   */
  readonly preferExact?: boolean;
  embedQuery(text: string): Promise<Float32Array>;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /**
   * Passages already analysed (analyzeText): ingest tokenizes and stems each chunk once, for BM25
   * and for the vector. Only embedders built on the analyzer's terms have it.
   */
  embedAnalyzed?(passages: readonly TextAnalysis[]): Float32Array[];
  /**
   * Embedders with corpus statistics (the built-in one's IDF table) fit them on a full build,
   * and the index persists the state beside the vectors so later runs and incremental updates
   * embed with the same statistics. Neural embedders have no such state.
   */
  fit?(passages: string[]): void;
  exportState?(): Uint8Array;
  importState?(state: Uint8Array): void;
}
