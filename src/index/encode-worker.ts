import { parentPort, workerData } from 'node:worker_threads';
import { BuiltinEmbedder } from './builtin-embedder.js';
import { BuiltinBatches } from './passage-encoder.js';
import { LocalTermIds, type BatchTermIds } from './term-ids.js';

/**
 * A worker thread of passage-encoder.ts: analyses and embeds batches. Started without a state (a full build
 * before its fit), it counts the batches' features for the fit and keeps their analyses; `counts` sends the
 * counts, `state` brings the fitted table, and the kept batches are then embedded and answered in order.
 */

export interface WorkerSetup {
  dimension: number;
  /** The fitted state, or null when the worker is started before the fit (it then gets a `state` message). */
  state: Uint8Array | null;
  /** Send the BM25 terms as numbers (term-ids.ts) rather than strings. */
  termIds?: boolean;
}

export type EncodeRequest =
  | { kind: 'encode'; id: number; texts: string[] }
  | { kind: 'counts'; id: number }
  | { kind: 'state'; state: Uint8Array };

export interface EncodeReply {
  id: number;
  /** All vectors of the batch, one after another (one transferable buffer). */
  vectors: Float32Array;
  terms: string[][];
  /** The terms as numbers (with `WorkerSetup.termIds`; `terms` is then empty). */
  termIds?: BatchTermIds;
  /** Reply to `counts`: document frequencies per bucket, and the passages counted. */
  df?: Uint32Array;
  passages?: number;
  error?: string;
}

const setup = workerData as WorkerSetup;
const embedder = new BuiltinEmbedder({ dimension: setup.dimension });
if (setup.state) embedder.importState(setup.state);
const batches = new BuiltinBatches(embedder, setup.state === null);
const numbering = setup.termIds ? new LocalTermIds() : undefined;

const port = parentPort;
if (!port) throw new Error('encode-worker: must run as a worker thread');

function reply(id: number, terms: string[][], vectors: Float32Array[]): void {
  const all = new Float32Array(terms.length * setup.dimension);
  vectors.forEach((v, i) => all.set(v, i * setup.dimension));
  if (numbering) {
    // Numbered here, in reply order: the build thread takes the batches in that order too.
    const termIds = numbering.encode(terms);
    port?.postMessage({ id, vectors: all, terms: [], termIds } satisfies EncodeReply, [all.buffer, termIds.ids.buffer as ArrayBuffer, termIds.lengths.buffer as ArrayBuffer]);
    return;
  }
  port?.postMessage({ id, vectors: all, terms } satisfies EncodeReply, [all.buffer]);
}

port.on('message', (request: EncodeRequest) => {
  if (request.kind === 'state') {
    const ids = batches.heldIds();
    try {
      for (const held of batches.fitted(request.state)) reply(held.id, held.terms, held.vectors);
    } catch (err) {
      for (const id of ids) port.postMessage({ id, vectors: new Float32Array(0), terms: [], error: (err as Error).message } satisfies EncodeReply);
    }
    return;
  }
  const { id } = request;
  try {
    if (request.kind === 'counts') {
      const { df, passages } = batches.counted();
      port.postMessage({ id, vectors: new Float32Array(0), terms: [], df, passages } satisfies EncodeReply);
      return;
    }
    const encoded = batches.encode(id, request.texts);
    if (encoded) reply(id, encoded.terms, encoded.vectors);
  } catch (err) {
    port.postMessage({ id, vectors: new Float32Array(0), terms: [], error: (err as Error).message } satisfies EncodeReply);
  }
});
