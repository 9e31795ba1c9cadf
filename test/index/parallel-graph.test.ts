import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HnswVectorStore } from '../../src/index/hnsw-vector-store.js';
import { DEFAULT_HNSW } from '../../src/index/hnsw-options.js';
import { ParallelGraphBuilder } from '../../src/index/parallel-graph.js';

/** Deterministic pseudo-random unit vectors. */
function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dimension }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function exactTop(vectors: readonly Float32Array[], query: Float32Array, k: number, skip: ReadonlySet<number> = new Set()): number[] {
  return vectors
    .map((v, label) => ({ label, score: v.reduce((sum, x, d) => sum + x * query[d]!, 0) }))
    .filter((h) => !skip.has(h.label))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((h) => h.label);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-graph-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ParallelGraphBuilder', () => {
  it('grows two shards in worker threads that the store loads and searches as one: exact top 5, deletions and live additions across shards', async () => {
    const vectors = randomVectors(700, 16, 5);
    const builder = ParallelGraphBuilder.start(16, DEFAULT_HNSW, 2, 600);
    try {
      for (let start = 0; start < 600; start += 100) {
        await builder.add(
          vectors.slice(start, start + 100).map((_, i) => start + i),
          vectors.slice(start, start + 100),
        );
      }
      expect((await builder.save(dir)).sort()).toEqual(['vectors.1.hnsw', 'vectors.hnsw', 'vectors.labels']);
    } finally {
      await builder.close();
    }
    expect((await readdir(dir)).sort()).toEqual(['vectors.1.hnsw', 'vectors.hnsw', 'vectors.labels']);

    const store = await HnswVectorStore.load(dir, 16);
    expect(store.size).toBe(600);
    expect(store.shardCount).toBe(2);
    const queries = randomVectors(20, 16, 77);
    // 600 points in two small graphs at ef 128: hnswlib is exact here, so the merged top 5 is the exact one.
    for (const q of queries) expect(store.search(q, 5).map((h) => h.label)).toEqual(exactTop(vectors.slice(0, 600), q, 5));

    // Labels 0-99 went to one shard, 100-199 to the other: deleting from both works.
    store.markDeleted(0);
    store.markDeleted(150);
    expect(store.search(vectors[0]!, 3).map((h) => h.label)).not.toContain(0);
    expect(store.search(vectors[150]!, 3).map((h) => h.label)).not.toContain(150);
    store.add([600], [vectors[600]!]);
    store.stage([601], [vectors[601]!]);
    await store.settle();
    expect(store.search(vectors[601]!, 1)[0]!.label).toBe(601);

    await store.save(dir);
    const again = await HnswVectorStore.load(dir, 16);
    expect(again.size).toBe(600);
    const deleted = new Set([0, 150]);
    for (const q of queries) expect(again.search(q, 5).map((h) => h.label)).toEqual(exactTop(vectors.slice(0, 602), q, 5, deleted));
  });
});
