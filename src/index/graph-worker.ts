import { parentPort, workerData } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import { itemAt } from '../shared/arrays.js';

/**
 * A worker thread of parallel-graph.ts: owns one HNSW shard during a full build, inserts the batches it
 * is sent (hnswlib inserts one point at a time in the calling thread, so a second shard in a second
 * thread is the way to use a second core for the graph), and writes the shard's file when asked.
 */

export interface GraphSetup {
  dimension: number;
  m: number;
  efConstruction: number;
  capacity: number;
}

export type GraphRequest =
  | { kind: 'add'; id: number; labels: Uint32Array; vectors: Float32Array }
  | { kind: 'save'; id: number; file: string };

export interface GraphReply {
  id: number;
  count?: number;
  error?: string;
}

const setup = workerData as GraphSetup;
const index = new hnswlib.HierarchicalNSW('cosine', setup.dimension);
index.initIndex({ maxElements: Math.max(1, setup.capacity), m: setup.m, efConstruction: setup.efConstruction, allowReplaceDeleted: true });

function handle(request: GraphRequest): GraphReply {
  if (request.kind === 'save') {
    index.writeIndexSync(request.file);
    return { id: request.id, count: index.getCurrentCount() };
  }
  const { labels, vectors } = request;
  const needed = index.getCurrentCount() + labels.length;
  if (needed > index.getMaxElements()) index.resizeIndex(Math.max(needed, index.getMaxElements() * 2));
  for (let i = 0; i < labels.length; i++) {
    index.addPoint(Array.from(vectors.subarray(i * setup.dimension, (i + 1) * setup.dimension)), itemAt(labels, i), true);
  }
  return { id: request.id };
}

const port = parentPort;
if (!port) throw new Error('graph-worker: must run as a worker thread');
port.on('message', (request: GraphRequest) => {
  try {
    port.postMessage(handle(request) satisfies GraphReply);
  } catch (err) {
    port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies GraphReply);
  }
});
