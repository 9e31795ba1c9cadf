import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyze, analyzeText } from '../text/analyzer.js';
import { itemAt } from '../shared/arrays.js';
import { BuiltinEmbedder } from './builtin-embedder.js';
import type { Embedder } from './embedder.js';
import type { EncodeReply, EncodeRequest, WorkerSetup } from './encode-worker.js';

/** What ingest needs per chunk: its vector and its BM25 terms. */
export interface EncodedBatch {
  vectors: Float32Array[];
  terms: string[][];
}

export interface PassageEncoder {
  encode(texts: string[]): Promise<EncodedBatch>;
  close(): Promise<void>;
}

/** In the calling thread: analyses each text once when the embedder can use the analysis. */
export function inProcessEncoder(embedder: Embedder): PassageEncoder {
  return {
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
  const waiting = new Map<number, { resolve: (b: EncodedBatch) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (const worker of pool) {
    worker.on('message', (reply: EncodeReply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!entry) return;
      if (reply.error !== undefined) return entry.reject(new Error(`index: encode worker: ${reply.error}`));
      const vectors = Array.from({ length: reply.terms.length }, (_, i) => reply.vectors.subarray(i * setup.dimension, (i + 1) * setup.dimension));
      entry.resolve({ vectors, terms: reply.terms });
    });
    worker.on('error', (err) => {
      for (const entry of waiting.values()) entry.reject(err);
      waiting.clear();
    });
  }
  return {
    encode(texts) {
      const id = nextId++;
      return new Promise<EncodedBatch>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        itemAt(pool, id % pool.length).postMessage({ id, texts } satisfies EncodeRequest);
      });
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}

/**
 * The project runs as TypeScript through tsx (npm start, the CLIs, the benchmarks, vitest), and a
 * worker thread does not inherit a loader: the worker registers tsx's before importing its module.
 */
function startWorker(setup: WorkerSetup): Worker {
  const module = new URL('./encode-worker.ts', import.meta.url);
  if (!module.pathname.endsWith('.ts') || !import.meta.url.endsWith('.ts')) return new Worker(new URL('./encode-worker.js', import.meta.url), { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Workers for the built-in embedder when asked for, otherwise the calling thread. */
export function createPassageEncoder(embedder: Embedder, workers: number): PassageEncoder {
  return workers > 0 && embedder instanceof BuiltinEmbedder ? workerEncoder(embedder, workers) : inProcessEncoder(embedder);
}
