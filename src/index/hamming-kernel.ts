import { compiledOnce, fn, I32, I64, leb, memoryImport, name, op, section, SHARED_MAX_PAGES, sleb, wasm, type WasmMemory } from './wasm-assembler.js';

export type { WasmMemory } from './wasm-assembler.js';

/**
 * Weighted Hamming distances of one query to many rows of 1-bit codes, in WebAssembly (`i64.popcnt`): ≈ 5 ns a
 * row of 384 bits unrolled (1M rows in ≈ 5 ms; the loop ≈ 8), where JavaScript takes
 * ≈ 50 ns a row and usearch's binding has no exact search over bit codes. The module is a few dozen
 * instructions, assembled here from their opcodes, so no toolchain or binary file is involved; WebAssembly
 * is part of every Node. SIMD (`i8x16.popcnt`, two words a step) was tried: 9.7 ms for 1M rows against the
 * loop's 7.9, as x64 has no byte popcount and V8 emulates it.
 *
 * Exports over one memory the caller grows:
 * - `hamming(codes, query, rows, words, out, hist)`: the query is `words` 64-bit words of signs followed by
 *   two weight planes of `words` words each (PLANES); a row's distance is, summed over the bits where the
 *   row's sign differs from the query's, that bit's weight (plane 1's bit + 2 × plane 2's). For each of `rows` rows of `words`
 *   words at `codes` it is stored as a u16 at `out` + 2·row, and counted in the u32 at `hist` + 4·distance
 *   (the caller zeroes the counters).
 * - `collect(out, rows, cut, dst) → n`: the rows whose distance at `out` is ≤ `cut`, ascending, as u32 at
 *   `dst`; returns how many.
 * - `listed(codes, query, list, n, words, out, hist)`: `hamming` for the `n` rows whose numbers are the u32
 *   at `list` (a filter's accepted rows: a region's third of the rows costs a third of the scan), the i-th
 *   row's distance stored as a u16 at `out` + 2·i.
 * - `pick(out, list, n, dst, hist)`: after `hamming`, the distances of the `n` rows listed at `list`, the
 *   i-th stored as a u16 at `dst` + 2·i and counted in `hist` (a filter's rows, when they are too many to
 *   reach one by one faster than a scan of all).
 */

/**
 * distance += popcnt(differing & plane) · 2^(plane - 1) for plane 1 or 2 (PLANES): the plane's word lies `plane`
 * strides past the signs' word.
 */
const masked = (plane: number, differing: number, query: number, stride: number) => [
  op.get, differing, op.get, query, op.get, stride, op.i32Const, plane, op.i32Mul, op.i32Add, op.i64Load, 3, 0,
  op.i64And, op.i64Popcnt, ...weighted(plane), op.i64Add,
];

/** A plane's count times its weight, 2^(plane - 1). */
const weighted = (plane: number) => (plane > 1 ? [op.i64Const, plane - 1, op.i64Shl] : []);

/**
 * The end of a row, shared by every scan: out[i] = distance (u16, from an i64 local), hist[distance] += 1, then
 * i += 1 and the row loop goes on while i < count.
 */
const recordAndNext = (out: number, i: number, distance: number, hist: number, counter: number, count: number) => [
  op.get, out, op.get, i, op.i32Const, 1, op.i32Shl, op.i32Add, op.get, distance, op.i64Store16, 1, 0,
  op.get, hist, op.get, distance, op.i32WrapI64, op.i32Const, 2, op.i32Shl, op.i32Add, op.tee, counter,
  op.get, counter, op.i32Load, 2, 0, op.i32Const, 1, op.i32Add, op.i32Store, 2, 0,
  op.get, i, op.i32Const, 1, op.i32Add, op.tee, i, op.get, count, op.i32LtU, op.brIf, 0,
];

/**
 * `hamming` (every row in order; params 0 codes, 1 query, 2 rows, 3 words, 4 out, 5 hist) or `listed` (the rows a
 * list names; params 0 codes, 1 query, 2 list, 3 n, 4 words, 5 out, 6 hist), for rows of any width: a loop over a
 * row's words, the planes read from memory.
 */
function loopBody(listed: boolean): number[] {
  const p = listed ? 7 : 6;
  const [count, words, out, hist] = listed ? [3, 4, 5, 6] : [2, 3, 4, 5];
  // Locals: the row (or list position), the word, a counter's address, the query word's address, one row's (and
  // one mask's) stride in bytes, the row word's address (i32); the distance and the differing bits (i64).
  const [row, word, counter, query, stride, at, distance, differing] = [p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7];
  return fn(
    [[6, I32], [2, I64]],
    [
      op.get, words, op.i32Const, 3, op.i32Shl, op.set, stride,
      op.get, 0, op.set, at,
      op.block, op.void,
      op.get, count, op.i32Eqz, op.brIf, 0,
      op.loop, op.void,
      op.i64Const, 0, op.set, distance,
      op.i32Const, 0, op.set, word,
      // listed: the row's address is codes + list[i] · stride
      ...(listed ? [op.get, 0, op.get, 2, op.get, row, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.get, stride, op.i32Mul, op.i32Add, op.set, at] : []),
      op.loop, op.void,
      // differing = row word ^ signs[word]; the row's address moves on a word
      op.get, 1, op.get, word, op.i32Const, 3, op.i32Shl, op.i32Add, op.set, query,
      op.get, at, op.i64Load, 3, 0, op.get, query, op.i64Load, 3, 0, op.i64Xor, op.set, differing,
      op.get, at, op.i32Const, 8, op.i32Add, op.set, at,
      // distance += popcnt(differing & plane) · the plane's weight, for both planes
      op.get, distance, ...masked(1, differing, query, stride), ...masked(2, differing, query, stride), op.set, distance,
      op.get, word, op.i32Const, 1, op.i32Add, op.tee, word, op.get, words, op.i32LtU, op.brIf, 0,
      op.end,
      ...recordAndNext(out, row, distance, hist, counter, count),
      op.end,
      op.end,
    ],
  );
}

// collect: params 0 out, 1 rows, 2 cut, 3 dst; locals 4 row, 5 count.
const collect = fn(
  [[2, I32]],
  [
    op.block, op.void,
    op.get, 1, op.i32Eqz, op.brIf, 0,
    op.loop, op.void,
    op.get, 0, op.get, 4, op.i32Const, 1, op.i32Shl, op.i32Add, op.i32Load16U, 1, 0,
    op.get, 2, op.i32LeU,
    op.if, op.void,
    op.get, 3, op.get, 5, op.i32Const, 2, op.i32Shl, op.i32Add, op.get, 4, op.i32Store, 2, 0,
    op.get, 5, op.i32Const, 1, op.i32Add, op.set, 5,
    op.end,
    op.get, 4, op.i32Const, 1, op.i32Add, op.tee, 4, op.get, 1, op.i32LtU, op.brIf, 0,
    op.end,
    op.end,
    op.get, 5,
  ],
);

// pick: params 0 out, 1 list, 2 n, 3 dst, 4 hist; locals 5 i, 6 distance, 7 counter.
const pick = fn(
  [[3, I32]],
  [
    op.block, op.void,
    op.get, 2, op.i32Eqz, op.brIf, 0,
    op.loop, op.void,
    // distance = out[list[i]]; dst[i] = distance; hist[distance] += 1
    op.get, 0, op.get, 1, op.get, 5, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.i32Const, 1, op.i32Shl, op.i32Add, op.i32Load16U, 1, 0, op.set, 6,
    op.get, 3, op.get, 5, op.i32Const, 1, op.i32Shl, op.i32Add, op.get, 6, op.i32Store16, 1, 0,
    op.get, 4, op.get, 6, op.i32Const, 2, op.i32Shl, op.i32Add, op.tee, 7,
    op.get, 7, op.i32Load, 2, 0, op.i32Const, 1, op.i32Add, op.i32Store, 2, 0,
    op.get, 5, op.i32Const, 1, op.i32Add, op.tee, 5, op.get, 2, op.i32LtU, op.brIf, 0,
    op.end,
    op.end,
  ],
);

const moduleBytes = (shared: boolean) => new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // types: 0 = (i32 × 6) → (), 1 = (i32 × 4) → i32, 2 = (i32 × 7) → (), 3 = (i32 × 5) → ()
  ...section(1, [4, 0x60, 6, I32, I32, I32, I32, I32, I32, 0, 0x60, 4, I32, I32, I32, I32, 1, I32, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0, 0x60, 5, I32, I32, I32, I32, I32, 0]),
  ...memoryImport(shared),
  ...section(3, [4, 0, 1, 2, 3]),
  ...section(7, [4, ...name('hamming'), 0x00, 0, ...name('collect'), 0x00, 1, ...name('listed'), 0x00, 2, ...name('pick'), 0x00, 3]),
  ...section(10, [4, ...loopBody(false), ...collect, ...loopBody(true), ...pick]),
]);

/**
 * `hamming` and `listed` for rows of exactly `words` words, unrolled: the query's signs and planes held in
 * locals (loaded once a call, not three times a word), a row's words at constant offsets: 1M rows of 6
 * words in ≈ 5.1 ms where the loop takes ≈ 7.8 (load 4.4). Params as theirs (`words` unused).
 */
function unrolledModule(words: number, shared: boolean): Uint8Array {
  const body = (listed: boolean) => {
    // Locals after the params: the row, a counter's address, the row's address (i32); the distance, the
    // differing bits, then the query's signs and each mask's words (i64).
    const p = listed ? 7 : 6;
    const [row, counter, at, distance, differing, signs] = [p, p + 1, p + 2, p + 3, p + 4, p + 5];
    const [count, out, hist] = listed ? [3, 5, 6] : [2, 4, 5];
    const code: number[] = [];
    for (let w = 0; w < words * (1 + PLANES); w++) code.push(op.get, 1, op.i64Load, 3, ...leb(w * 8), op.set, signs + w);
    code.push(op.get, 0, op.set, at, op.block, op.void, op.get, count, op.i32Eqz, op.brIf, 0, op.loop, op.void);
    // listed: the row's address is codes + list[row] · the row's bytes
    if (listed) code.push(op.get, 0, op.get, 2, op.get, row, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.i32Const, ...sleb(words * 8), op.i32Mul, op.i32Add, op.set, at);
    code.push(op.i64Const, 0, op.set, distance);
    for (let w = 0; w < words; w++) {
      code.push(op.get, at, op.i64Load, 3, ...leb(w * 8), op.get, signs + w, op.i64Xor, op.set, differing, op.get, distance);
      for (let m = 1; m <= PLANES; m++) code.push(op.get, differing, op.get, signs + m * words + w, op.i64And, op.i64Popcnt, ...weighted(m), op.i64Add);
      code.push(op.set, distance);
    }
    if (!listed) code.push(op.get, at, op.i32Const, ...sleb(words * 8), op.i32Add, op.set, at);
    code.push(...recordAndNext(out, row, distance, hist, counter, count), op.end, op.end);
    return fn([[3, I32], [2 + words * (1 + PLANES), I64]], code);
  };
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, 6, I32, I32, I32, I32, I32, I32, 0, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0]),
    ...memoryImport(shared),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...name('hamming'), 0x00, 0, ...name('listed'), 0x00, 1]),
    ...section(10, [2, ...body(false), ...body(true)]),
  ]);
}

/** The widest row `unrolledModule` is made for (its locals and code grow with it). */
const MOST_UNROLLED_WORDS = 8;
/**
 * The query's weight planes (`hamming`): a component's weight (0–3) in binary, plane 1 its low bit, plane 2 its
 * high bit. Three nested masks (weight 1, 2, 3 = in one, two or all three of them) cost three popcounts a word;
 * two planes cost two for the same distance (x64's popcnt runs on one port: the scan's bound).
 */
export const PLANES = 2;
/** The largest weight: a distance is at most MAX_WEIGHT × the bits of a row. */
export const MAX_WEIGHT = 3;
export interface HammingKernel {
  readonly memory: WasmMemory;
  hamming(codes: number, query: number, rows: number, words: number, out: number, hist: number): void;
  collect(out: number, rows: number, cut: number, dst: number): number;
  listed(codes: number, query: number, list: number, n: number, words: number, out: number, hist: number): void;
  pick(out: number, list: number, n: number, dst: number, hist: number): void;
}

/**
 * A kernel over a new memory of `pages` 64 KiB pages (grown by the caller as its rows grow); `words`: its
 * `hamming` is the one unrolled for rows of that many words (up to MOST_UNROLLED_WORDS; the loop beyond);
 * `shared`: a shared memory, which `kernelOver` in another thread can scan too.
 */
export function hammingKernel(pages = 1, words?: number, shared = false): HammingKernel {
  const memory = new wasm.Memory({ initial: Math.max(1, pages), ...(shared ? { maximum: SHARED_MAX_PAGES, shared } : {}) });
  return kernelOver(memory, words, shared);
}

/** A kernel over an existing memory (a shared one, `hammingKernel(pages, words, true)`'s, in a worker thread). */
export function kernelOver(memory: WasmMemory, words?: number, shared = true): HammingKernel {
  const form = shared ? ':shared' : '';
  const { exports } = new wasm.Instance(compiledOnce(`hamming:loop${form}`, () => moduleBytes(shared)), { env: { memory } });
  let fast = exports;
  if (words !== undefined && words >= 1 && words <= MOST_UNROLLED_WORDS) {
    fast = new wasm.Instance(compiledOnce(`hamming:${words}${form}`, () => unrolledModule(words, shared)), { env: { memory } }).exports;
  }
  return {
    memory,
    hamming: fast.hamming as HammingKernel['hamming'],
    collect: exports.collect as HammingKernel['collect'],
    listed: fast.listed as HammingKernel['listed'],
    pick: exports.pick as HammingKernel['pick'],
  };
}
