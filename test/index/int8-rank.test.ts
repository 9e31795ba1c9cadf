import { describe, expect, it } from 'vitest';
import { CodeRows } from '../../src/index/code-rows.js';
import { int8Kernel } from '../../src/index/exact-kernel.js';
import { rankable, rankKernelOver } from '../../src/index/int8-rank-kernel.js';
import { QuantizedVectors } from '../../src/index/quantized-vectors.js';
import type { LabelFilter } from '../../src/index/vector-store.js';
import { wasm } from '../../src/index/wasm-assembler.js';
import { randomVectors, unit } from '../helpers/random-vectors.js';

/** Deterministic pseudo-random int8 codes in [-127, 127], as quantization makes them. */
function randomCodes(count: number, seed: number): Int8Array {
  let s = seed;
  return Int8Array.from({ length: count }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24) % 255 - 127);
}

/** The cosine of two int8 rows, exactly (integer sums, one division), as f32; 0 for a zero row. */
function cosine(a: Int8Array, b: Int8Array): number {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [ab, aa, bb] = [ab + a[i]! * b[i]!, aa + a[i]! * a[i]!, bb + b[i]! * b[i]!];
  return bb === 0 ? 0 : Math.fround(ab / Math.sqrt(aa * bb));
}

describe('int8 rank kernel (WebAssembly SIMD)', () => {
  it('gives each listed row its exact cosine to the query, across batches, in list order, 0 for a zero row', () => {
    const dimension = 48;
    const rows = 300;
    const memory = new wasm.Memory({ initial: 2 });
    const kernel = rankKernelOver(memory, dimension);
    const codes = new Int8Array(memory.buffer, 0, rows * dimension);
    codes.set(randomCodes(rows * dimension, 5));
    codes.fill(0, 17 * dimension, 18 * dimension);
    const query = randomCodes(dimension, 9);
    const queryAt = rows * dimension;
    new Int16Array(memory.buffer, queryAt, dimension).set(query);
    // Descending and repeating rows too: the kernel takes the list as it is.
    const list = [299, 0, 17, 5, 5, ...Array.from({ length: 150 }, (_, i) => (i * 7) % rows)];
    const listAt = queryAt + dimension * 2;
    new Uint32Array(memory.buffer, listAt, list.length).set(list);
    const outAt = listAt + list.length * 4;
    const qq = query.reduce((s, x) => s + x * x, 0);
    kernel.rank(0, queryAt, listAt, list.length, outAt, qq);
    const row = (r: number) => codes.subarray(r * dimension, (r + 1) * dimension);
    expect(Array.from(new Float32Array(memory.buffer, outAt, list.length))).toEqual(list.map((r) => cosine(query, row(r))));
    expect(new Float32Array(memory.buffer, outAt + 8, 1)[0]).toBe(0);
  });

  it('is made for rows of a multiple of 16 codes only', () => {
    expect([384, 16, 2048].map(rankable)).toEqual([true, true, true]);
    expect([0, 100, 4096].map(rankable)).toEqual([false, false, false]);
    expect(() => rankKernelOver(new wasm.Memory({ initial: 1 }), 100)).toThrow(/dimension 100/);
  });
});

describe('CodeRows', () => {
  it('ranks listed rows by exact cosine (ties: the lower row first), skipping the rows `live` refuses, past one chunk of rows', () => {
    const dimension = 16;
    const count = 40_000;
    const rows = new CodeRows(dimension, count);
    rows.codes.set(randomCodes(count * dimension, 3));
    // Two copies of row 100 further on: a tie with it.
    rows.codes.copyWithin(30_000 * dimension, 100 * dimension, 101 * dimension);
    rows.codes.copyWithin(20_000 * dimension, 100 * dimension, 101 * dimension);
    const query = rows.codes.slice(100 * dimension, 101 * dimension);
    const listed = Uint32Array.from({ length: count / 2 }, (_, i) => i * 2);
    const refused = new Set([2, 4, 6]);
    const live = (r: number) => !refused.has(r);
    const hits = rows.rankListed(query, listed, 25, live);
    const expected = Array.from(listed)
      .filter(live)
      .map((label) => ({ label, score: cosine(query, rows.codes.subarray(label * dimension, (label + 1) * dimension)) }))
      .sort((a, b) => b.score - a.score || a.label - b.label)
      .slice(0, 25);
    expect(hits).toEqual(expected);
    expect(hits.slice(0, 3).map((h) => h.label)).toEqual([100, 20_000, 30_000]);
  });

  it('keeps its rows when it grows and leaves the new rows zero (not holding the old scratch areas)', () => {
    const rows = new CodeRows(16, 4);
    rows.codes.set(randomCodes(64, 4));
    const before = rows.codes.slice();
    // A ranking writes the query, the list and the cosines after the rows.
    rows.rankListed(before.subarray(0, 16), Uint32Array.of(0, 1, 2, 3), 2, () => true);
    rows.grow(10_000);
    expect(rows.capacity).toBe(10_000);
    expect(rows.codes.subarray(0, 64)).toEqual(before);
    expect(rows.codes.subarray(64).every((x) => x === 0)).toBe(true);
  });
});

describe('QuantizedVectors prefilter, candidates ranked in place', () => {
  const dimension = 64;
  const vectors = randomVectors(20_000, dimension, 21);
  const copy = new QuantizedVectors(dimension, 0, undefined, 1000);
  vectors.forEach((v, label) => copy.set(label, v));
  copy.delete(7);
  const near = (v: Float32Array) => unit(Array.from(v, (x, d) => x + (d % 5 === 0 ? 0.04 : -0.01)));
  const queries = [...randomVectors(10, dimension, 22), ...[7, 12_345, 19_999].map((l) => near(vectors[l]!))];
  const accepted = Uint32Array.from(vectors.keys()).filter((l) => l % 3 !== 1);
  const filter: LabelFilter = Object.assign((label: number) => label % 3 !== 1, { accepted: { count: accepted.length, labels: () => accepted } });

  it.runIf(int8Kernel)('finds the same labels as copying them for usearch, with the same cosines but for usearch’s rounding', () => {
    const top = (inPlace: boolean, q: Float32Array, f?: LabelFilter) => {
      QuantizedVectors.rankInPlace = inPlace;
      try {
        return copy.top(q, 10, f, 5_000);
      } finally {
        QuantizedVectors.rankInPlace = true;
      }
    };
    for (const q of queries) {
      for (const f of [undefined, filter]) {
        const [inPlace, copied] = [top(true, q, f), top(false, q, f)];
        expect(inPlace.map((h) => h.label)).toEqual(copied.map((h) => h.label));
        inPlace.forEach((h, i) => expect(h.score).toBeCloseTo(copied[i]!.score, 5));
        expect(inPlace.some((h) => h.label === 7)).toBe(false);
      }
    }
  });
});

describe('CodeRows limits', () => {
  it('names the rows and the bytes when they would not fit a WebAssembly memory (4 GiB)', () => {
    expect(() => new CodeRows(384, 12_000_000)).toThrow(/^vectors: 12000000 int8 rows of 384 codes need \d+ bytes, more than a WebAssembly memory holds \(4294967296\)$/);
    expect(() => new CodeRows(384, 10).grow(12_000_000)).toThrow(/12000000 int8 rows/);
  });
});
