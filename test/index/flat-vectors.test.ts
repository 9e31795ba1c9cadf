import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HnswVectorStore } from '../../src/index/hnsw-vector-store.js';
import { type HnswOptions } from '../../src/index/hnsw-options.js';
import { FLAT_FILE, HNSW_FILE, LABELS_FILE } from '../../src/index/vector-files.js';
import { dot, randomVectors } from '../helpers/random-vectors.js';

/** The float brute-force top k labels of `vectors` (label = index) for `query`, deleted labels left out. */
function bruteForce(vectors: Float32Array[], query: Float32Array, k: number, deleted = new Set<number>()): number[] {
  return [...vectors.keys()]
    .filter((label) => !deleted.has(label))
    .sort((a, b) => dot(vectors[b]!, query) - dot(vectors[a]!, query))
    .slice(0, k);
}

/** Labels of `found` that are in the brute-force top k. */
const overlap = (found: number[], truth: number[]) => found.filter((label) => truth.includes(label)).length;

const dimension = 32;
/** The built-in embedder's options (exact unfiltered search) with a small limit: 1,000 rows ranked in place. */
const exactFirst: Partial<HnswOptions> = { exactUnfiltered: true, exactSearchLimit: 1000 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-flat-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HnswVectorStore, flat form (no graph while every search is exact)', () => {
  const vectors = randomVectors(1200, dimension, 11);
  const queries = randomVectors(8, dimension, 13);

  it('builds no graph within the limit, saves only the int8 vectors and answers the float brute-force top 10, before and after a reload', async () => {
    const store = HnswVectorStore.create(dimension, exactFirst, 900);
    for (let start = 0; start < 900; start += 100) {
      const labels = Array.from({ length: 100 }, (_, i) => start + i);
      store.add(labels, labels.map((label) => vectors[label]!));
    }
    store.markDeleted(5);
    expect(store.form).toBe('flat');
    expect(store.shardCount).toBe(0);
    const firstNine = vectors.slice(0, 900);
    const before = queries.map((q) => store.search(q, 10).map((h) => h.label));
    queries.forEach((q, i) => {
      const truth = bruteForce(firstNine, q, 10, new Set([5]));
      expect(before[i]![0]).toBe(truth[0]);
      expect(overlap(before[i]!, truth)).toBeGreaterThanOrEqual(9);
    });

    expect(await store.save(dir)).toEqual([FLAT_FILE]);
    expect(await readdir(dir)).toEqual([FLAT_FILE]);
    const loaded = await HnswVectorStore.load(dir, dimension, exactFirst, 'flat');
    expect(loaded.form).toBe('flat');
    expect(loaded.size).toBe(899);
    expect(loaded.has(5)).toBe(false);
    expect(queries.map((q) => loaded.search(q, 10).map((h) => h.label))).toEqual(before);
  });

  it('starts with a graph when the planned size is past the limit, the limit is 0, or the embedder does not prefer exact search', () => {
    expect(HnswVectorStore.create(dimension, exactFirst, 1001).form).toBe('graph');
    expect(HnswVectorStore.create(dimension, { ...exactFirst, exactSearchLimit: 0 }, 10).form).toBe('graph');
    expect(HnswVectorStore.create(dimension, { ...exactFirst, exactUnfiltered: false }, 10).form).toBe('graph');
  });

  it('grows the graph once live additions pass the limit: the new vectors are found at once and after settle, and the graph form reloads', async () => {
    const store = HnswVectorStore.create(dimension, exactFirst, 900);
    const old = [...Array(900).keys()];
    store.add(old, old.map((label) => vectors[label]!));
    store.markDeleted(7);
    const fresh = Array.from({ length: 300 }, (_, i) => 900 + i);
    store.stage(fresh, fresh.map((label) => vectors[label]!));
    expect(store.form).toBe('graph');
    // Answerable before the graph holds them: the search is exact until it does.
    for (const label of [900, 1050, 1199]) expect(store.search(vectors[label]!, 1)[0]?.label).toBe(label);
    await store.settle();
    store.markDeleted(901);
    // Now past the limit: the graph answers (a 1,200-point graph at ef ≥ 128 finds each point itself).
    for (const label of [0, 900, 1050, 1199]) expect(store.search(vectors[label]!, 1)[0]?.label).toBe(label);
    expect(store.search(vectors[901]!, 10).map((h) => h.label)).not.toContain(901);
    expect(store.search(vectors[7]!, 10).map((h) => h.label)).not.toContain(7);

    const names = await store.save(dir);
    expect(names).toEqual([HNSW_FILE, LABELS_FILE]);
    const loaded = await HnswVectorStore.load(dir, dimension, exactFirst, 'graph');
    await loaded.settle();
    expect(loaded.size).toBe(1198);
    for (const label of [0, 900, 1050, 1199]) expect(loaded.search(vectors[label]!, 1)[0]?.label).toBe(label);
    const deleted = new Set([7, 901]);
    for (const q of queries) expect(overlap(loaded.search(q, 10).map((h) => h.label), bruteForce(vectors, q, 10, deleted))).toBeGreaterThanOrEqual(8);
  });

  it('grows the graph at once when a build adds past the limit', () => {
    const store = HnswVectorStore.create(dimension, exactFirst);
    const labels = [...vectors.keys()];
    store.add(labels.slice(0, 600), vectors.slice(0, 600));
    expect(store.form).toBe('flat');
    store.add(labels.slice(600), vectors.slice(600));
    expect(store.form).toBe('graph');
    for (const label of [0, 599, 600, 1199]) expect(store.search(vectors[label]!, 1)[0]?.label).toBe(label);
  });

  it('loads a flat store saved under a larger limit and grows its graph in the background, searching exactly meanwhile', async () => {
    const store = HnswVectorStore.create(dimension, exactFirst, 900);
    const labels = [...Array(900).keys()];
    store.add(labels, labels.map((label) => vectors[label]!));
    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, dimension, { ...exactFirst, exactSearchLimit: 0 }, 'flat');
    expect(loaded.form).toBe('graph');
    expect(loaded.search(vectors[450]!, 1)[0]?.label).toBe(450);
    await loaded.settle();
    expect(loaded.copyError).toBeUndefined();
    for (const label of [0, 450, 899]) expect(loaded.search(vectors[label]!, 1)[0]?.label).toBe(label);
  });

  it('names the file and the problem when the int8 vector file is truncated, of another dimension or not one at all', async () => {
    const store = HnswVectorStore.create(dimension, exactFirst, 10);
    store.add([0, 1, 2], vectors.slice(0, 3));
    await store.save(dir);
    const file = path.join(dir, FLAT_FILE);
    const bytes = await readFile(file);
    await expect(HnswVectorStore.load(dir, 16, exactFirst, 'flat')).rejects.toThrow(`vectors: ${file} holds dimension 32, expected 16`);
    await writeFile(file, bytes.subarray(0, bytes.length - 5));
    await expect(HnswVectorStore.load(dir, dimension, exactFirst, 'flat')).rejects.toThrow(
      `vectors: ${file} has ${bytes.length - 5} bytes, expected ${bytes.length} for 3 vectors of dimension 32 (truncated or corrupt)`,
    );
    await writeFile(file, 'not vectors');
    await expect(HnswVectorStore.load(dir, dimension, exactFirst, 'flat')).rejects.toThrow(`vectors: ${file} is not an int8 vector file of this format`);
  });
});
