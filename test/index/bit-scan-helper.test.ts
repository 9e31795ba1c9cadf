import { afterAll, describe, expect, it, vi } from 'vitest';
import { BitCodes } from '../../src/index/bit-codes.js';
import { QuantizedVectors } from '../../src/index/quantized-vectors.js';
import { randomVectors } from '../helpers/random-vectors.js';

/** Deterministic pseudo-random int8 codes. */
function randomCodes(count: number, seed: number): Int8Array {
  let s = seed;
  return Int8Array.from({ length: count }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24) - 128);
}

const dimension = 384;
const rows = 20_001;
const codes = randomCodes(rows * dimension, 11);
const filled = (helper: boolean) => {
  const bits = new BitCodes(dimension, rows, { helper });
  for (let r = 0; r < rows; r++) bits.set(r, codes.subarray(r * dimension, (r + 1) * dimension));
  return bits;
};
// Sparse queries, as a question's vector is (≈ 75 non-zero components of 384).
const queries = [1, 2, 3, 4].map((seed) => randomCodes(dimension, 100 + seed).map((x, i) => ((i * seed) % 5 === 0 ? x || 1 : 0)));
// A filter's rows: few enough to be reached one by one, and many enough to be picked after a scan of all.
const filters = [undefined, Uint32Array.from({ length: 900 }, (_, i) => i * 21 + 4), Uint32Array.from([...Array(rows).keys()].filter((r) => r % 3 === 1))];

/** Resolves once the helper thread has started (a worker takes a moment under tsx). */
async function helping(bits: BitCodes): Promise<void> {
  for (let waited = 0; !bits.helped; waited += 20) {
    if (waited > 20_000) throw new Error('the helper thread did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const plain = filled(false);
const helped = filled(true);
afterAll(() => helped.close());

describe('the sign-bit scan in a helper thread', () => {
  it('finds the same rows as the scan in the searching thread, with and without a filter', async () => {
    await helping(helped);
    for (const query of queries) {
      for (const accepted of filters) {
        const expected = plain.nearest(query, rows, 500, accepted);
        const soon = helped.nearestSoon(query, rows, 500, accepted);
        expect(expected.length).toBeGreaterThanOrEqual(accepted ? Math.min(500, accepted.length) : 500);
        expect(soon()).toEqual(expected);
      }
    }
  });

  it('gives both of two overlapping scans their own rows (the second one scans in the searching thread)', async () => {
    await helping(helped);
    const [a, b] = [queries[0]!, queries[1]!];
    const first = helped.nearestSoon(a, rows, 300);
    const second = helped.nearestSoon(b, rows, 300);
    expect(second()).toEqual(plain.nearest(b, rows, 300));
    expect(first()).toEqual(plain.nearest(a, rows, 300));
  });

  it('sees rows set after the helper started, and codes that moved to a larger memory', async () => {
    const bits = filled(true);
    await helping(bits);
    const extra = randomCodes(5000 * dimension, 12);
    const grown = filled(false);
    for (let r = 0; r < 5000; r++) {
      bits.set(rows + r, extra.subarray(r * dimension, (r + 1) * dimension));
      grown.set(rows + r, extra.subarray(r * dimension, (r + 1) * dimension));
    }
    for (const query of queries) expect(bits.nearestSoon(query, rows + 5000, 400)()).toEqual(grown.nearest(query, rows + 5000, 400));
    bits.close();
  });

  it('falls back to the searching thread, with the same rows, when the worker is terminated', async () => {
    const bits = filled(true);
    await helping(bits);
    const warning = vi.fn();
    process.on('warning', warning);
    const worker = (bits as unknown as { helper: { worker: { terminate(): Promise<number> } } }).helper.worker;
    // Terminated without its exit seen yet: the scan handed over gets no answer, is taken for dead and done here.
    void worker.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bits.nearestSoon(queries[2]!, rows, 500)()).toEqual(plain.nearest(queries[2]!, rows, 500));
    expect(bits.helped).toBe(false);
    for (const accepted of filters) expect(bits.nearestSoon(queries[3]!, rows, 200, accepted)()).toEqual(plain.nearest(queries[3]!, rows, 200, accepted));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', warning);
    expect(warning.mock.calls.filter(([w]) => String(w).includes('bit scan helper'))).toHaveLength(1);
  });

  it('is used by a large int8 copy`s prefilter, returns the same hits, and stops when the copy is closed', async () => {
    const vectors = randomVectors(3000, dimension, 7);
    const copies = [Infinity, 0].map((helperRows) => {
      QuantizedVectors.helperRows = helperRows;
      const copy = new QuantizedVectors(dimension, 3000, undefined, 200);
      vectors.forEach((v, label) => copy.set(label, v));
      // A budget below a scan of every row: the prefilter plans the search.
      copy.top(vectors[0]!, 10, undefined, 100);
      return copy;
    });
    QuantizedVectors.helperRows = 200_000;
    const [alone, beside] = copies as [QuantizedVectors, QuantizedVectors];
    const bits = (beside as unknown as { bits: BitCodes }).bits;
    await helping(bits);
    for (const query of randomVectors(5, dimension, 8)) expect(beside.topSoon(query, 10, undefined, 100)()).toEqual(alone.top(query, 10, undefined, 100));
    beside.close();
    expect(bits.helped).toBe(false);
    expect(beside.top(vectors[3]!, 10, undefined, 100)).toEqual(alone.top(vectors[3]!, 10, undefined, 100));
  });
});
