import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../src/index/builtin-embedder.js';
import { int8Kernel, type Int8Kernel } from '../../src/index/exact-kernel.js';
import { HnswVectorStore } from '../../src/index/hnsw-vector-store.js';
import { hnswOptionsFor } from '../../src/index/hnsw-options.js';
import { QuantizedVectors } from '../../src/index/quantized-vectors.js';
import type { LabelFilter, LabelHit } from '../../src/index/vector-store.js';
import { dot, randomVectors, unit } from '../helpers/random-vectors.js';

/** A filter accepting `labels` (ascending), with its accepted list. */
const acceptOnly = (labels: Uint32Array): LabelFilter => {
  const set = new Set(labels);
  return Object.assign((label: number) => set.has(label), { accepted: { count: labels.length, labels: () => labels } });
};

/**
 * `hits` are the float brute-force top k of `candidates` but for int8 rounding: every hit's score is its true
 * cosine within 0.01, and a hit outside the true top k ties with the k-th within that error.
 */
function expectBruteForce(hits: LabelHit[], query: Float32Array, vectors: Float32Array[], candidates: number[], k: number): void {
  const truth = new Map(candidates.map((label) => [label, dot(vectors[label]!, query)]));
  const expected = [...truth].sort((a, b) => b[1] - a[1]).slice(0, k);
  const kth = expected.at(-1)![1];
  expect(hits).toHaveLength(expected.length);
  for (const hit of hits) {
    expect(truth.has(hit.label)).toBe(true);
    expect(Math.abs(hit.score - truth.get(hit.label)!)).toBeLessThan(0.01);
    if (!expected.some(([label]) => label === hit.label)) expect(truth.get(hit.label)!).toBeGreaterThan(kth - 0.02);
  }
  expect(hits.filter((hit) => expected.some(([label]) => label === hit.label)).length).toBeGreaterThanOrEqual(k - 1);
  expect(hits[0]!.label).toBe(expected[0]![0]);
}

describe('QuantizedVectors', () => {
  const dimension = 64;
  const vectors = randomVectors(2000, dimension, 17);
  // A query near a stored vector has one clear best label: a wrong row-to-label mapping loses it.
  const queries = [...randomVectors(6, dimension, 23), ...[42, 1000, 1999].map((label) => unit(Array.from(vectors[label]!, (x, d) => x + (d % 7 === 0 ? 0.05 : 0))))];
  const filled = (kernel: Int8Kernel | null = int8Kernel ?? null) => {
    const q = new QuantizedVectors(dimension, 16, kernel);
    vectors.forEach((v, label) => q.set(label, v));
    q.delete(42);
    return q;
  };
  const live = [...vectors.keys()].filter((label) => label !== 42);

  it('loads the native kernel (usearch) on this platform', () => {
    expect(int8Kernel).toBeDefined();
  });

  for (const [name, kernel] of [['the native kernel', int8Kernel ?? null], ['the JavaScript fallback', null]] as const) {
    it(`with ${name}: the float brute-force top 10 of all labels, of a few (gathered) and of most (ranked in place); never a deleted label`, () => {
      const store = filled(kernel);
      expect(store.native).toBe(kernel !== null);
      const few = Uint32Array.from(live.filter((label) => label % 97 === 4));
      const most = Uint32Array.from(live.filter((label) => label % 3 !== 0));
      for (const query of queries) {
        expectBruteForce(store.top(query, 10), query, vectors, live, 10);
        expectBruteForce(store.top(query, 10, acceptOnly(few)), query, vectors, [...few], 10);
        expectBruteForce(store.top(query, 10, acceptOnly(most)), query, vectors, [...most], 10);
        expect(store.top(query, 2000).map((h) => h.label)).not.toContain(42);
      }
      // Fewer accepted than asked: all of them.
      expect(store.top(queries[0]!, 10, acceptOnly(Uint32Array.of(7, 8, 42))).map((h) => h.label).sort()).toEqual([7, 8]);
    });
  }

  it('without the native kernel, counts a full scan as too costly for an unfiltered exact search at this size', () => {
    // The JavaScript loop ranks contiguous rows ≈ 8 times slower: the store then walks the graph (as before the kernel).
    expect(filled(null).cost()).toBeGreaterThan(filled().cost() * 4);
    expect(filled().cost()).toBe(2000);
    expect(filled().cost(10)).toBeLessThan(2000);
  });
});

describe('exact unfiltered search', () => {
  it('is on for the built-in embedder only, and finds the brute-force top 10 where a sparse graph does not', () => {
    expect(hnswOptionsFor(new BuiltinEmbedder()).exactUnfiltered).toBe(true);
    expect(hnswOptionsFor({}).exactUnfiltered).toBe(false);
    expect(hnswOptionsFor(new BuiltinEmbedder(), { exactUnfiltered: false }).exactUnfiltered).toBe(false);

    const dimension = 32;
    const vectors = randomVectors(3000, dimension, 5);
    // A poor graph (degree 2, a tiny candidate list): its top 10 misses much of the exact one.
    const sparse = { m: 2, efConstruction: 8, efSearch: 1, maxEfSearch: 1, exactSearchLimit: 10_000 };
    const exact = HnswVectorStore.create(dimension, { ...sparse, exactUnfiltered: true });
    const graph = HnswVectorStore.create(dimension, { ...sparse, exactUnfiltered: false });
    for (const store of [exact, graph]) store.add([...vectors.keys()], vectors);
    const queries = randomVectors(10, dimension, 9);
    const found = { exact: 0, graph: 0 };
    for (const query of queries) {
      const scores = vectors.map((v) => dot(v, query));
      const truth = new Set([...vectors.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10));
      found.exact += exact.search(query, 10).filter((h) => truth.has(h.label)).length;
      found.graph += graph.search(query, 10).filter((h) => truth.has(h.label)).length;
    }
    expect(found.exact).toBeGreaterThanOrEqual(95);
    expect(found.graph).toBeLessThan(90);
  });
});

describe('the native kernel (usearch) and views', () => {
  it.runIf(int8Kernel)('ranks a view that starts inside its buffer as a copy of it (usearch reads a buffer from its start)', () => {
    const dimension = 16;
    const buffer = new Int8Array(64 + 3 * dimension);
    const rows = buffer.subarray(64);
    for (let r = 0; r < 3; r++) rows[r * dimension + r] = 100;
    const query = new Int8Array(32).subarray(16);
    query[2] = 100;
    const ranked = int8Kernel!.nearest(rows, query, dimension, 1);
    expect(Number(ranked.rows[0])).toBe(2);
    expect(ranked.cosines[0]).toBeCloseTo(1, 5);
  });
});
