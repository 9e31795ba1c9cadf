import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { analyze, analyzeText, type TextAnalysis } from '../text/analyzer.js';
import { itemAt } from '../shared/arrays.js';
import { BuiltinEmbedder, DocumentFrequencies } from './builtin-embedder.js';
import type { Embedder } from './embedder.js';
import { startModuleWorker } from '../shared/ts-worker.js';
import type { EncodeReply, EncodeRequest, WorkerSetup } from './encode-worker.js';
import type { BatchTermIds } from './term-ids.js';

/** What ingest needs per chunk: its vector and its BM25 terms. */
export interface EncodedBatch {
  vectors: Float32Array[];
  /** Empty when the terms come as `termIds`. */
  terms: string[][];
  /** The terms as a worker's numbers (`EncoderOptions.termIds`), and which worker numbered them. */
  termIds?: BatchTermIds & { source: number };
}

export interface PassageEncoder {
  /**
   * The batch's vectors and terms. Before `fit` (an encoder created `unfitted`), the batch is analysed and
   * counted towards the fit, and its promise resolves once `fit` has run: a full build hands over its first
   * chunks as it reads them, and they are its fit sample.
   */
  encode(texts: string[]): Promise<EncodedBatch>;
  /**
   * Fits the embedder's corpus statistics (what `embedder.fit` does) on every text `encode` was given so
   * far, then encodes them. Only for an encoder created unfitted, once.
   */
  fit(): Promise<void>;
  close(): Promise<void>;
}

export interface EncoderOptions {
  /** The embedder still needs its fit: batches wait for `fit` (a full build). Default false (fitted). */
  unfitted?: boolean;
  /** Worker threads send the BM25 terms as numbers (term-ids.ts; a full build's BM25 builder takes them). */
  termIds?: boolean;
}

/**
 * The built-in embedder's half of an encoder, in this thread or in a worker: analyses each passage once, for
 * its terms and its vector; before the fit, counts the passages' features for it and keeps their analyses to
 * embed once it is done (the analysis is most of the cost; doing it twice for the fit sample cost 20%).
 */
export class BuiltinBatches {
  private counts: DocumentFrequencies | undefined;
  private held: Array<{ id: number; analyses: TextAnalysis[] }> = [];

  constructor(
    private readonly embedder: BuiltinEmbedder,
    unfitted: boolean,
  ) {
    this.counts = unfitted ? new DocumentFrequencies() : undefined;
  }

  /** The batch encoded, or null when it is held for the fit. */
  encode(id: number, texts: readonly string[]): { terms: string[][]; vectors: Float32Array[] } | null {
    const counts = this.counts;
    if (counts) {
      const analyses = texts.map(analyzeText);
      for (const analysis of analyses) counts.add(analysis);
      this.held.push({ id, analyses });
      return null;
    }
    // One passage at a time: its tokens are garbage before the next one is analysed, so a young-generation
    // collection finds the batch's terms alive, not every passage's tokens (the same vectors and terms).
    const terms: string[][] = [];
    const vectors: Float32Array[] = [];
    for (const text of texts) {
      const analysis = analyzeText(text);
      terms.push(analysis.terms);
      vectors.push(...this.embedder.embedAnalyzed([analysis]));
    }
    return { terms, vectors };
  }

  /** The batches held for the fit. */
  heldIds(): number[] {
    return this.held.map((h) => h.id);
  }

  /** What was counted for the fit so far. */
  counted(): { df: Uint32Array; passages: number } {
    if (!this.counts) throw new Error('index: the encoder was fitted already (a bug)');
    return { df: this.counts.df, passages: this.counts.passages };
  }

  /**
   * Takes the fitted state (already in the embedder when `state` is absent); the held batches, encoded in order
   * as they are iterated: a worker answers each as soon as it is embedded, so the build thread takes in the
   * first while the rest are embedded (it waited for all of them, ≈ 2 s at the fit's 20k chunks).
   */
  fitted(state?: Uint8Array): Iterable<{ id: number; terms: string[][]; vectors: Float32Array[] }> {
    if (state) this.embedder.importState(state);
    this.counts = undefined;
    const held = this.held;
    this.held = [];
    const embedder = this.embedder;
    return (function* () {
      for (const { id, analyses } of held) yield { id, terms: analyses.map((a) => a.terms), vectors: embedder.embedAnalyzed(analyses) };
    })();
  }
}

/** In the calling thread: analyses each text once when the embedder can use the analysis. */
export function inProcessEncoder(embedder: Embedder, options: EncoderOptions = {}): PassageEncoder {
  if (embedder instanceof BuiltinEmbedder) return inProcessBuiltin(embedder, options.unfitted === true);
  const direct = async (texts: string[]): Promise<EncodedBatch> => {
    if (embedder.embedAnalyzed) {
      const analyses = texts.map(analyzeText);
      return { vectors: embedder.embedAnalyzed(analyses), terms: analyses.map((a) => a.terms) };
    }
    return { vectors: await embedder.embedPassages(texts), terms: texts.map(analyze) };
  };
  if (!options.unfitted) return { encode: direct, fit: async () => {}, close: async () => {} };
  // Another embedder with a fit (a test's): its sample's texts are kept until the fit.
  const held: Array<{ texts: string[]; done: Deferred<EncodedBatch> }> = [];
  let fitted = false;
  return {
    encode(texts) {
      if (fitted) return direct(texts);
      const done = deferred<EncodedBatch>();
      held.push({ texts, done });
      return done.promise;
    },
    async fit() {
      fitted = true;
      embedder.fit?.(held.flatMap((h) => h.texts));
      for (const { texts, done } of held.splice(0)) done.resolve(await direct(texts));
    },
    async close() {
      for (const { done } of held.splice(0)) done.reject(new Error('index: encoder closed before its fit'));
    },
  };
}

function inProcessBuiltin(embedder: BuiltinEmbedder, unfitted: boolean): PassageEncoder {
  const batches = new BuiltinBatches(embedder, unfitted);
  const waiting = new Map<number, Deferred<EncodedBatch>>();
  let nextId = 0;
  return {
    async encode(texts) {
      const id = nextId++;
      const encoded = batches.encode(id, texts);
      if (encoded) return encoded;
      const done = deferred<EncodedBatch>();
      waiting.set(id, done);
      return done.promise;
    },
    async fit() {
      const { df, passages } = batches.counted();
      embedder.fitCounts(df, passages);
      for (const { id, ...encoded } of batches.fitted()) {
        waiting.get(id)?.resolve(encoded);
        waiting.delete(id);
      }
    },
    async close() {
      for (const done of waiting.values()) done.reject(new Error('index: encoder closed before its fit'));
      waiting.clear();
    },
  };
}

/** Worker threads for ingest by default: one per core beyond the one that inserts into the indexes. */
export const defaultEncodeWorkers = () => Math.max(1, os.availableParallelism() - 1);

/**
 * Analysis and embedding in worker threads, so that they run beside the HNSW and BM25 insertion of
 * the calling thread. Only for the built-in embedder: its whole state (the IDF table) travels to the
 * workers; a neural embedder already runs its own native threads. Batches go round-robin; results
 * come back in the order asked for by the caller's awaits.
 */
export function workerEncoder(embedder: BuiltinEmbedder, workers: number, options: EncoderOptions = {}): PassageEncoder {
  const setup: WorkerSetup = { dimension: embedder.dimension, state: options.unfitted ? null : embedder.exportState(), termIds: options.termIds === true };
  const pool = Array.from({ length: Math.max(1, workers) }, () => startWorker(setup));
  const waiting = new Map<number, Deferred<EncodeReply>>();
  let nextId = 0;
  for (const worker of pool) {
    worker.on('message', (reply: EncodeReply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!entry) return;
      if (reply.error !== undefined) return entry.reject(new Error(`index: encode worker: ${reply.error}`));
      entry.resolve(reply);
    });
    worker.on('error', (err) => {
      for (const entry of waiting.values()) entry.reject(err);
      waiting.clear();
    });
  }
  const ask = (worker: Worker, request: { kind: 'encode'; texts: string[] } | { kind: 'counts' }) => {
    const id = nextId++;
    const done = deferred<EncodeReply>();
    waiting.set(id, done);
    worker.postMessage({ ...request, id } satisfies EncodeRequest);
    return done.promise;
  };
  let turn = 0;
  return {
    async encode(texts) {
      const source = turn++ % pool.length;
      const reply = await ask(itemAt(pool, source), { kind: 'encode', texts });
      const count = reply.termIds?.lengths.length ?? reply.terms.length;
      const vectors = Array.from({ length: count }, (_, i) => reply.vectors.subarray(i * setup.dimension, (i + 1) * setup.dimension));
      return { vectors, terms: reply.terms, ...(reply.termIds ? { termIds: { ...reply.termIds, source } } : {}) };
    },
    async fit() {
      // Each worker counted the batches it analysed; a worker answers after the batches sent before.
      const replies = await Promise.all(pool.map((worker) => ask(worker, { kind: 'counts' })));
      const df = new Uint32Array(itemAt(replies, 0).df?.length ?? 0);
      let passages = 0;
      for (const reply of replies) {
        reply.df?.forEach((count, b) => {
          df[b] = (df[b] ?? 0) + count;
        });
        passages += reply.passages ?? 0;
      }
      embedder.fitCounts(df, passages);
      const state = embedder.exportState();
      for (const worker of pool) worker.postMessage({ kind: 'state', state } satisfies EncodeRequest);
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
      for (const entry of waiting.values()) entry.reject(new Error('index: encoder closed'));
      waiting.clear();
    },
  };
}

function startWorker(setup: WorkerSetup): Worker {
  const ts = import.meta.url.endsWith('.ts');
  return startModuleWorker(new URL(ts ? './encode-worker.ts' : './encode-worker.js', import.meta.url), setup);
}

/** Workers for the built-in embedder when asked for, otherwise the calling thread. */
export function createPassageEncoder(embedder: Embedder, workers: number, options: EncoderOptions = {}): PassageEncoder {
  return workers > 0 && embedder instanceof BuiltinEmbedder ? workerEncoder(embedder, workers, options) : inProcessEncoder(embedder, options);
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits any more (a build that failed elsewhere) must not end the process.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
