import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { analyze, analyzeText } from '../text/analyzer.js';
import { itemAt } from '../shared/arrays.js';
import { BuiltinEmbedder, countDocumentFrequencies, evenSample, FIT_SAMPLE } from './builtin-embedder.js';
import type { Embedder } from './embedder.js';
import { startModuleWorker } from '../shared/ts-worker.js';
import type { EncodeReply, EncodeRequest, WorkerSetup } from './encode-worker.js';

/** What ingest needs per chunk: its vector and its BM25 terms. */
export interface EncodedBatch {
  vectors: Float32Array[];
  terms: string[][];
}

export interface PassageEncoder {
  /**
   * Fits the embedder's corpus statistics on `sample` (what `embedder.fit` does; with workers the
   * counting is shared between them and this thread), before the first `encode`.
   */
  fit(sample: readonly string[]): Promise<void>;
  encode(texts: string[]): Promise<EncodedBatch>;
  close(): Promise<void>;
}

/** In the calling thread: analyses each text once when the embedder can use the analysis. */
export function inProcessEncoder(embedder: Embedder): PassageEncoder {
  return {
    async fit(sample) {
      embedder.fit?.([...sample]);
    },
    async encode(texts) {
      if (embedder.embedAnalyzed) {
        const analyses = texts.map(analyzeText);
        return { vectors: embedder.embedAnalyzed(analyses), terms: analyses.map((a) => a.terms) };
      }
      return { vectors: await embedder.embedPassages(texts), terms: texts.map(analyze) };
    },
    async close() {},
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
export function workerEncoder(embedder: BuiltinEmbedder, workers: number): PassageEncoder {
  const setup: WorkerSetup = { dimension: embedder.dimension, state: embedder.exportState() };
  const pool = Array.from({ length: Math.max(1, workers) }, () => startWorker(setup));
  const waiting = new Map<number, { resolve: (reply: EncodeReply) => void; reject: (e: Error) => void }>();
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
  const ask = (worker: Worker, kind: 'encode' | 'count', texts: string[]) => {
    const id = nextId++;
    return new Promise<EncodeReply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ kind, id, texts } satisfies EncodeRequest);
    });
  };
  let turn = 0;
  return {
    async fit(all) {
      // The sample in one shard per worker plus one for this thread, which would otherwise only wait.
      const sample = evenSample(all, FIT_SAMPLE);
      const shards = pool.length + 1;
      const size = Math.ceil(sample.length / shards);
      const shard = (i: number) => sample.slice(i * size, (i + 1) * size);
      const replies = pool.map((worker, i) => ask(worker, 'count', shard(i + 1)));
      const df = countDocumentFrequencies(shard(0));
      for (const reply of await Promise.all(replies)) {
        reply.df?.forEach((count, b) => {
          df[b] = (df[b] ?? 0) + count;
        });
      }
      embedder.fitCounts(df, sample.length);
      const state = embedder.exportState();
      for (const worker of pool) worker.postMessage({ kind: 'state', state } satisfies EncodeRequest);
    },
    async encode(texts) {
      const reply = await ask(itemAt(pool, turn++ % pool.length), 'encode', texts);
      const vectors = Array.from({ length: reply.terms.length }, (_, i) => reply.vectors.subarray(i * setup.dimension, (i + 1) * setup.dimension));
      return { vectors, terms: reply.terms };
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}

function startWorker(setup: WorkerSetup): Worker {
  const ts = import.meta.url.endsWith('.ts');
  return startModuleWorker(new URL(ts ? './encode-worker.ts' : './encode-worker.js', import.meta.url), setup);
}

/** Workers for the built-in embedder when asked for, otherwise the calling thread. */
export function createPassageEncoder(embedder: Embedder, workers: number): PassageEncoder {
  return workers > 0 && embedder instanceof BuiltinEmbedder ? workerEncoder(embedder, workers) : inProcessEncoder(embedder);
}
