import { rankable, rankKernelOver, type Int8RankKernel } from './int8-rank-kernel.js';
import type { LabelHit } from './vector-store.js';
import { PAGE, wasm, type WasmMemory } from './wasm-assembler.js';

/**
 * The int8 copy's rows (`QuantizedVectors`: `dimension` codes a label) in WebAssembly memory, so that the
 * prefilter's candidates are ranked where they lie (`rankListed`, `int8-rank-kernel.ts`) rather than copied
 * into a block for usearch first. usearch's kernels take views on this memory as on any ArrayBuffer (not on a
 * shared one: "Invalid argument"), so every other path is as it was. The memory grows in place: growing keeps
 * the rows where they are (the views are made again), where an Int8Array had to be copied.
 *
 * Layout: the rows from byte 0 (usearch's `exactSearch` reads a view's buffer from its start, whatever the
 * view's offset), then the ranking's scratch areas (the query widened to i16, a chunk's row list, its
 * cosines), which move when the rows grow.
 */
export class CodeRows {
  private readonly memory: WasmMemory;
  private readonly kernel: Int8RankKernel | undefined;
  /** The rows' codes (a view: made again when the memory grows). */
  codes: Int8Array;
  /** The same bytes as 32-bit words, for copying rows four codes at a time (when `dimension` % 4 is 0). */
  words: Int32Array | undefined;
  /** What the kernel's look-ahead read, kept so that its loads are not optimized away. */
  touched = 0;

  constructor(readonly dimension: number, capacity: number) {
    this.memory = new wasm.Memory({ initial: checkedPages(dimension, capacity) });
    this.kernel = rankable(dimension) ? rankKernelOver(this.memory, dimension) : undefined;
    [this.codes, this.words] = this.views(capacity);
  }

  /** Rows there is room for. */
  get capacity(): number {
    return this.codes.length / this.dimension;
  }

  /** Whether `rankListed` can rank rows of this width (a multiple of 16 codes). */
  get ranks(): boolean {
    return this.kernel !== undefined;
  }

  /** Makes room for `capacity` rows (the new rows zero, the old ones kept in place). */
  grow(capacity: number): void {
    const end = this.codes.byteLength;
    const pages = checkedPages(this.dimension, capacity) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    [this.codes, this.words] = this.views(capacity);
    // The new rows held the scratch areas: zero, as rows never set are.
    this.codes.fill(0, end);
  }

  /**
   * The k rows of `rows` (row numbers, ascending or not) with the largest cosine to `q` (int8 codes) among
   * those `live` accepts, best first (ties: the lower row first). Only a row that would enter the k best is
   * asked about, so `live` is called a few hundred times, not once a row.
   */
  rankListed(q: Int8Array, rows: Uint32Array, k: number, live: (row: number) => boolean): LabelHit[] {
    const kernel = this.kernel;
    if (!kernel) throw new Error(`vectors: no int8 rank kernel for dimension ${this.dimension}`);
    const buffer = this.memory.buffer;
    const codes = 0;
    const query = scratchAt(this.dimension, this.capacity);
    const [list, out] = [query + QUERY_BYTES, query + QUERY_BYTES + CHUNK * 4];
    new Int16Array(buffer, query, this.dimension).set(q);
    let qq = 0;
    for (const x of q) qq += x * x;
    const best = new BestHits(k);
    for (let from = 0; from < rows.length; from += CHUNK) {
      const n = Math.min(CHUNK, rows.length - from);
      const chunk = rows.subarray(from, from + n);
      new Uint32Array(buffer, list, n).set(chunk);
      this.touched = kernel.rank(codes, query, list, n, out, qq);
      const cosines = new Float32Array(buffer, out, n);
      for (let i = 0; i < n; i++) best.offer(chunk[i] ?? 0, cosines[i] ?? 0, live);
    }
    return best.hits();
  }

  private views(capacity: number): [Int8Array, Int32Array | undefined] {
    const buffer = this.memory.buffer;
    const codes = new Int8Array(buffer, 0, capacity * this.dimension);
    return [codes, this.dimension % 4 === 0 ? new Int32Array(buffer, 0, (capacity * this.dimension) / 4) : undefined];
  }
}

/** Rows ranked per kernel call: the list and cosine areas hold this many (64 KiB each). */
const CHUNK = 16384;
/** The query widened to i16: room for 4,096 dimensions (`rankable` allows up to 2,048). */
const QUERY_BYTES = 8192;
const SCRATCH_BYTES = QUERY_BYTES + CHUNK * 8;
/** Where the scratch areas start: after the rows, on a cache line. */
const scratchAt = (dimension: number, capacity: number) => Math.ceil((capacity * dimension) / 64) * 64;
/** The pages `capacity` rows take with the scratch areas; a WebAssembly memory holds at most 4 GiB (≈ 11M rows of 384 codes). */
function checkedPages(dimension: number, capacity: number): number {
  const pages = Math.ceil((scratchAt(dimension, capacity) + SCRATCH_BYTES) / PAGE);
  if (pages > MAX_PAGES) throw new Error(`vectors: ${capacity} int8 rows of ${dimension} codes need ${pages * PAGE} bytes, more than a WebAssembly memory holds (${MAX_PAGES * PAGE})`);
  return pages;
}
const MAX_PAGES = 65536;

/** The k best (score, row) pairs offered, by score descending and row ascending; kept worst first. */
class BestHits {
  private readonly rows: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  offer(row: number, score: number, live: (row: number) => boolean): void {
    const { rows, scores, k } = this;
    const full = scores.length === k;
    if (k <= 0 || (full && !beats(score, row, scores[0] ?? 0, rows[0] ?? 0)) || !live(row)) return;
    // Full: the worst leaves and the weaker ones move down to the new pair's place; else it is inserted.
    let at = full ? 0 : scores.length;
    if (full) {
      while (at + 1 < k && beats(score, row, scores[at + 1] ?? 0, rows[at + 1] ?? 0)) {
        scores[at] = scores[at + 1] ?? 0;
        rows[at] = rows[at + 1] ?? 0;
        at += 1;
      }
    } else {
      while (at > 0 && beats(scores[at - 1] ?? 0, rows[at - 1] ?? 0, score, row)) {
        scores[at] = scores[at - 1] ?? 0;
        rows[at] = rows[at - 1] ?? 0;
        at -= 1;
      }
    }
    scores[at] = score;
    rows[at] = row;
  }

  hits(): LabelHit[] {
    return this.rows.map((label, i) => ({ label, score: this.scores[i] ?? 0 })).reverse();
  }
}

/** Whether (score a, row a) ranks before (score b, row b). */
const beats = (a: number, rowA: number, b: number, rowB: number) => a > b || (a === b && rowA < rowB);
