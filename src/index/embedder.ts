/** Turns texts into unit-length vectors. Queries and passages may be encoded differently (e5 prefixes). */
export interface Embedder {
  /** Identifies model and settings; stored in the index manifest, a change triggers a rebuild. */
  readonly id: string;
  readonly dimension: number;
  embedQuery(text: string): Promise<Float32Array>;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}
