import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { itemAt } from '../shared/arrays.js';
import { syncFile } from '../shared/atomic-write.js';
import { startModuleWorker } from '../shared/ts-worker.js';
import type { GraphReply, GraphRequest, GraphSetup } from './graph-worker.js';
import { type HnswOptions } from './hnsw-options.js';
import { shardFile, writeLabels } from './vector-files.js';

/**
 * The HNSW graph of a full build grown as `shards` graphs, each in its own worker thread, so graph
 * insertion (the build thread's largest cost: ~1.3 ms a point at 100k) uses every core instead of one.
 * Batches go to the shards in turn; `save` has each worker write its shard's file beside the labels
 * file, in the layout `HnswVectorStore.load` reads (which searches every shard and merges the hits).
 * Only `save` is offered: the build loads the written store back for serving.
 */
export class ParallelGraphBuilder {
  private readonly waiting = new Map<number, { resolve: (r: GraphReply) => void; reject: (e: Error) => void }>();
  /** Unacknowledged batches per shard: the build thread waits when a shard falls this far behind. */
  private readonly pending: Array<Array<Promise<GraphReply>>>;
  private readonly labels: number[] = [];
  private nextId = 0;
  private turn = 0;
  private failure: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    private readonly dimension: number,
  ) {
    this.pending = workers.map(() => []);
    for (const worker of workers) {
      worker.on('message', (reply: GraphReply) => {
        const entry = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (!entry) return;
        if (reply.error !== undefined) entry.reject(new Error(`index: graph worker: ${reply.error}`));
        else entry.resolve(reply);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`index: graph worker exited with ${code}`));
      });
    }
  }

  /** `expected`: points to be added in all (the shards are sized for their share up front). */
  static start(dimension: number, options: HnswOptions, shards: number, expected: number): ParallelGraphBuilder {
    const setup: GraphSetup = { dimension, m: options.m, efConstruction: options.efConstruction, capacity: Math.ceil(expected / shards) + 1024 };
    const ts = import.meta.url.endsWith('.ts');
    const module = new URL(ts ? './graph-worker.ts' : './graph-worker.js', import.meta.url);
    return new ParallelGraphBuilder(Array.from({ length: shards }, () => startModuleWorker(module, setup)), dimension);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const entry of this.waiting.values()) entry.reject(err);
    this.waiting.clear();
  }

  private ask(shard: number, request: GraphRequest, transfer: ArrayBuffer[] = []): Promise<GraphReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<GraphReply>((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      itemAt(this.workers, shard).postMessage(request, transfer);
    });
  }

  /** Sends one batch to the next shard; resolves at once unless that shard is far behind. */
  async add(labels: readonly number[], vectors: readonly Float32Array[]): Promise<void> {
    const shard = this.turn++ % this.workers.length;
    const flat = new Float32Array(labels.length * this.dimension);
    vectors.forEach((v, i) => {
      if (v.length !== this.dimension) throw new Error(`vectors: vector for label ${labels[i]} has dimension ${v.length}, expected ${this.dimension}`);
      flat.set(v, i * this.dimension);
    });
    const request: GraphRequest = { kind: 'add', id: this.nextId++, labels: Uint32Array.from(labels), vectors: flat };
    const queue = itemAt(this.pending, shard);
    queue.push(this.ask(shard, request, [flat.buffer as ArrayBuffer]));
    // Keeps the memory of batches in flight bounded when insertion is slower than encoding.
    while (queue.length > MAX_PENDING) await queue.shift();
    this.labels.push(...labels);
  }

  /** Waits for every shard, writes and syncs their files and the labels file into dir; returns the names. */
  async save(dir: string): Promise<string[]> {
    await Promise.all(this.pending.flat());
    const names = this.workers.map((_, i) => shardFile(i));
    await Promise.all(names.map((name, i) => this.ask(i, { kind: 'save', id: this.nextId++, file: path.join(dir, name) })));
    await Promise.all(names.map((name) => syncFile(path.join(dir, name))));
    names.push(await writeLabels(dir, this.dimension, this.workers.length, this.labels));
    return names;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const MAX_PENDING = 4;
