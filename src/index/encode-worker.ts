import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from '../text/analyzer.js';
import { BuiltinEmbedder, countDocumentFrequencies } from './builtin-embedder.js';

/**
 * A worker thread of passage-encoder.ts: counts document frequencies for the embedder's fit (a shard of
 * the sample), takes the fitted state, then analyses and embeds batches with it.
 */

export interface WorkerSetup {
  dimension: number;
  /** The fitted state, or null when the worker is started before the fit (it then gets a `state` message). */
  state: Uint8Array | null;
}

export type EncodeRequest =
  | { kind: 'encode'; id: number; texts: string[] }
  | { kind: 'count'; id: number; texts: string[] }
  | { kind: 'state'; state: Uint8Array };

export interface EncodeReply {
  id: number;
  /** All vectors of the batch, one after another (one transferable buffer). */
  vectors: Float32Array;
  terms: string[][];
  /** Reply to `count`: document frequencies per bucket. */
  df?: Uint32Array;
  error?: string;
}

const setup = workerData as WorkerSetup;
const embedder = new BuiltinEmbedder({ dimension: setup.dimension });
if (setup.state) embedder.importState(setup.state);

const port = parentPort;
if (!port) throw new Error('encode-worker: must run as a worker thread');

port.on('message', (request: EncodeRequest) => {
  if (request.kind === 'state') {
    embedder.importState(request.state);
    return;
  }
  const { id, texts } = request;
  try {
    if (request.kind === 'count') {
      const df = countDocumentFrequencies(texts);
      port.postMessage({ id, vectors: new Float32Array(0), terms: [], df } satisfies EncodeReply, [df.buffer as ArrayBuffer]);
      return;
    }
    const analyses = texts.map(analyzeText);
    const vectors = new Float32Array(texts.length * setup.dimension);
    embedder.embedAnalyzed(analyses).forEach((v, i) => vectors.set(v, i * setup.dimension));
    port.postMessage({ id, vectors, terms: analyses.map((a) => a.terms) } satisfies EncodeReply, [vectors.buffer]);
  } catch (err) {
    port.postMessage({ id, vectors: new Float32Array(0), terms: [], error: (err as Error).message } satisfies EncodeReply);
  }
});
