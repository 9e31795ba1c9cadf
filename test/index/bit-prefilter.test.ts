import { describe, expect, it } from 'vitest';
import { BitCodes } from '../../src/index/bit-codes.js';
import { hammingKernel, MAX_WEIGHT, PLANES } from '../../src/index/hamming-kernel.js';
import { HnswVectorStore } from '../../src/index/hnsw-vector-store.js';
import { QuantizedVectors } from '../../src/index/quantized-vectors.js';
import type { LabelFilter } from '../../src/index/vector-store.js';
import { dot, randomVectors, unit } from '../helpers/random-vectors.js';

const popcount = (x: number) => {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v >>>= 1) n += v & 1;
  return n;
};

/** Deterministic pseudo-random int8 codes. */
function randomCodes(count: number, seed: number): Int8Array {
  let s = seed;
  return Int8Array.from({ length: count }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24) - 128);
}

/** The float brute-force top k labels among `labels`. */
const bruteForce = (vectors: Float32Array[], labels: number[], query: Float32Array, k: number) =>
  labels
    .map((label) => ({ label, score: dot(vectors[label]!, query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((h) => h.label);

/** A query a little off a stored vector: that vector is its clear nearest. */
const near = (v: Float32Array) => unit(Array.from(v, (x, d) => x + (d % 5 === 0 ? 0.04 : -0.01)));

const acceptOnly = (labels: Uint32Array): LabelFilter => {
  const set = new Set(labels);
  return Object.assign((label: number) => set.has(label), { accepted: { count: labels.length, labels: () => labels } });
};

describe('hamming kernel (WebAssembly)', () => {
  // The loop for any row width, and the function unrolled for rows of exactly `words` words.
  it.each([['the loop', undefined], ['unrolled', 3]])('(%s) gives every row its masked distance to the query, counts the rows by distance and collects those within a cut', (_, unrolled) => {
    const rows = 999;
    const words = 3;
    const k = hammingKernel(4, unrolled);
    const buffer = k.memory.buffer;
    const codes = new Uint32Array(buffer, 0, rows * words * 2);
    codes.set(new Uint32Array(randomCodes(rows * words * 8, 3).buffer));
    const queryAt = rows * words * 8;
    // Signs, then the two weight planes.
    const query = new Uint32Array(buffer, queryAt, words * 2 * (1 + PLANES));
    query.set(new Uint32Array(randomCodes(words * 8 * (1 + PLANES), 5).buffer));
    const histAt = queryAt + words * 8 * (1 + PLANES);
    const most = words * 64 * MAX_WEIGHT;
    const outAt = histAt + (most + 1) * 4;
    const dstAt = outAt + rows * 2 + 2;
    k.hamming(0, queryAt, rows, words, outAt, histAt);
    const distances = new Uint16Array(buffer, outAt, rows);
    const expected = Array.from({ length: rows }, (_, r) => {
      let d = 0;
      for (let i = 0; i < words * 2; i++) {
        const differ = (query[i]! ^ codes[r * words * 2 + i]!) >>> 0;
        for (let m = 1; m <= PLANES; m++) d += popcount(differ & query[m * words * 2 + i]!) << (m - 1);
      }
      return d;
    });
    expect(Array.from(distances)).toEqual(expected);
    const hist = new Uint32Array(buffer, histAt, most + 1);
    expect(hist[140]).toBe(expected.filter((d) => d === 140).length);
    expect(hist.reduce((a, b) => a + b, 0)).toBe(rows);
    const n = k.collect(outAt, rows, 130, dstAt);
    expect(n).toBeGreaterThan(0);
    expect(Array.from(new Uint32Array(buffer, dstAt, n))).toEqual([...expected.keys()].filter((r) => expected[r]! <= 130));
    // Only a list's rows (a filter's): the i-th listed row's distance at out[i], and only those counted.
    const list = [2, 3, 500, 501, 998];
    const listAt = dstAt + rows * 4;
    new Uint32Array(buffer, listAt, list.length).set(list);
    hist.fill(0);
    k.listed(0, queryAt, listAt, list.length, words, outAt, histAt);
    expect(Array.from(new Uint16Array(buffer, outAt, list.length))).toEqual(list.map((r) => expected[r]));
    expect(hist.reduce((a, b) => a + b, 0)).toBe(list.length);
    expect(hist[expected[500]!]).toBe(list.filter((r) => expected[r] === expected[500]).length);
    // The same picked from a scan of every row.
    k.hamming(0, queryAt, rows, words, outAt, histAt);
    hist.fill(0);
    const pickedAt = listAt + list.length * 4;
    k.pick(outAt, listAt, list.length, pickedAt, histAt);
    expect(Array.from(new Uint16Array(buffer, pickedAt, list.length))).toEqual(list.map((r) => expected[r]));
    expect(hist.reduce((a, b) => a + b, 0)).toBe(list.length);
  });
});

describe('BitCodes', () => {
  const dimension = 128;
  const rows = 3000;
  const codes = randomCodes(rows * dimension, 7);
  const bits = new BitCodes(dimension, 10);
  for (let r = 0; r < rows; r++) bits.set(r, codes.subarray(r * dimension, (r + 1) * dimension));
  // A sparse query, as a question's vector is: 40 non-zero components.
  const query = randomCodes(dimension, 9).map((x, i) => (i % 3 === 0 && i < 120 ? x || 1 : 0));
  const byMagnitude = [...query.keys()].filter((i) => query[i] !== 0).sort((a, b) => Math.abs(query[b]!) - Math.abs(query[a]!) || a - b);
  // Sign disagreements on the query's non-zero components, its strongest third and ninth counting again.
  const distance = (r: number) =>
    [1, 1 / 3, 1 / 9].reduce(
      (sum, share) => sum + byMagnitude.slice(0, Math.ceil(byMagnitude.length * share)).filter((i) => (query[i]! > 0) !== (codes[r * dimension + i]! > 0)).length,
      0,
    );

  it('picks at least the asked number of rows, every row nearer than the farthest picked and none farther, as it grows', () => {
    const picked = Array.from(bits.nearest(query, rows, 100));
    expect(picked.length).toBeGreaterThanOrEqual(100);
    const cut = Math.max(...picked.map(distance));
    expect(picked).toEqual([...Array(rows).keys()].filter((r) => distance(r) <= cut));
    // The cut is the smallest that takes in 100 rows.
    expect([...Array(rows).keys()].filter((r) => distance(r) < cut).length).toBeLessThan(100);
  });

  // A seventh of the rows: scanned all, then picked; an eleventh: scanned one by one.
  it.each([7, 11])("with a filter's accepted rows (one in %i), picks among them only; a cleared row counts as all signs negative", (every) => {
    const accepted = Uint32Array.from([...Array(rows).keys()].filter((r) => r % every === 3));
    const picked = Array.from(bits.nearest(query, rows, 50, accepted));
    expect(picked.length).toBeGreaterThanOrEqual(50);
    expect(picked.every((r) => r % every === 3)).toBe(true);
    const cut = Math.max(...picked.map(distance));
    expect(picked).toEqual(Array.from(accepted).filter((r) => distance(r) <= cut));
    bits.clear(3);
    expect(bits.nearest(new Int8Array(dimension).fill(-1), rows, 1)).toContain(3);
    bits.set(3, codes.subarray(3 * dimension, 4 * dimension));
  });
});

describe("BitCodes.setRows (every row at once, as a loaded store's first prefiltered search sets them)", () => {
  // 128 codes a row: four a word; 102: not a multiple of four, so a row at a time.
  it.each([128, 102])('gives every row the signs set() gives it, zero codes negative, refused rows empty (%i codes a row)', (dimension) => {
    const rows = 2000;
    // Zeros, -128 and 127 among random codes: the edges of "positive".
    const codes = randomCodes(rows * dimension, 11).map((x, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? -128 : i % 13 === 0 ? 127 : x));
    const refused = (row: number) => row % 9 === 4;
    const one = new BitCodes(dimension, rows);
    for (let r = 0; r < rows; r++) if (!refused(r)) one.set(r, codes.subarray(r * dimension, (r + 1) * dimension));
    const all = new BitCodes(dimension, rows);
    all.setRows(codes, rows, (r) => !refused(r));
    for (let seed = 1; seed <= 12; seed++) {
      const query = randomCodes(dimension, 100 + seed).map((x, i) => (i % 4 === seed % 4 ? x || 1 : 0));
      for (const count of [1, 10, 200]) expect(Array.from(all.nearest(query, rows, count))).toEqual(Array.from(one.nearest(query, rows, count)));
    }
    // A refused row has no positive sign: it is among the nearest rows of an all-negative query.
    expect(Array.from(all.nearest(new Int8Array(dimension).fill(-1), rows, 1))).toContain(4);
    // An all-positive row disagrees with that query everywhere.
    const positive = new Int8Array(rows * dimension).fill(1);
    const allPositive = new BitCodes(dimension, rows);
    allPositive.setRows(positive, rows, () => true);
    expect(Array.from(allPositive.nearest(new Int8Array(dimension).fill(-1), rows, 1))).toHaveLength(rows);
  });
});

describe('QuantizedVectors prefilter (past the exact budget)', () => {
  const dimension = 64;
  const vectors = randomVectors(20_000, dimension, 21);
  const labels = [...vectors.keys()];
  const copy = new QuantizedVectors(dimension, 0, undefined, 1000);
  vectors.forEach((v, label) => copy.set(label, v));
  const queries = [...randomVectors(10, dimension, 22), ...[7, 12_345, 19_999].map((l) => near(vectors[l]!))];

  it('ranks only the candidates the sign bits pick when a full scan is over budget, finding most of the exact top 10', () => {
    let found = 0;
    const bytes = copy.bytes;
    for (const q of queries) {
      const truth = bruteForce(vectors, labels, q, 10);
      const hits = copy.top(q, 10, undefined, 5_000);
      expect(hits).toHaveLength(10);
      expect(hits[0]!.label).toBe(truth[0]);
      found += hits.filter((h) => truth.includes(h.label)).length;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.9);
    // The sign bits were made for it (1,000 of the 20,000 rows ranked by their int8 codes).
    expect(copy.bytes).toBeGreaterThan(bytes + 20_000 * 8);
    // Within budget: the exact scan, as before.
    expect(copy.top(queries[0]!, 10).map((h) => h.label)).toEqual(bruteForce(vectors, labels, queries[0]!, 10));
  });

  it("with a filter past the budget: only accepted labels, most of their exact top 10, never a deleted one", () => {
    const accepted = Uint32Array.from(labels.filter((l) => l % 3 !== 1 && l !== 12_345));
    copy.delete(7);
    const allowed = Array.from(accepted).filter((l) => l !== 7);
    let found = 0;
    for (const q of queries) {
      const hits = copy.top(q, 10, acceptOnly(accepted), 5_000);
      expect(hits.every((h) => h.label % 3 !== 1 && h.label !== 7 && h.label !== 12_345)).toBe(true);
      const truth = bruteForce(vectors, allowed, q, 10);
      found += hits.filter((h) => truth.includes(h.label)).length;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('HnswVectorStore with the prefilter', () => {
  it('keeps a store flat (no graph) past the exact scan limit while the prefilter fits it, and finds a stored vector from a query near it', () => {
    const dimension = 32;
    const count = 60_000;
    const vectors = randomVectors(count, dimension, 31);
    // A scan of 60k rows is over this limit; the prefilter (60k / 10 + 8,000 candidates × 6) is not.
    const store = HnswVectorStore.create(dimension, { exactUnfiltered: true, exactSearchLimit: 55_000 }, count);
    expect(store.form).toBe('flat');
    const labels = [...vectors.keys()];
    store.add(labels, vectors);
    expect(store.form).toBe('flat');
    for (const label of [0, 4_321, 59_999]) expect(store.search(near(vectors[label]!), 10)[0]!.label).toBe(label);
  });
});

describe('BitCodes growth', () => {
  it('leaves the rows between the old capacity and a new far row empty, not holding the old scratch areas', () => {
    const dimension = 64;
    const bits = new BitCodes(dimension, 4);
    const ones = new Int8Array(dimension).fill(1);
    for (let r = 0; r < 4; r++) bits.set(r, ones);
    // A search fills the scratch areas (the query's signs and planes, the distances) with non-zero bytes.
    bits.nearest(ones, 4, 2);
    bits.set(40, ones);
    // Every row but 0-3 and 40 is empty: all signs negative, at the largest distance from an all-positive query.
    const picked = Array.from(bits.nearest(ones, 41, 5));
    expect(picked).toEqual([0, 1, 2, 3, 40]);
  });
});
