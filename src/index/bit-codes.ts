import { hammingKernel, MASKS, type HammingKernel } from './hamming-kernel.js';

/**
 * One bit a component, its sign, for each row of the int8 copy (`QuantizedVectors`): 48 bytes a row at 384
 * dimensions, 48 MB per million rows, kept in WebAssembly memory and scanned (`hamming-kernel.ts`, ≈ 5 ms of
 * CPU per million rows) to pick the few thousand rows nearest a query, which the int8 codes then rank
 * exactly. A question's vector has few non-zero components (≈ 75 of 384 with the built-in embedder): only
 * those are compared, the strongest third twice more and the strongest ninth once more again, so a row's
 * distance is a coarse weighted disagreement in sign with the query. Plain Hamming distance over all 384
 * signs found a quarter of the exact top 10 among 4,000 candidates at 1M chunks; this finds ≈ 0.7, and
 * 0.77 among 8,000 (bench/README.md, "Sign-bit prefilter at 1M").
 */
export class BitCodes {
  /** 64-bit words a row. */
  readonly words: number;
  private readonly kernel: HammingKernel;
  /** Rows the memory holds codes for. */
  private capacity = 0;
  // Byte offsets of the scratch areas after the codes (they move when the capacity grows).
  private queryAt = 0;
  private histAt = 0;
  private outAt = 0;
  private dstAt = 0;
  private listAt = 0;
  private pickedAt = 0;

  constructor(readonly dimension: number, capacity = 0) {
    this.words = Math.ceil(dimension / 64);
    this.kernel = hammingKernel(1, this.words);
    this.reserve(Math.max(capacity, 1));
  }

  /** Bytes the codes and the scan's scratch areas hold. */
  get bytes(): number {
    return this.kernel.memory.buffer.byteLength;
  }

  /** Makes room for rows up to `rows` (codes kept; the scratch areas move). */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, Math.ceil(this.capacity * 1.5));
    const rowBytes = this.words * 8;
    const queryAt = capacity * rowBytes;
    const histAt = queryAt + rowBytes * (1 + MASKS);
    const outAt = histAt + (this.words * 64 * MASKS + 1) * 4;
    const dstAt = outAt + capacity * 2 + ((capacity * 2) % 4);
    const listAt = dstAt + capacity * 4;
    const pickedAt = listAt + capacity * 4;
    const needed = pickedAt + capacity * 2;
    const memory = this.kernel.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    // The new rows held the old scratch areas: zero, as rows never set are.
    new Uint8Array(memory.buffer, this.capacity * rowBytes, (capacity - this.capacity) * rowBytes).fill(0);
    Object.assign(this, { capacity, queryAt, histAt, outAt, dstAt, listAt, pickedAt });
  }

  /** Stores the signs of `codes` (one row of int8 codes; a zero code counts as negative) as `row`'s bits. */
  set(row: number, codes: Int8Array): void {
    this.reserve(row + 1);
    const words = new Uint32Array(this.kernel.memory.buffer, row * this.words * 8, this.words * 2);
    packSigns(codes, words);
  }

  /** Zeroes a row (a deleted vector: the caller skips its row among the candidates). */
  clear(row: number): void {
    if (row >= this.capacity) return;
    new Uint32Array(this.kernel.memory.buffer, row * this.words * 8, this.words * 2).fill(0);
  }

  /**
   * Rows of the first `rows` (or of `accepted`, ascending row numbers) whose codes are nearest `query`'s
   * signs: every row within the smallest distance that takes in at least `count` of them (so ties at that
   * distance all come along), ascending.
   */
  nearest(query: Int8Array, rows: number, count: number, accepted?: Uint32Array): Uint32Array {
    const buffer = this.kernel.memory.buffer;
    const most = this.words * 64 * MASKS;
    packQuery(query, new Uint32Array(buffer, this.queryAt, this.words * 2 * (1 + MASKS)), this.words * 2);
    const hist = new Uint32Array(buffer, this.histAt, most + 1);
    hist.fill(0);
    if (!accepted) {
      this.kernel.hamming(0, this.queryAt, rows, this.words, this.outAt, this.histAt);
      const n = this.kernel.collect(this.outAt, rows, cutFor(hist, count), this.dstAt);
      return new Uint32Array(buffer, this.dstAt, n).slice();
    }
    // A filter: its rows' distances (they are ascending: those below `rows` come first) by their position
    // in its list, where the collected positions name the rows. Scattered rows are reached one by one (a
    // cache miss each, ≈ 40 ns) while few; past LISTED_SHARE of all, every row is scanned in order (≈ 5 ns a
    // row) and the listed ones' distances picked. (Both in JavaScript took 20-35 ms for a region's 300k rows at 1M.)
    let n = accepted.length;
    while (n > 0 && (accepted[n - 1] ?? 0) >= rows) n -= 1;
    new Uint32Array(buffer, this.listAt, n).set(accepted.subarray(0, n));
    if (n < rows * LISTED_SHARE) {
      this.kernel.listed(0, this.queryAt, this.listAt, n, this.words, this.pickedAt, this.histAt);
    } else {
      this.kernel.hamming(0, this.queryAt, rows, this.words, this.outAt, this.histAt);
      hist.fill(0);
      this.kernel.pick(this.outAt, this.listAt, n, this.pickedAt, this.histAt);
    }
    const positions = new Uint32Array(buffer, this.dstAt, this.kernel.collect(this.pickedAt, n, cutFor(hist, count), this.dstAt));
    return positions.map((i) => accepted[i] ?? 0);
  }
}

/** The share of all rows up to which a filter's rows are scanned one by one (`nearest`). */
const LISTED_SHARE = 1 / 8;

/** The smallest distance whose rows, with the nearer ones, number at least `count` (the largest if none does). */
function cutFor(hist: Uint32Array, count: number): number {
  let cut = 0;
  let taken = hist[0] ?? 0;
  while (taken < count && cut + 1 < hist.length) {
    cut += 1;
    taken += hist[cut] ?? 0;
  }
  return cut;
}

/**
 * The query's signs, then its masks: every non-zero component, the strongest third of them, the strongest
 * ninth (by magnitude; each mask `stride` 32-bit words).
 */
function packQuery(query: Int8Array, out: Uint32Array, stride: number): void {
  packSigns(query, out.subarray(0, stride));
  const dims = [...query.keys()].filter((i) => query[i] !== 0).sort((a, b) => Math.abs(query[b] ?? 0) - Math.abs(query[a] ?? 0) || a - b);
  [1, 1 / 3, 1 / 9].forEach((share, m) => {
    const mask = out.subarray((m + 1) * stride, (m + 2) * stride);
    mask.fill(0);
    for (const i of dims.slice(0, Math.ceil(dims.length * share))) mask[i >> 5] = (mask[i >> 5] ?? 0) | (1 << (i & 31));
  });
}

/** Bit i of `out` (little-endian 32-bit words, so 64-bit words too) is set where `codes[i]` is positive. */
function packSigns(codes: Int8Array, out: Uint32Array): void {
  out.fill(0);
  for (let i = 0; i < codes.length; i++) if ((codes[i] ?? 0) > 0) out[i >> 5] = (out[i >> 5] ?? 0) | (1 << (i & 31));
}
