import { BuiltinEmbedder, FIT_SAMPLE } from './builtin-embedder.js';
import { Bm25Builder } from './bm25-builder.js';
import type { Embedder } from './embedder.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import { DEFAULT_HNSW, hnswOptionsFor, type HnswOptions } from './hnsw-options.js';
import { ParallelGraphBuilder } from './parallel-graph.js';
import { createPassageEncoder, type EncodedBatch, type PassageEncoder } from './passage-encoder.js';
import { TermIdMap } from './term-ids.js';

/**
 * The indexing half of a full build, fed chunk by chunk while the corpus is still being read (build-spool.ts
 * calls `push` for every chunk it spools, `drain` between groups of articles): batches go to the encoder
 * (worker threads) as they fill, and their vectors and terms come back into the vector store and the BM25
 * builder in label order, so reading, parsing and chunking in this thread overlap the analysis and
 * embedding in the workers (before, the whole corpus was spooled first, with the workers idle, then read
 * back and encoded, with this thread mostly waiting).
 *
 * The embedder's fit (the built-in one's IDF table) is counted on the first FIT_SAMPLE chunks as the encoder
 * analyses them; their batches are held until the fit and then embedded. A corpus of at most FIT_SAMPLE
 * chunks is fitted on all of them, as before; a larger one on its first FIT_SAMPLE chunks, not on a sample
 * spread over the whole corpus (which could only be drawn once all of it was read).
 */
export interface PipelineOptions {
  embedder: Embedder;
  /** Encode worker threads when the corpus has at least MIN_CHUNKS_FOR_WORKERS chunks (0: this thread). */
  workers: number;
  batchSize?: number;
  hnsw?: Partial<HnswOptions>;
  graphShards: number;
  /** The corpus' chunk count as far as it can be told yet (read bytes extrapolated), for the vector store's form. */
  estimate(): number;
  onProgress?: (done: number, total: number) => void;
}

/** What the pipeline built: the vector store (or the parallel graph builder) and the BM25 builder. */
export interface PipelineResult {
  vectors: HnswVectorStore;
  graph: ParallelGraphBuilder | undefined;
  bm25: Bm25Builder;
  count: number;
}

/**
 * Below this many chunks, embedding runs in this thread: a worker costs about a second of CPU to start (it
 * loads the analyzer and the embedder), more than the seed corpus takes to embed.
 */
export const MIN_CHUNKS_FOR_WORKERS = 2_000;
const THREAD_BATCH = 32;
const WORKER_BATCH = 256;
/**
 * Batches in flight once the fit is done: this thread waits for the oldest beyond it. Enough for the workers
 * to go on while this thread parses a whole data file (≈ 3 s for a 35 MB JSONL file of 20k chunks).
 */
const MAX_IN_FLIGHT = 48;
/**
 * Batches the encode workers may have in hand before this thread encodes the next batch itself (once the fit is
 * done): with one worker on two cores the worker is the slower half of the build (the analysis is most of the
 * work), and this thread, which otherwise waits for it, takes batches over while the worker is behind. Enough for
 * the worker never to run out of work; the vectors and terms are the same whichever thread computes them.
 */
const HELP_BACKLOG = 4;

interface Slot {
  first: number;
  count: number;
  encoded: Promise<EncodedBatch>;
  ready: boolean;
}

export class IngestPipeline {
  readonly bm25 = new Bm25Builder();
  private encoder: PassageEncoder | undefined;
  private vectors: HnswVectorStore | undefined;
  private graph: ParallelGraphBuilder | undefined;
  /** Texts of the batch being filled, and of batches made before the encoder was started. */
  private texts: string[] = [];
  private early: string[][] = [];
  private pushed = 0;
  private nextBatchLabel = 0;
  private done = 0;
  private fitting: Promise<void> | undefined;
  private fitted = false;
  /** Batches sent to the workers and not answered yet (as far as this thread has read their answers). */
  private backlog = 0;
  /** This thread's own encoder, for the batches it takes over from the workers. */
  private helper: PassageEncoder | undefined;
  private readonly queue: Slot[] = [];
  /** Per encode worker, its term numbers → the BM25 builder's. */
  private readonly termMaps: TermIdMap[] = [];
  private batchSize: number;
  /** Encode workers started (0 until then, and for a small corpus). */
  private workers = 0;
  /** Every chunk pushed: the count is known. */
  private finished = false;

  constructor(private readonly options: PipelineOptions) {
    this.batchSize = options.batchSize ?? THREAD_BATCH;
  }

  /** The next label's indexed text (labels count from 0 in push order). */
  push(text: string): void {
    this.texts.push(text);
    this.pushed += 1;
    if (!this.encoder && this.pushed >= MIN_CHUNKS_FOR_WORKERS) this.start(this.options.workers);
    if (!this.fitting && this.pushed === FIT_SAMPLE) {
      this.flush();
      this.fit();
    } else if (this.texts.length >= this.batchSize) {
      this.flush();
    }
  }

  /** Takes in the batches encoded so far; waits while too many are in flight. */
  async drain(): Promise<void> {
    // Reads the workers' answers that arrived meanwhile (awaiting settled promises alone would not), so the
    // backlog is current when the next batch is sent or taken over.
    if (this.backlog > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue[0]?.ready) await this.consume();
    // Before the fit every batch is held (at most FIT_SAMPLE chunks): waiting for one would wait forever.
    while (this.fitting && this.queue.length > MAX_IN_FLIGHT) await this.consume();
  }

  /** After the last `push`: fits if the corpus was smaller than the sample, and takes in every batch. */
  async finish(): Promise<PipelineResult> {
    this.finished = true;
    if (!this.encoder) this.start(this.pushed >= MIN_CHUNKS_FOR_WORKERS ? this.options.workers : 0);
    this.flush();
    if (!this.fitting) this.fit();
    while (this.queue.length > 0) await this.consume();
    await this.fitting;
    const vectors = this.vectors ?? this.createStore(this.pushed, true);
    return { vectors, graph: this.graph, bm25: this.bm25, count: this.pushed };
  }

  /** Stops the encoder (and a graph builder left unsaved after a failure). */
  async close(failed = false): Promise<void> {
    await this.encoder?.close();
    await this.helper?.close();
    if (failed) await this.graph?.close();
  }

  private start(workers: number): void {
    const { embedder } = this.options;
    this.encoder = createPassageEncoder(embedder, workers, { unfitted: true, termIds: true });
    this.workers = workers;
    this.batchSize = this.options.batchSize ?? (workers > 0 && embedder.embedAnalyzed ? WORKER_BATCH : THREAD_BATCH);
    for (const texts of this.early.splice(0)) this.submit(texts);
  }

  private fit(): void {
    const encoder = this.encoder;
    if (!encoder) throw new Error('index: fit before the encoder started (a bug)');
    this.fitting = encoder.fit();
    // Awaited in `finish`; a failure also rejects the held batches, which `consume` awaits first.
    this.fitting.then(
      () => (this.fitted = true),
      () => {},
    );
  }

  private flush(): void {
    if (this.texts.length === 0) return;
    const texts = this.texts;
    this.texts = [];
    if (this.encoder) this.submit(texts);
    else this.early.push(texts);
  }

  private submit(texts: string[]): void {
    const encoder = this.encoder;
    if (!encoder) throw new Error('index: batch before the encoder started (a bug)');
    const helper = this.helping();
    const slot: Slot = { first: this.nextBatchLabel, count: texts.length, encoded: (helper ?? encoder).encode(texts), ready: false };
    this.nextBatchLabel += texts.length;
    if (!helper) this.backlog += 1;
    const settle = () => {
      slot.ready = true;
      if (!helper) this.backlog -= 1;
    };
    void slot.encoded.then(settle, settle);
    this.queue.push(slot);
  }

  /** This thread's encoder when it should encode the next batch itself (see HELP_BACKLOG). */
  private helping(): PassageEncoder | undefined {
    const { embedder } = this.options;
    if (!this.fitted || this.workers === 0 || this.backlog < HELP_BACKLOG || !(embedder instanceof BuiltinEmbedder)) return undefined;
    // The embedder was fitted here (the workers got its state): this thread's vectors are the workers'.
    this.helper ??= createPassageEncoder(embedder, 0);
    return this.helper;
  }

  /** The oldest batch into the vector store and BM25, in label order. */
  private async consume(): Promise<void> {
    const slot = this.queue.shift();
    if (!slot) return;
    const { vectors, terms, termIds } = await slot.encoded;
    const { embedder } = this.options;
    if (vectors.length !== slot.count) {
      throw new Error(`index: embedder ${embedder.id} returned ${vectors.length} vectors for ${slot.count} passages`);
    }
    const labels = Array.from({ length: slot.count }, (_, i) => slot.first + i);
    this.vectors ??= this.finished ? this.createStore(this.pushed, true) : this.createStore(this.options.estimate());
    if (this.graph) await this.graph.add(labels, vectors);
    else this.vectors.add(labels, vectors);
    if (termIds) {
      let map = this.termMaps[termIds.source];
      if (!map) this.termMaps[termIds.source] = map = new TermIdMap();
      const ids = map.take(termIds, (term) => this.bm25.idOf(term));
      let at = 0;
      termIds.lengths.forEach((length, i) => {
        this.bm25.addIds(slot.first + i, ids, at, at + length);
        at += length;
      });
    } else {
      for (let i = 0; i < slot.count; i++) this.bm25.add(slot.first + i, terms[i] ?? []);
    }
    this.done += slot.count;
    this.options.onProgress?.(this.done, Math.max(this.pushed, this.done));
  }

  /**
   * Flat while a search of the expected index would be exact anyway, a graph sized for it otherwise (the
   * estimate is made once the first batch is embedded: after the fit sample). An estimate below the limit
   * that turns out short makes the flat store grow its graph when it passes the limit (HnswVectorStore.add).
   */
  private createStore(expected: number, exact = false): HnswVectorStore {
    const { embedder, hnsw, graphShards } = this.options;
    // An estimate gets a margin: a graph that fills up is resized to twice its size.
    const planned = exact ? expected : Math.ceil(expected * 1.1);
    const store = HnswVectorStore.create(embedder.dimension, hnswOptionsFor(embedder, hnsw), planned, true);
    if (store.form === 'graph' && this.workers > 0 && graphShards > 1) {
      this.graph = ParallelGraphBuilder.start(embedder.dimension, { ...DEFAULT_HNSW, ...hnsw }, graphShards, planned);
    }
    return store;
  }
}
