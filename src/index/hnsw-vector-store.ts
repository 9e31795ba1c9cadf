import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { writeFileAtomic } from '../shared/atomic-write.js';
import { readGraphVectors } from './graph-vectors.js';
import { encodeFlat, readFlatFile } from './flat-vector-file.js';
import { QuantizedVectors } from './quantized-vectors.js';
import { checkAddition, normalized, type LabelFilter, type LabelHit, type VectorStore } from './vector-store.js';
import { itemAt } from '../shared/arrays.js';
import { DEFAULT_HNSW, efFor, type HnswOptions } from './hnsw-options.js';
import { FLAT_FILE, newGraph, pointOf, readGraphShards, shardFile, writeGraphShards, writeLabels, type VectorForm } from './vector-files.js';

/**
 * HNSW (hnswlib-node) in the 'cosine' space: hnswlib normalizes vectors and returns 1 - cos as the
 * distance, turned back into a similarity here. Deleted slots are reused by later additions
 * (allowReplaceDeleted), so incremental rebuilds do not grow the file without bound.
 *
 * One graph, or several shards when a full build grew them in parallel threads (parallel-graph.ts):
 * a search asks every shard for its k best (at the ef of a shard's size) and keeps the k best of all; live
 * additions go to the smallest shard.
 *
 * Or no graph at all (the `flat` form), as vector databases leave a segment below their indexing threshold
 * unindexed (Qdrant's `indexing_threshold`): while every search is exact anyway (`exactUnfiltered`, the store
 * within `exactSearchLimit`), a graph would only cost its insertion (≈ 1.3 ms a point at 100k, most of a
 * build) and be saved for nothing. Once additions take the store past the limit (or a loaded flat store is
 * over this process's limit), the graph is grown from the int8 copy — not by embedding the chunks again: the
 * store has neither their texts nor the embedder, and a graph is approximate anyway (the rounding moves a
 * cosine by ≈ 1e-3, less than the gaps the graph's own misses leave). Searches stay exact until the graph
 * holds every vector.
 */
export class HnswVectorStore implements VectorStore {
  private constructor(
    /** Empty in the flat form. */
    private readonly shards: hnswlib.HierarchicalNSW[],
    readonly dimension: number,
    private readonly live: Set<number>,
    private readonly options: HnswOptions,
    /** The int8 copy for the exact path (undefined when `exactSearchLimit` is 0 and a graph holds the vectors). */
    private quantized: QuantizedVectors | undefined,
  ) {
    this.ef = efFor(Math.ceil(live.size / Math.max(1, shards.length)), options);
    for (const shard of shards) shard.setEf(this.ef);
  }

  private ef: number;
  /** Whether the int8 copy holds every live vector (a loaded store fills it in the background). */
  private copyReady = true;
  /** Labels added, staged or deleted while the copy is filled: the file's vector is not theirs. */
  private readonly touched = new Set<number>();
  private filling: Promise<void> | undefined;
  /** Why the copy could not be read (tests and benches check it; the store serves by the graph then). */
  copyError: Error | undefined;
  /** Vectors added by `stage`, unit length, not yet in the graph; in `live` already. */
  private readonly staged = new Map<number, Float32Array>();
  private settling: Promise<void> | null = null;
  /** Labels of the int8 copy not yet in the graph grown from it (see `growGraph`): searches stay exact meanwhile. */
  private backlog = new Set<number>();
  /**
   * The saved graph files a graph store's int8 copy is filled from once a search would first use it (a
   * loaded store, a full build's): at 1M chunks the copy is 388 MiB, and there only a filter allowing fewer
   * than 10k chunks is searched exactly, which a build run and many servers never see.
   */
  private copyFiles: string[] | undefined;
  /** One past the highest label ever held: the rows the int8 copy would span. */
  private rows = 0;

  /**
   * An empty store: flat while a search of `planned` vectors (a build's chunk count) would be exact anyway
   * (`exactUnfiltered`, within `exactSearchLimit`), a graph otherwise, sized for them. `deferCopy`: a graph
   * store gets its int8 copy only from `attachCopy`'s files (a full build: 388 MiB at 1M chunks it has no
   * use for while it builds).
   */
  static create(dimension: number, options: Partial<HnswOptions> = {}, planned = 0, deferCopy = false): HnswVectorStore {
    const o = { ...DEFAULT_HNSW, ...options };
    const flat = o.exactSearchLimit > 0 && o.exactUnfiltered && QuantizedVectors.costFor(planned, undefined) <= o.exactSearchLimit;
    // A flat store's copy holds every vector: sized for them at once, not grown by copies (≈ 0.6 s at 100k).
    const copy = o.exactSearchLimit > 0 ? new QuantizedVectors(dimension, flat ? Math.max(o.initialCapacity, planned) : o.initialCapacity) : undefined;
    const graph = () => newGraph(dimension, o, Math.max(o.initialCapacity, planned));
    return new HnswVectorStore(flat ? [] : [graph()], dimension, new Set(), o, flat || !deferCopy ? copy : undefined);
  }

  /** The int8 copy a `deferCopy` store left out is to be filled from its saved graph files in `dir` (when first used), as for a loaded store. */
  attachCopy(dir: string): void {
    if (this.quantized || this.options.exactSearchLimit === 0 || this.shards.length === 0) return;
    this.copyFiles = this.shards.map((_, i) => path.join(dir, shardFile(i)));
  }

  /** The form the store is in (and `save` writes). */
  get form(): VectorForm {
    return this.shards.length === 0 ? 'flat' : 'graph';
  }

  /** Reads a store saved by `save(dir)` in `form` (the manifest says which); throws naming the file and the problem. */
  static async load(dir: string, dimension: number, options: Partial<HnswOptions> = {}, form: VectorForm = 'graph'): Promise<HnswVectorStore> {
    const o = { ...DEFAULT_HNSW, ...options };
    if (form === 'flat') {
      const copy = await readFlatFile(path.join(dir, FLAT_FILE), dimension);
      const store = new HnswVectorStore([], dimension, new Set(copy.labels()), o, copy);
      // Saved under another limit (or where the native kernel loads): the graph is grown in the background.
      if (!store.fitsFlat()) {
        store.growGraph();
        store.settle().catch((err: unknown) => {
          store.copyError = err instanceof Error ? err : new Error(String(err));
        });
      }
      return store;
    }
    const { shards, labels } = await readGraphShards(dir, dimension);
    const store = new HnswVectorStore(shards, dimension, new Set(labels), o, undefined);
    store.rows = labels.reduce((max, label) => Math.max(max, label + 1), 0);
    if (o.exactSearchLimit > 0) store.copyFiles = shards.map((_, i) => path.join(dir, shardFile(i)));
    return store;
  }

  /**
   * Starts filling the int8 copy from `copyFiles` in the background (≈ 0.8 s of CPU per 100k vectors, in
   * slices of one 4 MiB read each, so questions are answered meanwhile, by the graph). Labels added, staged
   * or deleted meanwhile keep what those calls left in the copy; labels added or staged before it started
   * (not in the files) are read from the graph or the staged map.
   */
  private startCopy(): void {
    const files = this.copyFiles;
    if (!files || this.quantized) return;
    this.copyFiles = undefined;
    const copy = new QuantizedVectors(this.dimension, this.rows);
    this.quantized = copy;
    this.copyReady = false;
    this.filling = (async () => {
      for (const file of files) {
        await readGraphVectors(file, this.dimension, (label, vector) => {
          if (this.live.has(label) && !this.touched.has(label)) copy.set(label, vector);
        });
      }
      for (const label of this.live) if (!copy.has(label)) copy.set(label, this.staged.get(label) ?? this.graphVector(label, files));
      this.copyReady = true;
      this.touched.clear();
    })().catch((err: unknown) => {
      // Without the copy, filtered searches keep walking the graph, as they did before it existed (the
      // generation's files may also be gone: a newer one was published and this store is on its way out).
      this.copyError = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** A label's vector as a graph holds it (unit length: the cosine space normalizes what it stores). */
  private graphVector(label: number, files: readonly string[]): Float32Array {
    const point = pointOf(this.shards, label);
    if (!point) throw new Error(`vectors: label ${label} is live but in no graph file (${files.join(', ')})`);
    return point;
  }

  get size(): number {
    return this.live.size;
  }

  /** Bytes the int8 copy holds (0 while no search has needed it). */
  get copyBytes(): number {
    return this.quantized?.bytes ?? 0;
  }

  has(label: number): boolean {
    return this.live.has(label);
  }

  get shardCount(): number {
    return this.shards.length;
  }

  /** Whether every search of the store as it is now would be exact: the flat form can serve it. */
  private fitsFlat(): boolean {
    const copy = this.quantized;
    return copy !== undefined && this.options.exactUnfiltered && copy.cost() <= this.options.exactSearchLimit;
  }

  /** Adds to the flat form's copy; true when the store is still within the limit after it. */
  private addFlat(labels: readonly number[], vectors: readonly Float32Array[]): boolean {
    const copy = this.quantized;
    if (!copy) throw new Error('vectors: a flat store without its int8 copy (a bug)');
    labels.forEach((label, i) => {
      copy.set(label, normalized(itemAt(vectors, i)));
      this.live.add(label);
      this.rows = Math.max(this.rows, label + 1);
    });
    return this.fitsFlat();
  }

  /** Turns the flat form into a graph form: one empty graph, and every vector in the backlog to enter it. */
  private growGraph(): void {
    this.shards.push(newGraph(this.dimension, this.options, Math.max(this.live.size, this.options.initialCapacity)));
    this.backlog = new Set([...this.live].sort((a, b) => a - b));
  }

  /** Moves up to `count` backlog vectors from the int8 copy into the graph. */
  private insertBacklog(count: number): void {
    const copy = this.quantized;
    if (!copy) throw new Error('vectors: a graph backlog without the int8 copy (a bug)');
    const shard = this.smallestShard(Math.min(count, this.backlog.size));
    let moved = 0;
    // Deleting the visited entry while iterating a Set is safe, and keeps a slice O(count).
    for (const label of this.backlog) {
      if (moved === count) break;
      shard.addPoint(Array.from(copy.vector(label)), label, true);
      this.backlog.delete(label);
      moved += 1;
    }
    // The copy served the exact path and the graph's source; with the exact path off, the graph is all.
    if (this.backlog.size === 0 && this.options.exactSearchLimit === 0) this.quantized = undefined;
  }

  add(labels: readonly number[], vectors: readonly Float32Array[]): void {
    checkAddition(labels, vectors, this.dimension, this.live);
    if (this.shards.length === 0) {
      if (this.addFlat(labels, vectors)) return;
      // A build (or an update) past the limit: the graph is grown here and now (these vectors in its backlog
      // too), as `add`'s caller expects a graph that holds them.
      this.growGraph();
      this.insertBacklog(this.backlog.size);
      return;
    }
    if (this.backlog.size > 0) this.insertBacklog(this.backlog.size);
    const shard = this.smallestShard(labels.length);
    labels.forEach((label, i) => {
      const vector = itemAt(vectors, i);
      shard.addPoint(Array.from(vector), label, true);
      this.quantized?.set(label, normalized(vector));
      if (!this.copyReady) this.touched.add(label);
      this.live.add(label);
      this.rows = Math.max(this.rows, label + 1);
    });
  }

  /** The shard with the fewest points, with room for `adding` more. */
  private smallestShard(adding: number): hnswlib.HierarchicalNSW {
    const shard = this.shards.reduce((a, b) => (b.getCurrentCount() < a.getCurrentCount() ? b : a));
    const capacity = shard.getMaxElements();
    const needed = shard.getCurrentCount() + adding;
    if (needed > capacity) shard.resizeIndex(Math.max(needed, capacity * 2, this.options.initialCapacity));
    return shard;
  }

  stage(labels: readonly number[], vectors: readonly Float32Array[]): void {
    checkAddition(labels, vectors, this.dimension, this.live);
    if (this.shards.length === 0) {
      // Past the limit: the graph grows from the copy in `settle`'s slices; searches stay exact until then.
      if (!this.addFlat(labels, vectors)) this.growGraph();
      return;
    }
    labels.forEach((label, i) => {
      const vector = normalized(itemAt(vectors, i));
      this.staged.set(label, vector);
      this.quantized?.set(label, vector);
      if (!this.copyReady) this.touched.add(label);
      this.live.add(label);
      this.rows = Math.max(this.rows, label + 1);
    });
  }

  /** Also waits for the int8 copy of a loaded store (`copyError` says if it failed). */
  settle(): Promise<void> {
    this.settling ??= (async () => {
      try {
        await this.filling;
        while (this.backlog.size > 0) {
          this.insertBacklog(SETTLE_SLICE);
          await new Promise((resolve) => setImmediate(resolve));
        }
        while (this.staged.size > 0) {
          this.insertStaged(SETTLE_SLICE);
          // hnswlib inserts synchronously (about 1 ms a point at 100k): questions get their turn between slices.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        this.settling = null;
      }
    })();
    return this.settling;
  }

  /** Moves up to `count` staged vectors into the graph; each leaves `staged` in the step it enters the graph. */
  private insertStaged(count: number): void {
    const shard = this.smallestShard(Math.min(count, this.staged.size));
    let moved = 0;
    // Like the backlog: iterating the map itself keeps a slice O(count), where a copy of it cost O(staged).
    for (const [label, vector] of this.staged) {
      if (moved === count) break;
      shard.addPoint(Array.from(vector), label, true);
      this.staged.delete(label);
      moved += 1;
    }
  }

  markDeleted(label: number): void {
    if (!this.live.delete(label)) throw new Error(`vectors: no label ${label} to delete`);
    this.quantized?.delete(label);
    if (!this.copyReady) this.touched.add(label);
    if (this.staged.delete(label) || this.backlog.delete(label) || this.shards.length === 0) return;
    if (this.shards.length === 1) return itemAt(this.shards, 0).markDelete(label);
    // hnswlib throws for a label it does not hold: the label is in exactly one shard.
    for (const shard of this.shards) {
      try {
        shard.markDelete(label);
        return;
      } catch {
        // not in this shard
      }
    }
    throw new Error(`vectors: label ${label} is live but in no graph shard (a bug)`);
  }

  search(query: Float32Array, k: number, filter?: LabelFilter): LabelHit[] {
    return this.searchSoon(query, k, filter)();
  }

  /** `search`, begun: an exact search's sign-bit scan may run in a second thread until the function returned is called (`QuantizedVectors.topSoon`). */
  searchSoon(query: Float32Array, k: number, filter?: LabelFilter): () => LabelHit[] {
    if (query.length !== this.dimension) throw new Error(`vectors: query has dimension ${query.length}, expected ${this.dimension}`);
    const count = Math.min(Math.floor(k), this.live.size);
    if (count <= 0) return () => [];
    // A filter that allows few labels: rank them all (exact but for the int8 rounding), cheaper than a
    // filtered graph walk there, and it finds what the walk misses.
    const cost = this.exactCost(filter);
    // The copy's first use: filled in the background, the graph answers until it is complete.
    if (cost <= this.options.exactSearchLimit) this.startCopy();
    // No graph yet, or one still growing from the copy: the copy holds every vector.
    const graphIncomplete = this.shards.length === 0 || this.backlog.size > 0;
    if (this.quantized && this.copyReady && (graphIncomplete || cost <= this.options.exactSearchLimit)) {
      return this.quantized.topSoon(normalized(query), count, filter, this.options.exactSearchLimit);
    }
    const hits = this.walk(query, count, filter);
    return () => hits;
  }

  /** Stops the int8 copy's helper thread, if any (a replaced or shut-down index; searches go on in this thread). */
  close(): void {
    this.quantized?.close();
  }

  /** The graph's search, with the staged vectors compared one by one. */
  private walk(query: Float32Array, count: number, filter: LabelFilter | undefined): LabelHit[] {
    // With a selective filter hnswlib keeps walking the graph until it has `ef` accepted labels,
    // so fewer than k hits means fewer than k labels pass the filter.
    // Each shard is searched at the ef of its own size: two half-size graphs at that ef found more of the
    // exact top 10 than one graph at the whole size's ef (bench/README.md, 100k: 0.87 vs 0.83).
    const ef = efFor(Math.ceil(this.live.size / this.shards.length), this.options);
    if (ef !== this.ef) {
      for (const shard of this.shards) shard.setEf(ef);
      this.ef = ef;
    }
    const inGraph = Math.min(count, this.live.size - this.staged.size);
    const hits: LabelHit[] = [];
    if (inGraph > 0) {
      const point = Array.from(query);
      for (const shard of this.shards) {
        const k = Math.min(inGraph, shard.getCurrentCount());
        if (k === 0) continue;
        const { distances, neighbors } = shard.searchKnn(point, k, filter);
        neighbors.forEach((label, i) => hits.push({ label, score: 1 - itemAt(distances, i) }));
      }
      if (this.shards.length > 1) hits.sort((a, b) => b.score - a.score).splice(inGraph);
    }
    if (this.staged.size === 0) return hits;
    // Staged vectors (a live batch on its way into the graph): compared one by one, a few thousand at most.
    const q = normalized(query);
    for (const [label, vector] of this.staged) {
      if (filter && !filter(label)) continue;
      let dot = 0;
      for (let d = 0; d < vector.length; d++) dot += (vector[d] ?? 0) * (q[d] ?? 0);
      hits.push({ label, score: dot });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, count);
  }

  /** What an exact search with this filter would cost (`QuantizedVectors.cost`); Infinity where there is no exact path. */
  private exactCost(filter: LabelFilter | undefined): number {
    const accepted = filter?.accepted;
    if (!accepted && (filter || !this.options.exactUnfiltered)) return Infinity;
    if (this.quantized) return this.quantized.cost(accepted?.count);
    return this.copyFiles ? QuantizedVectors.costFor(this.rows, accepted?.count) : Infinity;
  }

  async save(dir: string): Promise<string[]> {
    if (this.shards.length === 0) {
      const copy = this.quantized;
      if (!copy) throw new Error('vectors: a flat store without its int8 copy (a bug)');
      await writeFileAtomic(path.join(dir, FLAT_FILE), encodeFlat(copy));
      return [FLAT_FILE];
    }
    // The file holds the graph only: the backlog and staged vectors go in first.
    if (this.backlog.size > 0) this.insertBacklog(this.backlog.size);
    if (this.staged.size > 0) this.insertStaged(this.staged.size);
    const names = await writeGraphShards(dir, this.shards);
    // A copy not made yet is to come from these files: the generation it was loaded from is deleted once
    // this one is published (a live index's persist).
    if (this.copyFiles) this.copyFiles = names.map((name) => path.join(dir, name));
    names.push(await writeLabels(dir, this.dimension, this.shards.length, [...this.live]));
    return names;
  }
}

/** Staged vectors inserted per turn of the event loop. */
const SETTLE_SLICE = 64;
