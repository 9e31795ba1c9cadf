/** A search hit. `score` is cosine similarity: higher is better, 1 for the same direction. */
export interface LabelHit {
  label: number;
  score: number;
}

/**
 * Accepts or rejects a label during a search (filters by region, date…). A filter that knows its accepted
 * labels says so in `accepted`: a store may then rank those few one by one instead of searching around them.
 */
export type LabelFilter = ((label: number) => boolean) & { readonly accepted?: AcceptedLabels };

/** The labels a filter accepts: their count at once, the list (ascending) when asked. */
export interface AcceptedLabels {
  readonly count: number;
  labels(): Uint32Array;
}

/** Nearest-neighbour search over labelled vectors; a label is a chunk's integer key in the index. */
export interface VectorStore {
  readonly dimension: number;
  /** Live (not deleted) vectors. */
  readonly size: number;
  has(label: number): boolean;
  add(labels: readonly number[], vectors: readonly Float32Array[]): void;
  /**
   * Like `add`, but the vectors are searchable at once by exact comparison and enter the graph later,
   * in slices that leave the event loop free (`settle`): a live batch is answerable before its slow
   * graph insertion is done. Stores without a graph need neither.
   */
  stage?(labels: readonly number[], vectors: readonly Float32Array[]): void;
  /** Resolves when every staged vector is in the graph (and a store's own loading work in the background is done). */
  settle?(): Promise<void>;
  markDeleted(label: number): void;
  search(query: Float32Array, k: number, filter?: LabelFilter): LabelHit[];
  /** `search`, begun: part of it may run in another thread until the function returned is called for the hits. */
  searchSoon?(query: Float32Array, k: number, filter?: LabelFilter): () => LabelHit[];
  /** Stops the store's threads, if any (it keeps answering in the caller's thread). */
  close?(): void;
  /** Writes the store's files into `dir` (an existing directory); returns the file names written. */
  save(dir: string): Promise<string[]>;
}

/** The vector scaled to unit length (hnswlib's cosine space does the same to what it stores). */
export function normalized(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += (vector[d] ?? 0) * (vector[d] ?? 0);
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  // A loop, not `vector.map`: a callback per component was ≈ 2 s of the build thread at 100k (the same floats).
  const unit = new Float32Array(vector.length);
  for (let d = 0; d < vector.length; d++) unit[d] = (vector[d] ?? 0) * scale;
  return unit;
}

/** Throws unless `labels` are new valid labels (not in `live`, none twice) with one vector of `dimension` each. */
export function checkAddition(labels: readonly number[], vectors: readonly Float32Array[], dimension: number, live: ReadonlySet<number>): void {
  if (labels.length !== vectors.length) throw new Error(`vectors: ${labels.length} labels but ${vectors.length} vectors`);
  const batch = new Set<number>();
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label > 0xffffffff) throw new Error(`vectors: invalid label ${label}`);
    if (live.has(label) || batch.has(label)) throw new Error(`vectors: label ${label} already present`);
    batch.add(label);
    const length = vectors[i]?.length;
    if (length !== dimension) throw new Error(`vectors: vector for label ${label} has dimension ${length}, expected ${dimension}`);
  });
}
