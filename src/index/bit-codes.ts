import { BitScanHelper } from './bit-scan-helper.js';
import { hammingKernel, MAX_WEIGHT, PLANES, type HammingKernel } from './hamming-kernel.js';

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
  /** This thread's scratch areas after the codes, and the helper thread's (they move when the capacity grows). */
  private own = NO_AREAS;
  private helperAreas = NO_AREAS;
  /** The second thread that scans while this one does other work (`nearestSoon`), if asked for and alive. */
  private readonly helper: BitScanHelper | undefined;

  /** `helper`: a second thread may scan (`BitScanHelper`); the memory is then shared with it. */
  constructor(readonly dimension: number, capacity = 0, options: { helper?: boolean } = {}) {
    this.words = Math.ceil(dimension / 64);
    this.kernel = hammingKernel(1, this.words, options.helper === true);
    if (options.helper) {
      this.helper = new BitScanHelper(this.kernel.memory, this.words);
      closeWhenCollected.register(this, this.helper);
    }
    this.reserve(Math.max(capacity, 1));
  }

  /** Bytes the codes and the scan's scratch areas hold. */
  get bytes(): number {
    return this.kernel.memory.buffer.byteLength;
  }

  /** Whether `nearestSoon` would now hand its scan to the helper thread. */
  get helped(): boolean {
    return this.helper?.ready === true;
  }

  /** Stops the helper thread, if any (idempotent; scans go on in this thread). */
  close(): void {
    this.helper?.close();
  }

  /** Makes room for rows up to `rows` (codes kept; the scratch areas move). */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    // The helper's scan in flight writes to the areas that are about to move: its end is waited for (≤ 10 ms).
    this.helper?.idle();
    const capacity = Math.max(rows, Math.ceil(this.capacity * 1.5));
    const rowBytes = this.words * 8;
    const own = areasAt(capacity * rowBytes, capacity, this.words);
    const helperAreas = this.helper ? areasAt(own.end, capacity, this.words) : NO_AREAS;
    const needed = Math.max(own.end, helperAreas.end);
    const memory = this.kernel.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    // The new rows held the old scratch areas: zero, as rows never set are.
    new Uint8Array(memory.buffer, this.capacity * rowBytes, (capacity - this.capacity) * rowBytes).fill(0);
    Object.assign(this, { capacity, own, helperAreas });
  }

  /** Stores the signs of `codes` (one row of int8 codes; a zero code counts as negative) as `row`'s bits. */
  set(row: number, codes: Int8Array): void {
    this.reserve(row + 1);
    const words = new Uint32Array(this.kernel.memory.buffer, row * this.words * 8, this.words * 2);
    packSigns(codes, words);
  }

  /**
   * `set` for rows 0 … `rows` − 1 at once, from `codes` (their codes back to back); a row `has` refuses stays zero.
   * Four codes a 32-bit word where the rows allow it: at a million rows ≈ 0.3 s, where a row at a time took ≈ 4 s of
   * the first prefiltered search after a load.
   */
  setRows(codes: Int8Array, rows: number, has: (row: number) => boolean): void {
    this.reserve(rows);
    const d = this.dimension;
    const stride = this.words * 2;
    const out = new Uint32Array(this.kernel.memory.buffer, 0, rows * stride);
    out.fill(0);
    if (d % 4 !== 0 || codes.byteOffset % 4 !== 0) {
      for (let row = 0; row < rows; row++) if (has(row)) packSigns(codes.subarray(row * d, row * d + d), out.subarray(row * stride, (row + 1) * stride));
      return;
    }
    const quads = d / 4;
    const words = new Int32Array(codes.buffer, codes.byteOffset, rows * quads);
    for (let row = 0; row < rows; row++) {
      if (!has(row)) continue;
      const from = row * quads;
      const at = row * stride;
      for (let j = 0; j < quads; j++) out[at + (j >> 3)] = (out[at + (j >> 3)] ?? 0) | (positiveNibble(words[from + j] ?? 0) << ((j & 7) * 4));
    }
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
    const listed = this.prepare(this.own, query, rows, accepted);
    return this.found(this.own, scanNearest(this.kernel, this.own, this.words, rows, count, listed), accepted);
  }

  /**
   * `nearest`, scanned by the helper thread while the caller does other work (a BM25 search) when the helper
   * is free, here and now otherwise: the function returned gives its rows, the same either way (a helper that
   * died or was overtaken by a later scan meanwhile: the scan is done again here). Where the machine has no
   * core to spare, scans stay here (`BitScanHelper.worthIt`). Rows set or cleared before
   * the rows are taken may or may not be seen, as with a search a moment earlier.
   */
  nearestSoon(query: Int8Array, rows: number, count: number, accepted?: Uint32Array): () => Uint32Array {
    const helper = this.helper;
    if (!helper?.free || !helper.worthIt()) {
      const now = this.nearest(query, rows, count, accepted);
      return () => now;
    }
    const a = this.helperAreas;
    const ticket = helper.begin(a, rows, count, this.prepare(a, query, rows, accepted));
    return () => {
      const n = helper.finish(ticket);
      return n === undefined ? this.nearest(query, rows, count, accepted) : this.found(a, n, accepted);
    };
  }

  /** Writes the query's signs and weight planes, and a filter's rows below `rows`, into areas `a`; returns how many rows are listed (-1: no list). */
  private prepare(a: ScanAreas, query: Int8Array, rows: number, accepted: Uint32Array | undefined): number {
    const buffer = this.kernel.memory.buffer;
    packQuery(query, new Uint32Array(buffer, a.query, this.words * 2 * (1 + PLANES)), this.words * 2);
    if (!accepted) return -1;
    let n = accepted.length;
    while (n > 0 && (accepted[n - 1] ?? 0) >= rows) n -= 1;
    new Uint32Array(buffer, a.list, n).set(accepted.subarray(0, n));
    return n;
  }

  /** The `n` rows a scan left in areas `a`: row numbers, or positions in `accepted` (a filter's list) turned into rows. */
  private found(a: ScanAreas, n: number, accepted: Uint32Array | undefined): Uint32Array {
    const at = new Uint32Array(this.kernel.memory.buffer, a.dst, n);
    return accepted ? at.map((i) => accepted[i] ?? 0) : at.slice();
  }
}

/** Byte offsets of one thread's scratch areas in the codes' memory, and where they end. */
export interface ScanAreas {
  query: number;
  hist: number;
  out: number;
  dst: number;
  list: number;
  picked: number;
  end: number;
}
const NO_AREAS: ScanAreas = { query: 0, hist: 0, out: 0, dst: 0, list: 0, picked: 0, end: 0 };

/** One thread's areas for `capacity` rows of `words` words from `query` on. */
function areasAt(query: number, capacity: number, words: number): ScanAreas {
  const hist = query + words * 8 * (1 + PLANES);
  const out = hist + (words * 64 * MAX_WEIGHT + 1) * 4;
  const dst = out + capacity * 2 + ((capacity * 2) % 4);
  const list = dst + capacity * 4;
  const picked = list + capacity * 4;
  return { query, hist, out, dst, list, picked, end: picked + capacity * 2 + ((capacity * 2) % 4) };
}

/**
 * The scan behind `nearest`, over the query `prepare` packed into areas `a` and, with `listed` ≥ 0, the rows
 * listed there: leaves the nearest rows (or list positions) at `a.dst` and returns how many. A filter's rows
 * (ascending) are reached one by one (a cache miss each, ≈ 40 ns) while few; past LISTED_SHARE of all, every
 * row is scanned in order (≈ 5 ns a row) and the listed ones' distances picked. (Both in JavaScript took
 * 20-35 ms for a region's 300k rows at 1M.) Run by this thread or the helper's (`bit-scan-worker.ts`).
 */
export function scanNearest(kernel: HammingKernel, a: ScanAreas, words: number, rows: number, count: number, listed: number): number {
  const hist = new Uint32Array(kernel.memory.buffer, a.hist, words * 64 * MAX_WEIGHT + 1);
  hist.fill(0);
  if (listed < 0) {
    kernel.hamming(0, a.query, rows, words, a.out, a.hist);
    return kernel.collect(a.out, rows, cutFor(hist, count), a.dst);
  }
  if (listed < rows * LISTED_SHARE) {
    kernel.listed(0, a.query, a.list, listed, words, a.picked, a.hist);
  } else {
    kernel.hamming(0, a.query, rows, words, a.out, a.hist);
    hist.fill(0);
    kernel.pick(a.out, a.list, listed, a.picked, a.hist);
  }
  return kernel.collect(a.picked, listed, cutFor(hist, count), a.dst);
}

/** A helper thread is stopped once its codes are no longer reachable (a replaced index's store, say). */
const closeWhenCollected = new FinalizationRegistry<BitScanHelper>((helper) => helper.close());

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
 * The query's signs, then its weight planes (PLANES; each `stride` 32-bit words): every non-zero component
 * weighs 1, the strongest third of them (by magnitude) 2, the strongest ninth 3, as if counted in three nested
 * masks; plane 1 holds the weights' low bits (1 and 3), plane 2 their high bits (2 and 3).
 */
function packQuery(query: Int8Array, out: Uint32Array, stride: number): void {
  packSigns(query, out.subarray(0, stride));
  const dims = [...query.keys()].filter((i) => query[i] !== 0).sort((a, b) => Math.abs(query[b] ?? 0) - Math.abs(query[a] ?? 0) || a - b);
  const weight = new Uint8Array(query.length);
  for (const share of [1, 1 / 3, 1 / 9]) for (const i of dims.slice(0, Math.ceil(dims.length * share))) weight[i] = (weight[i] ?? 0) + 1;
  for (let plane = 1; plane <= PLANES; plane++) {
    const bits = out.subarray(plane * stride, (plane + 1) * stride);
    bits.fill(0);
    weight.forEach((w, i) => {
      if (w & (1 << (plane - 1))) bits[i >> 5] = (bits[i >> 5] ?? 0) | (1 << (i & 31));
    });
  }
}

/**
 * Four int8 codes packed in a (little-endian) word → four bits, bit k set where code k is positive: a byte's bit 7 is
 * set where it is non-zero (its low seven bits plus 0x7f carry into bit 7, or bit 7 was set) and not negative; the
 * multiplication gathers the four bit 7s into the top nibble (each lands on a bit of its own, no carries).
 */
function positiveNibble(word: number): number {
  const nonZero = (((word & 0x7f7f7f7f) + 0x7f7f7f7f) | word) & 0x80808080;
  const positive = nonZero & ~word;
  return Math.imul(positive >>> 7, 0x10204080) >>> 28;
}

/** Bit i of `out` (little-endian 32-bit words, so 64-bit words too) is set where `codes[i]` is positive. */
function packSigns(codes: Int8Array, out: Uint32Array): void {
  out.fill(0);
  for (let i = 0; i < codes.length; i++) if ((codes[i] ?? 0) > 0) out[i >> 5] = (out[i >> 5] ?? 0) | (1 << (i & 31));
}
