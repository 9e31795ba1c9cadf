import { compiledOnce, F64, fn, I32, leb, memoryImport, name, op, section, simd, simdOp, sleb, V128, wasm, type WasmMemory } from './wasm-assembler.js';

/**
 * Cosines of one int8 query to rows of int8 codes named by a list, read where the rows lie, in WebAssembly
 * SIMD: the prefilter's ≈ 9,000 candidates at 1M rows (`QuantizedVectors`) without copying them into a block
 * for usearch first (that copy, in JavaScript, cost ≈ 4 ms a search: each scattered 384-byte row a cache
 * miss). The rows are reached a batch at a time: one load a cache line of each row of the batch first, so
 * that their misses overlap (as `touchRows` does for the copy), then the batch is ranked from the cache.
 *
 * `rank(codes, query, list, n, out, qq) → touched`: for the i-th of the `n` rows whose numbers are the u32 at
 * `list` (row r's `dimension` codes at `codes` + r·dimension), the f32 at `out` + 4·i is the cosine
 * dot(q, r) / √(qq · r·r), 0 for a zero row; `query` holds the query's codes widened to i16 (2 bytes each),
 * `qq` their squares' sum. The integer sums are exact (|code| ≤ 127); the division is in f64, rounded to f32
 * once. `touched` is a sum of what the look-ahead read, so that its loads are kept.
 */
export interface Int8RankKernel {
  readonly memory: WasmMemory;
  rank(codes: number, query: number, list: number, n: number, out: number, qq: number): number;
}

/** Rows whose lines are read ahead together: 24 KiB of codes at 384 dimensions, within a core's L1 cache. */
const BATCH = 64;
const LINE = 64;
/** The widest row the unrolled module is made for (its code grows with it). */
const MOST_DIMENSIONS = 2048;

/** Whether `rankKernelOver` can rank rows of this width (a multiple of 16 codes, one SIMD vector). */
export const rankable = (dimension: number) => dimension > 0 && dimension % 16 === 0 && dimension <= MOST_DIMENSIONS;

/** A kernel over `memory` (shared or not, as `shared` says) for rows of `dimension` codes (`rankable`). */
export function rankKernelOver(memory: WasmMemory, dimension: number, shared = false): Int8RankKernel {
  if (!rankable(dimension)) throw new Error(`int8 rank kernel: dimension ${dimension} is not a multiple of 16 up to ${MOST_DIMENSIONS}`);
  const module = compiledOnce(`rank:${dimension}${shared ? ':shared' : ''}`, () => rankModule(dimension, shared));
  const { exports } = new wasm.Instance(module, { env: { memory } });
  return { memory, rank: exports.rank as Int8RankKernel['rank'] };
}

function rankModule(dimension: number, shared: boolean): Uint8Array {
  // Params: 0 codes, 1 query, 2 list, 3 n, 4 out (i32), 5 qq (f64). Locals: 6 batch start, 7 row index,
  // 8 batch end, 9 the row's address, 10 touched, 11 r·r (i32); 12 dot sums, 13 square sums, 14 low half, 15 high half (v128).
  const [start, j, end, at, touched, rr, dots, squares, low, high] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  // at = codes + list[j] · dimension
  const rowAddress = [op.get, 0, op.get, 2, op.get, j, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.i32Const, ...sleb(dimension), op.i32Mul, op.i32Add, op.set, at];
  const nextRow = [op.get, j, op.i32Const, 1, op.i32Add, op.tee, j, op.get, end, op.i32LtU, op.brIf, 0];
  const lines: number[] = [];
  for (let offset = 0; offset < dimension; offset += LINE) lines.push(offset);
  const touch = lines.flatMap((offset) => [op.get, touched, op.get, at, op.i32Load, 2, ...leb(offset), op.i32Add, op.set, touched]);
  const zero = [...simd(simdOp.v128Const), ...new Array<number>(16).fill(0)];
  const laneSum = (v: number) => [0, 1, 2, 3].flatMap((lane) => [op.get, v, ...simd(simdOp.i32x4ExtractLane), lane, ...(lane > 0 ? [op.i32Add] : [])]);
  const accumulate = (sum: number, a: number, b: number) => [op.get, sum, op.get, a, op.get, b, ...simd(simdOp.i32x4DotI16x8S), ...simd(simdOp.i32x4Add), op.set, sum];
  const chunks: number[] = [];
  for (let c = 0; c < dimension / 16; c++) {
    chunks.push(
      op.get, at, ...simd(simdOp.v128Load), 4, ...leb(c * 16), op.tee, low,
      ...simd(simdOp.i16x8ExtendHighI8x16S), op.set, high,
      op.get, low, ...simd(simdOp.i16x8ExtendLowI8x16S), op.set, low,
      // dots += low · q[32c..], high · q[32c + 16..] (i16 lanes, pairwise into i32); squares likewise
      op.get, dots, op.get, low, op.get, 1, ...simd(simdOp.v128Load), 4, ...leb(c * 32), ...simd(simdOp.i32x4DotI16x8S), ...simd(simdOp.i32x4Add), op.set, dots,
      op.get, dots, op.get, high, op.get, 1, ...simd(simdOp.v128Load), 4, ...leb(c * 32 + 16), ...simd(simdOp.i32x4DotI16x8S), ...simd(simdOp.i32x4Add), op.set, dots,
      ...accumulate(squares, low, low), ...accumulate(squares, high, high),
    );
  }
  const code = [
    op.block, op.void,
    op.loop, op.void,
    op.get, start, op.get, 3, op.i32GeU, op.brIf, 1,
    // end = min(start + BATCH, n)
    op.get, start, op.i32Const, ...sleb(BATCH), op.i32Add, op.get, 3, op.get, start, op.i32Const, ...sleb(BATCH), op.i32Add, op.get, 3, op.i32LtU, op.select, op.set, end,
    // One load a cache line of every row in the batch: their misses overlap.
    op.get, start, op.set, j,
    op.loop, op.void, ...rowAddress, ...touch, ...nextRow, op.end,
    // The batch ranked from the cache.
    op.get, start, op.set, j,
    op.loop, op.void,
    ...rowAddress, ...zero, op.set, dots, ...zero, op.set, squares,
    ...chunks,
    // out[j] = r·r = 0 ? 0 : f32(dot / √(qq · r·r))
    op.get, 4, op.get, j, op.i32Const, 2, op.i32Shl, op.i32Add,
    ...laneSum(squares), op.set, rr,
    op.f32Const, 0, 0, 0, 0,
    ...laneSum(dots), op.f64ConvertI32S, op.get, 5, op.get, rr, op.f64ConvertI32S, op.f64Mul, op.f64Sqrt, op.f64Div, op.f32DemoteF64,
    op.get, rr, op.i32Eqz, op.select,
    op.f32Store, 2, 0,
    ...nextRow,
    op.end,
    op.get, end, op.set, start,
    op.br, 0,
    op.end,
    op.end,
    op.get, touched,
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    // type 0 = (i32 × 5, f64) → i32
    ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, F64, 1, I32]),
    ...memoryImport(shared),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('rank'), 0x00, 0]),
    ...section(10, [1, ...fn([[6, I32], [4, V128]], code)]),
  ]);
}
