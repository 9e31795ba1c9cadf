import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from '../text/analyzer.js';
import { BuiltinEmbedder } from './builtin-embedder.js';

/** A worker thread of passage-encoder.ts: analyses and embeds batches with the built-in embedder's fitted state. */

export interface WorkerSetup {
  dimension: number;
  state: Uint8Array;
}

export interface EncodeRequest {
  id: number;
  texts: string[];
}

export interface EncodeReply {
  id: number;
  /** All vectors of the batch, one after another (one transferable buffer). */
  vectors: Float32Array;
  terms: string[][];
  error?: string;
}

const setup = workerData as WorkerSetup;
const embedder = new BuiltinEmbedder({ dimension: setup.dimension });
embedder.importState(setup.state);

const port = parentPort;
if (!port) throw new Error('encode-worker: must run as a worker thread');

port.on('message', ({ id, texts }: EncodeRequest) => {
  try {
    const analyses = texts.map(analyzeText);
    const vectors = new Float32Array(texts.length * setup.dimension);
    embedder.embedAnalyzed(analyses).forEach((v, i) => vectors.set(v, i * setup.dimension));
    port.postMessage({ id, vectors, terms: analyses.map((a) => a.terms) } satisfies EncodeReply, [vectors.buffer]);
  } catch (err) {
    port.postMessage({ id, vectors: new Float32Array(0), terms: [], error: (err as Error).message } satisfies EncodeReply);
  }
});
