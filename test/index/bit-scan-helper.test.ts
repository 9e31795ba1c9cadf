import { afterAll, describe, expect, it, vi } from 'vitest';
import { BitCodes } from '../../src/index/bit-codes.js';
import { BitScanHelper, helperCounts } from '../../src/index/bit-scan-helper.js';
import type { WasmMemory } from '../../src/index/hamming-kernel.js';
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

/**
 * Resolves once the helper thread has started (a worker takes a moment under tsx); from then on it is handed
 * every scan, whatever the machine's load (`SpareCores` would keep scans in this thread on a busy machine).
 */
async function helping(bits: BitCodes): Promise<void> {
  Object.assign((bits as unknown as { helper: object }).helper, { spare: { enough: true, used: 0 } });
  for (let waited = 0; !bits.helped; waited += 20) {
    if (waited > 20_000) throw new Error('the helper thread did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once the worker has done the scan handed to it, as it has while BM25 searches (on a free core). */
async function scanned(bits: BitCodes | QuantizedVectors): Promise<void> {
  const codes = bits instanceof QuantizedVectors ? (bits as unknown as { bits: BitCodes }).bits : bits;
  const helper = (codes as unknown as { helper: BitScanHelper }).helper;
  for (let waited = 0; !helper.free; waited += 5) {
    if (waited > 20_000) throw new Error('the worker did not finish its scan');
    await new Promise((resolve) => setTimeout(resolve, 5));
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
        const taken = helperCounts.handed - helperCounts.cancelled;
        const soon = helped.nearestSoon(query, rows, 500, accepted);
        await scanned(helped);
        expect(expected.length).toBeGreaterThanOrEqual(accepted ? Math.min(500, accepted.length) : 500);
        expect(soon()).toEqual(expected);
        expect(helperCounts.handed - helperCounts.cancelled).toBe(taken + 1);
      }
    }
  });

  it('gives both of two overlapping scans their own rows (the second one scans in the searching thread)', async () => {
    await helping(helped);
    const [a, b] = [queries[0]!, queries[1]!];
    const first = helped.nearestSoon(a, rows, 300);
    const second = helped.nearestSoon(b, rows, 300);
    await scanned(helped);
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
    for (const query of queries) {
      const soon = bits.nearestSoon(query, rows + 5000, 400);
      await scanned(bits);
      expect(soon()).toEqual(grown.nearest(query, rows + 5000, 400));
    }
    bits.close();
  });

  it('falls back to the searching thread, with the same rows, when the worker is terminated', async () => {
    const bits = filled(true);
    await helping(bits);
    const warning = vi.fn();
    process.on('warning', warning);
    const worker = (bits as unknown as { helper: { worker: { terminate(): Promise<number> } } }).helper.worker;
    // Terminated (its exit perhaps not seen yet: a scan handed over then is never taken, so it is cancelled and done here).
    await worker.terminate();
    expect(bits.nearestSoon(queries[2]!, rows, 500)()).toEqual(plain.nearest(queries[2]!, rows, 500));
    // Its exit seen: every scan stays here.
    for (let waited = 0; bits.helped; waited += 5) {
      if (waited > 20_000) throw new Error('the exit was not seen');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const accepted of filters) expect(bits.nearestSoon(queries[3]!, rows, 200, accepted)()).toEqual(plain.nearest(queries[3]!, rows, 200, accepted));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', warning);
    expect(warning.mock.calls.filter(([w]) => String(w).includes('bit scan helper'))).toHaveLength(1);
  });

  it('cancels a scan the worker has not taken when its caller asks for it, and takes the next one', async () => {
    const bits = new BitCodes(dimension, 10, { helper: true });
    const memory = (bits as unknown as { kernel: { memory: WasmMemory } }).kernel.memory;
    const helper = new BitScanHelper(memory, bits.words);
    // Asked before the worker has started: no thread has taken it when the caller wants its rows.
    const areas = { query: 0, hist: 0, out: 0, dst: 0, list: 0, picked: 0, end: 0 };
    expect(helper.finish(helper.begin(areas, 0, 1, -1))).toBeUndefined();
    for (let waited = 0; !helper.free; waited += 20) {
      if (waited > 20_000) throw new Error('the worker did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Asked with time to take it (as while BM25 runs): the worker's answer.
    const ticket = helper.begin(areas, 0, 1, -1);
    for (let waited = 0; !helper.free; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(helper.finish(ticket)).toBe(0);
    helper.close();
    bits.close();
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
    for (const query of randomVectors(5, dimension, 8)) {
      const soon = beside.topSoon(query, 10, undefined, 100);
      await scanned(beside);
      expect(soon()).toEqual(alone.top(query, 10, undefined, 100));
    }
    beside.close();
    expect(bits.helped).toBe(false);
    expect(beside.top(vectors[3]!, 10, undefined, 100)).toEqual(alone.top(vectors[3]!, 10, undefined, 100));
  });
});
