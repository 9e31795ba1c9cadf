import { BitCodes } from './bit-codes.js';
import { CodeRows } from './code-rows.js';
import { int8Kernel, type Int8Kernel } from './exact-kernel.js';
import { topInJs } from './js-int8-search.js';
import { copyRow, touchRows, TOUCH_RUN } from './row-gather.js';
import type { LabelFilter, LabelHit } from './vector-store.js';

/** See `QuantizedVectors.helperRows`: below this the scan is short enough that handing it over does not pay. */
const HELPER_ROWS = 200_000;

/**
 * Unit vectors kept by label as int8 codes with one float scale each (`dimension` + 4 bytes a vector:
 * 388 bytes at 384 dimensions, 37 MiB per 100k chunks), for exact search where a graph walk costs more or
 * finds less (see `HnswOptions.exactSearchLimit`). With the native kernel (`exact-kernel.ts`) the query is
 * quantized too and a score is the cosine of the two code vectors; without it the query stays float32 and a
 * score is the dot product with the dequantized codes. Either way a score's error is the rounding alone
 * (half a step of max|x|/127 per component).
 */
export class QuantizedVectors {
  /** The codes, in WebAssembly memory (`CodeRows`): the prefilter's candidates are ranked there. */
  private readonly store: CodeRows;
  /** max|x| / 127 per label; NaN where the label holds no vector. */
  private scales: Float32Array;
  /** One past the highest label ever set: the rows a scan covers. */
  private rows = 0;
  /** Labels holding a vector. */
  private live = 0;
  /** Rows gathered for one kernel call (a filter's accepted labels, block by block). */
  private block: Int8Array | undefined;
  /** What `touchRows` read, kept so that the reads are not optimized away. */
  touched = 0;
  /** The rows' sign bits for the prefilter, made on its first use (a copy within the exact budget never needs them). */
  private bits: BitCodes | undefined;
  /**
   * Rows from which the prefilter's scan gets a second thread (`BitScanHelper`): HELPER_ROWS, Infinity for none
   * (benchmarks compare the two; read when the first prefiltered search makes the sign bits).
   */
  static helperRows = HELPER_ROWS;
  /** Whether the prefilter's candidates are ranked where they lie (`CodeRows.rankListed`); false: copied and ranked by usearch, as before round 19 (benchmarks compare the two). */
  static rankInPlace = true;

  constructor(
    readonly dimension: number,
    capacity = 0,
    /** The native kernel; null: the JavaScript loop (as where usearch cannot load). */
    private readonly kernel: Int8Kernel | null = int8Kernel ?? null,
    /** Rows the prefilter hands the int8 ranking (`topPrefiltered`). */
    readonly candidates = PREFILTER_CANDIDATES,
  ) {
    this.store = new CodeRows(dimension, capacity);
    this.scales = new Float32Array(capacity).fill(NaN);
  }

  /** The codes, `dimension` a label (a view: made again when the store grows). */
  private get codes(): Int8Array {
    return this.store.codes;
  }

  /** Bytes held (codes, scales and the gather block). */
  get bytes(): number {
    return this.codes.byteLength + this.scales.byteLength + (this.block?.byteLength ?? 0) + (this.bits?.bytes ?? 0);
  }

  /** Whether searches run on the native kernel. */
  get native(): boolean {
    return this.kernel !== null;
  }

  /**
   * What ranking a filter's `accepted` labels (every label without) costs, in rows the native kernel ranks
   * in place (≈ 85 ns a row at 384 dimensions): a scan of all rows, or a gather of the accepted ones at
   * GATHER_COST rows each if cheaper, or the prefilter's (`prefilterCost`) if cheaper still; without the
   * kernel, the JavaScript loop's cost in the same unit.
   */
  cost(accepted?: number): number {
    return QuantizedVectors.costFor(this.rows, accepted, this.kernel !== null, this.candidates);
  }

  /** `cost` for a copy of `rows` rows that is not there yet (a store fills it only once a search would use it). */
  static costFor(rows: number, accepted: number | undefined, native = int8Kernel !== undefined, candidates = PREFILTER_CANDIDATES): number {
    if (!native) return accepted === undefined ? rows * JS_SCAN_COST : accepted * GATHER_COST;
    return Math.min(accepted === undefined ? rows : Math.min(rows, accepted * GATHER_COST), prefilterCost(rows, candidates));
  }

  /** What ranking every one of `rows` rows costs, in the unit of `cost` (a build's planned size, say). */
  scanCost(rows: number): number {
    return QuantizedVectors.costFor(rows, undefined, this.kernel !== null);
  }

  /** Labels holding a vector, ascending. */
  labels(): number[] {
    const labels: number[] = [];
    for (let label = 0; label < this.rows; label++) if (this.has(label)) labels.push(label);
    return labels;
  }

  /** The label's vector as stored: its codes times its scale (unit length but for the rounding). */
  vector(label: number): Float32Array {
    if (!this.has(label)) throw new Error(`vectors: no vector for label ${label} in the int8 copy`);
    const d = this.dimension;
    const scale = this.scales[label] ?? 0;
    const out = new Float32Array(d);
    for (let i = 0; i < d; i++) out[i] = (this.codes[label * d + i] ?? 0) * scale;
    return out;
  }

  /**
   * A copy of the `labels` (ascending) with their `scales`, their codes zero until written through `rowsOf`
   * (the file reader's: `flat-vector-file.ts`).
   */
  static withScales(dimension: number, labels: Uint32Array, scales: Float32Array): QuantizedVectors {
    const rows = labels.length > 0 ? (labels[labels.length - 1] ?? 0) + 1 : 0;
    const copy = new QuantizedVectors(dimension, rows);
    labels.forEach((label, i) => (copy.scales[label] = scales[i] ?? 0));
    copy.live = labels.length;
    copy.rows = rows;
    return copy;
  }

  /** The codes of `count` rows from `label` on, as a view (the file form's reader and writer). */
  rowsOf(label: number, count: number): Int8Array {
    return this.codes.subarray(label * this.dimension, (label + count) * this.dimension);
  }

  /** The label's scale (max|x| / 127; NaN where it holds no vector). */
  scaleOf(label: number): number {
    return this.scales[label] ?? NaN;
  }

  has(label: number): boolean {
    return label < this.scales.length && !Number.isNaN(this.scales[label]);
  }

  /** Stores a unit-length vector (hnswlib's cosine space stores the same) under `label`. */
  set(label: number, unit: Float32Array): void {
    if (label >= this.scales.length) this.grow(label + 1);
    if (!this.has(label)) this.live += 1;
    if (label >= this.rows) this.rows = label + 1;
    const d = this.dimension;
    // A view on the label's row: the writes are then plain typed-array stores (0.8 s → a fraction at 100k).
    const row = this.codes.subarray(label * d, label * d + d);
    this.scales[label] = quantize(unit, row);
    this.bits?.set(label, row);
  }

  delete(label: number): void {
    if (!this.has(label)) return;
    this.scales[label] = NaN;
    this.live -= 1;
    // A zero row has cosine 0 with any query: it cannot crowd a scan's first rows.
    this.codes.fill(0, label * this.dimension, (label + 1) * this.dimension);
    this.bits?.clear(label);
  }

  /**
   * The k labels holding a vector (and passing `filter`, if given) with the largest cosine to `query` (unit
   * length), best first. A filter's `accepted` list, when it has one, is what the search ranks. Where ranking
   * them all would cost more than `budget` (`cost`'s unit) and the prefilter less, only the prefilter's
   * candidates are ranked: approximate, as a graph walk is, but it finds more of the exact top k.
   */
  top(query: Float32Array, k: number, filter?: LabelFilter, budget = Infinity): LabelHit[] {
    return this.topSoon(query, k, filter, budget)();
  }

  /**
   * `top`, begun: the function returned gives its hits. Meanwhile the prefilter's sign-bit scan may run in a
   * second thread (`BitCodes.nearestSoon`, on copies of QuantizedVectors.helperRows rows or more), so the
   * caller can search BM25 beside it; every other plan is done at once.
   */
  topSoon(query: Float32Array, k: number, filter?: LabelFilter, budget = Infinity): () => LabelHit[] {
    if (k <= 0 || this.live === 0) return () => [];
    if (!this.kernel) return done(topInJs(this.codes, this.scales, this.rows, this.dimension, query, k, filter));
    const q = new Int8Array(this.dimension);
    quantize(query, q);
    const accepted = filter?.accepted;
    const exact = accepted ? Math.min(this.rows, accepted.count * GATHER_COST) : this.rows;
    if (exact > budget && (accepted || !filter) && prefilterCost(this.rows, this.candidates) < exact) return this.topPrefiltered(this.kernel, q, k, accepted?.labels());
    // A filter's rows are gathered while that costs less than ranking every row in place and applying the
    // filter to the ranking (`cost`).
    if (accepted && accepted.count * GATHER_COST < this.rows) return done(this.topGathered(this.kernel, q, k, accepted.labels()));
    return done(this.topScanned(this.kernel, q, k, filter));
  }

  /** Stops the prefilter's helper thread, if any (searches go on in this thread). */
  close(): void {
    this.bits?.close();
  }

  /**
   * The rows whose sign bits are nearest the query's (`BitCodes`, a Hamming scan of every row), about
   * `candidates` of them (of the accepted ones, with a filter), ranked by their int8 codes once scanned.
   */
  private topPrefiltered(kernel: Int8Kernel, q: Int8Array, k: number, accepted: Uint32Array | undefined): () => LabelHit[] {
    if (!this.bits) {
      this.bits = new BitCodes(this.dimension, this.rows, { helper: this.rows >= QuantizedVectors.helperRows });
      this.bits.setRows(this.codes, this.rows, (row) => this.has(row));
    }
    const rows = this.bits.nearestSoon(q, this.rows, Math.max(this.candidates, 4 * k), accepted);
    // Ranked where they lie where the rank kernel can (rows of a multiple of 16 codes), else copied and ranked by usearch.
    if (this.store.ranks && QuantizedVectors.rankInPlace) return () => this.store.rankListed(q, rows(), k, (row) => this.has(row));
    return () => this.topGathered(kernel, q, k, rows());
  }

  /** Ranks every row in one kernel call and keeps the first k that hold a vector and pass the filter. */
  private topScanned(kernel: Int8Kernel, q: Int8Array, k: number, filter: LabelFilter | undefined): LabelHit[] {
    const rows = this.rows;
    const all = this.codes.subarray(0, rows * this.dimension);
    const passing = filter ? (filter.accepted?.count ?? rows) : this.live;
    // Enough ranked rows to hold k passing ones twice over if they are spread evenly, plus every empty row;
    // fewer found (a filter that favours poorly matching rows), four times as many, up to all.
    let count = Math.min(rows, Math.ceil((2 * k * rows) / Math.max(1, passing)) + (rows - this.live));
    for (;;) {
      const ranked = kernel.nearest(all, q, this.dimension, count);
      const hits: LabelHit[] = [];
      for (let i = 0; i < count && hits.length < k; i++) {
        const label = Number(ranked.rows[i]);
        if (!this.has(label) || (filter && !filter(label))) continue;
        hits.push({ label, score: ranked.cosines[i] ?? 0 });
      }
      if (hits.length === k || count === rows) return hits;
      count = Math.min(rows, count * 4);
    }
  }

  /** Copies the labels' rows into a block at a time and ranks each block; keeps the k best of all. */
  private topGathered(kernel: Int8Kernel, q: Int8Array, k: number, labels: ArrayLike<number>): LabelHit[] {
    const d = this.dimension;
    this.block ??= new Int8Array(GATHER_BLOCK * d);
    const block = this.block;
    // Rows copied as 32-bit words where the dimension allows, four codes a step.
    const words = this.store.words;
    const [from, to, width] = words ? [words, new Int32Array(block.buffer), d >> 2] : [this.codes, block, d];
    const picked = new Uint32Array(GATHER_BLOCK);
    const hits: LabelHit[] = [];
    let n = 0;
    for (let j = 0; j < labels.length; j++) {
      if (j % TOUCH_RUN === 0) this.touched = touchRows(from, this.scales, labels, j, Math.min(labels.length, j + TOUCH_RUN), width);
      const label = labels[j] ?? 0;
      if (!this.has(label)) continue;
      copyRow(from, label * width, to, n * width, width);
      picked[n] = label;
      n += 1;
      if (n === GATHER_BLOCK || j + 1 === labels.length) {
        rankBlock(kernel, block.subarray(0, n * d), q, d, Math.min(k, n), picked, hits);
        n = 0;
      }
    }
    if (n > 0) rankBlock(kernel, block.subarray(0, n * d), q, d, Math.min(k, n), picked, hits);
    return hits.sort(byScore).slice(0, k);
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, Math.ceil(this.scales.length * 1.5), 1024);
    this.store.grow(capacity);
    const scales = new Float32Array(capacity).fill(NaN);
    scales.set(this.scales);
    this.scales = scales;
  }
}

/**
 * Rows gathered per kernel call: 1.5 MiB at 384 dimensions, whatever the filter allows; a call's own cost
 * (≈ 10 µs) is small next to ranking 4,096 rows (≈ 0.3 ms).
 */
const GATHER_BLOCK = 4096;
/**
 * A gathered row costs as much as this many rows ranked in place: the accepted rows lie scattered in memory
 * (a cache and TLB miss each), ≈ 1.1 µs a row to copy when this was set (≈ 0.4 since `touchRows`), while
 * the kernel ranks contiguous rows at ≈ 85 ns (bench/README.md, "Exact vector search with a native kernel").
 * The JavaScript loop costs the same per scattered row.
 */
const GATHER_COST = 12;
/**
 * Rows the prefilter picks by their sign bits for the int8 codes to rank; the share of a row ranked in place
 * that one row's masked Hamming distance costs (≈ 8 ns against ≈ 85 ns at 384 dimensions, the cut and
 * collection included; ≈ 5 ns since the scan is unrolled); and what a picked row costs to gather and rank (≈ 0.5 µs: they come in ascending
 * order, cheaper to reach than a filter's scattered rows; ≈ 0.1–0.15 µs ranked in place since round 19, the
 * constant left as it was so that the plans chosen stay the same). On the 1M realistic index (100 queries, recall@10
 * against exact float search, load 0.3–0.8): 4,000 candidates 0.702 at 11.8 ms of CPU p50, 6,000 0.748 at
 * 12.7 ms, 8,000 0.774 at 13.7 ms; the graph at ef 1024 0.696 at 5.4 ms. At 1M rows the prefilter costs
 * ≈ 148k rows where a scan costs 1M.
 */
const PREFILTER_CANDIDATES = 8000;
const BIT_SCAN_SHARE = 1 / 10;
const CANDIDATE_COST = 6;
const prefilterCost = (rows: number, candidates: number) => rows * BIT_SCAN_SHARE + candidates * CANDIDATE_COST;
/** The JavaScript loop over contiguous rows (≈ 0.65 µs a row), in kernel rows. */
const JS_SCAN_COST = 8;

/** Adds the block's best rows to `hits` as labels (`picked` maps a row to its label). */
function rankBlock(kernel: Int8Kernel, rows: Int8Array, q: Int8Array, d: number, count: number, picked: Uint32Array, hits: LabelHit[]): void {
  const ranked = kernel.nearest(rows, q, d, count);
  for (let i = 0; i < ranked.rows.length; i++) hits.push({ label: picked[Number(ranked.rows[i])] ?? 0, score: ranked.cosines[i] ?? 0 });
}

const byScore = (a: LabelHit, b: LabelHit) => b.score - a.score || a.label - b.label;
const done = (hits: LabelHit[]) => () => hits;

/**
 * Writes `vector`'s int8 codes into `codes` (max|x| → ±127, rounding half away from zero) and returns the
 * scale that turns a code back into a component.
 */
function quantize(vector: Float32Array, codes: Int8Array): number {
  const d = codes.length;
  let max = 0;
  for (let i = 0; i < d; i++) {
    const x = vector[i] ?? 0;
    if (x > max) max = x;
    else if (-x > max) max = -x;
  }
  const inverse = max > 0 ? 127 / max : 0;
  for (let i = 0; i < d; i++) {
    const x = (vector[i] ?? 0) * inverse;
    // |x| ≤ 127, so the Int8Array store cannot wrap.
    codes[i] = x < 0 ? -Math.floor(0.5 - x) : Math.floor(x + 0.5);
  }
  return max / 127;
}
