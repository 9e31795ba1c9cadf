import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HnswVectorStore } from '../../src/index/hnsw-vector-store.js';

const unit = (...xs: number[]) => {
  const norm = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / norm);
};

/** Deterministic pseudo-random unit vectors. */
function randomVectors(count: number, dimension: number, seed = 1): Float32Array[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => unit(...Array.from({ length: dimension }, next)));
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-vectors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HnswVectorStore', () => {
  it('finds staged vectors at once, as the graph finds them after settle; a staged vector deleted is gone; save writes them', async () => {
    const vectors = randomVectors(300, 16, 7);
    const store = HnswVectorStore.create(16);
    store.add(vectors.slice(0, 200).map((_, i) => i), vectors.slice(0, 200));
    store.stage(vectors.slice(200).map((_, i) => 200 + i), vectors.slice(200));
    store.markDeleted(250);
    expect(store.size).toBe(299);
    const queries = randomVectors(20, 16, 99);
    const before = queries.map((q) => store.search(q, 5, (label) => label !== 201));
    // Its own vector finds a staged point first, with cosine 1.
    expect(store.search(vectors[260]!, 1)[0]).toMatchObject({ label: 260, score: expect.closeTo(1, 5) });
    expect(store.search(vectors[250]!, 300).map((h) => h.label)).not.toContain(250);
    await store.settle();
    const after = queries.map((q) => store.search(q, 5, (label) => label !== 201));
    expect(before.map((hits) => hits.map((h) => h.label))).toEqual(after.map((hits) => hits.map((h) => h.label)));
    expect(before.flat().map((h) => h.label)).not.toContain(201);

    const other = HnswVectorStore.create(16);
    other.stage([0, 1], vectors.slice(0, 2));
    await other.save(dir);
    const loaded = await HnswVectorStore.load(dir, 16);
    expect(loaded.search(vectors[1]!, 1)[0]!.label).toBe(1);
  });

  it('returns cosine similarities, best first', () => {
    const store = HnswVectorStore.create(3);
    store.add([10, 11, 12], [unit(1, 0, 0), unit(1, 1, 0), unit(-1, 0, 0)]);
    const hits = store.search(unit(1, 0, 0), 3);
    expect(hits.map((h) => h.label)).toEqual([10, 11, 12]);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(hits[1]!.score).toBeCloseTo(Math.SQRT1_2, 5);
    expect(hits[2]!.score).toBeCloseTo(-1, 5);
  });

  it('grows past its initial capacity and finds every vector as its own nearest neighbour', () => {
    const vectors = randomVectors(300, 16);
    const store = HnswVectorStore.create(16, { initialCapacity: 8 });
    for (let i = 0; i < vectors.length; i += 50) {
      store.add(vectors.slice(i, i + 50).map((_, j) => i + j), vectors.slice(i, i + 50));
    }
    expect(store.size).toBe(300);
    const selfHits = vectors.filter((v, i) => store.search(v, 1)[0]?.label === i).length;
    expect(selfHits).toBe(300);
  });

  it('never returns deleted labels, and reuses their slots for new ones', () => {
    const [a, b, c] = [unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)];
    const store = HnswVectorStore.create(3);
    store.add([0, 1], [a, b]);
    store.markDeleted(0);
    expect(store.size).toBe(1);
    expect(store.has(0)).toBe(false);
    expect(store.search(a, 5).map((h) => h.label)).toEqual([1]);
    store.add([2], [c]);
    expect(store.search(c, 1)[0]?.label).toBe(2);
    expect(() => store.markDeleted(0)).toThrow('vectors: no label 0 to delete');
  });

  it('applies a label filter inside the search', () => {
    const vectors = randomVectors(200, 8, 7);
    const store = HnswVectorStore.create(8);
    store.add(vectors.map((_, i) => i), vectors);
    const hits = store.search(vectors[0]!, 10, (label) => label % 50 === 3);
    expect(hits.map((h) => h.label).sort((x, y) => x - y)).toEqual([3, 53, 103, 153]);
  });

  it('ranks the labels a selective filter accepts by exact similarity (added, staged, after a deletion, once loaded); a wider one (above the limit) walks the graph', async () => {
    const dimension = 24;
    const vectors = randomVectors(3000, dimension, 11);
    const store = HnswVectorStore.create(dimension, { exactSearchLimit: 2000 });
    store.add(vectors.slice(0, 2900).map((_, i) => i), vectors.slice(0, 2900));
    store.stage(vectors.slice(2900).map((_, i) => 2900 + i), vectors.slice(2900));
    store.markDeleted(25);
    /** A filter accepting every label with this remainder mod `step`, counting the calls a graph walk makes. */
    const filterOf = (step: number) => {
      const labels = Uint32Array.from(vectors.keys()).filter((label) => label % step === 5 && label !== 25);
      const calls = { count: 0 };
      const filter = Object.assign((label: number) => (calls.count++, label % step === 5), { accepted: { count: labels.length, labels: () => labels } });
      return { filter, labels, calls };
    };
    const bruteForce = (query: Float32Array, labels: Uint32Array, k: number) =>
      [...labels]
        .map((label) => ({ label, score: vectors[label]!.reduce((sum, x, d) => sum + x * query[d]!, 0) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, k);
    const queries = randomVectors(20, dimension, 5);

    const few = filterOf(20); // 149 labels, staged ones among them: cost 149 × 12 gathered rows
    const exact = queries.map((q) => store.search(q, 10, few.filter));
    expect(few.calls.count).toBe(0);
    for (const [i, q] of queries.entries()) {
      const expected = bruteForce(q, few.labels, 10);
      // The brute-force ten but for int8 rounding (a score's error is below 0.005): a hit that is not among
      // them ties with the tenth within that error, and every score is the true one within it.
      const tenth = expected[9]!.score;
      const truth = new Map(bruteForce(q, few.labels, few.labels.length).map((h) => [h.label, h.score]));
      expect(exact[i]!.filter((hit) => !expected.some((e) => e.label === hit.label)).every((hit) => truth.get(hit.label)! > tenth - 0.01)).toBe(true);
      expect(exact[i]!.filter((hit) => expected.some((e) => e.label === hit.label)).length).toBeGreaterThanOrEqual(9);
      for (const hit of exact[i]!) expect(Math.abs(hit.score - truth.get(hit.label)!)).toBeLessThan(0.005);
    }
    expect(exact.flat().map((h) => h.label)).not.toContain(25);

    const many = filterOf(10); // 299 labels: cost 3,000 rows (the whole store), above the limit of 2,000
    store.search(queries[0]!, 10, many.filter);
    expect(many.calls.count).toBeGreaterThan(0);

    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, dimension, { exactSearchLimit: 2000 });
    // The int8 copy is read in the background: until then the graph answers.
    expect(loaded.search(queries[0]!, 10, few.filter)).toHaveLength(10);
    expect(few.calls.count).toBeGreaterThan(0);
    await loaded.settle();
    expect(loaded.copyError).toBeUndefined();
    few.calls.count = 0;
    expect(queries.map((q) => loaded.search(q, 10, few.filter).map((h) => h.label))).toEqual(exact.map((hits) => hits.map((h) => h.label)));
    expect(few.calls.count).toBe(0);
  });

  it('a loaded graph fills its int8 copy only for the first search that ranks exactly, with the vectors added before it', async () => {
    const dimension = 16;
    const vectors = randomVectors(1200, dimension, 21);
    const store = HnswVectorStore.create(dimension, { exactSearchLimit: 900 });
    store.add(vectors.slice(0, 1000).map((_, i) => i), vectors.slice(0, 1000));
    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, dimension, { exactSearchLimit: 900 });
    const filterOf = (labels: number[]) => Object.assign((label: number) => labels.includes(label), { accepted: { count: labels.length, labels: () => Uint32Array.from(labels) } });
    // Unfiltered, and a filter too wide to rank exactly (all 1,000 rows, or 120 × 12 gathered, > 900): the graph, no copy.
    loaded.search(vectors[0]!, 5);
    loaded.search(vectors[0]!, 5, filterOf(Array.from({ length: 120 }, (_, i) => i * 3)));
    expect(loaded.copyBytes).toBe(0);
    // Added and staged before the copy exists: the copy takes them from the graph and the staged map.
    loaded.add([1000, 1001], vectors.slice(1000, 1002));
    loaded.stage([1002], vectors.slice(1002, 1003));
    loaded.markDeleted(7);
    const few = filterOf([7, 500, 1000, 1001, 1002]);
    expect(loaded.search(vectors[1001]!, 3, few)[0]?.label).toBe(1001);
    expect(loaded.copyBytes).toBeGreaterThan(0);
    await loaded.settle();
    expect(loaded.copyError).toBeUndefined();
    for (const label of [500, 1000, 1001, 1002]) expect(loaded.search(vectors[label]!, 4, few)[0]?.label).toBe(label);
    expect(loaded.search(vectors[7]!, 4, few).map((h) => h.label)).not.toContain(7);
  });

  it('a loaded graph saved elsewhere (a live persist) fills its int8 copy from the new files once the old ones are gone', async () => {
    const dimension = 16;
    const vectors = randomVectors(1100, dimension, 22);
    const store = HnswVectorStore.create(dimension, { exactSearchLimit: 900 });
    store.add(vectors.slice(0, 1000).map((_, i) => i), vectors.slice(0, 1000));
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    await mkdir(first);
    await mkdir(second);
    await store.save(first);
    const loaded = await HnswVectorStore.load(first, dimension, { exactSearchLimit: 900 });
    loaded.stage([1000], vectors.slice(1000, 1001));
    await loaded.save(second);
    await rm(first, { recursive: true });
    const few = Object.assign((label: number) => label === 3 || label === 1000, { accepted: { count: 2, labels: () => Uint32Array.from([3, 1000]) } });
    loaded.search(vectors[3]!, 2, few);
    await loaded.settle();
    expect(loaded.copyError).toBeUndefined();
    expect(loaded.search(vectors[1000]!, 2, few).map((h) => h.label)).toEqual([1000, 3]);
  });

  it('walks the graph for every filter when the exact path is turned off (exactSearchLimit 0, VECTOR_EXACT_LIMIT=0)', async () => {
    const dimension = 8;
    const vectors = randomVectors(300, dimension, 3);
    const store = HnswVectorStore.create(dimension, { exactSearchLimit: 0 });
    store.add(vectors.map((_, i) => i), vectors);
    const labels = Uint32Array.from(vectors.keys()).filter((label) => label % 50 === 1);
    const calls = { count: 0 };
    const filter = Object.assign((label: number) => (calls.count++, label % 50 === 1), { accepted: { count: labels.length, labels: () => labels } });
    const hits = store.search(vectors[1]!, 3, filter);
    expect(hits[0]?.label).toBe(1);
    expect(calls.count).toBeGreaterThan(0);
    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, dimension, { exactSearchLimit: 0 });
    await loaded.settle();
    calls.count = 0;
    expect(loaded.search(vectors[1]!, 3, filter)[0]?.label).toBe(1);
    expect(calls.count).toBeGreaterThan(0);
  });

  it('rejects vectors of the wrong dimension and repeated labels, naming them', () => {
    const store = HnswVectorStore.create(3);
    expect(() => store.add([5], [new Float32Array(4)])).toThrow('vectors: vector for label 5 has dimension 4, expected 3');
    store.add([1], [unit(1, 0, 0)]);
    expect(() => store.add([1], [unit(0, 1, 0)])).toThrow('vectors: label 1 already present');
  });

  it('saves and loads with the same results and deletions', async () => {
    const vectors = randomVectors(100, 12, 3);
    const store = HnswVectorStore.create(12);
    store.add(vectors.map((_, i) => i), vectors);
    store.markDeleted(7);
    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, 12);
    expect(loaded.size).toBe(99);
    expect(loaded.has(7)).toBe(false);
    for (const q of [vectors[7]!, vectors[42]!]) {
      expect(loaded.search(q, 5)).toEqual(store.search(q, 5));
    }
    expect(loaded.search(vectors[7]!, 99).some((h) => h.label === 7)).toBe(false);
  });

  it('refuses to load vectors of another dimension', async () => {
    const store = HnswVectorStore.create(4);
    store.add([0], [unit(1, 2, 3, 4)]);
    await store.save(dir);
    await expect(HnswVectorStore.load(dir, 8)).rejects.toThrow(`vectors: ${dir} holds dimension 4, expected 8`);
  });
});
