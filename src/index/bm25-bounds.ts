/**
 * Score bounds of posting lists for the pruned search (bm25-query.ts, `maxScoreSearch`): per list, the most its
 * term can add to any document's score, and whether its labels ascend (the search needs label order).
 */
import { grown, itemAt } from '../shared/arrays.js';
import { unitScore, WINDOW } from './bm25-query.js';
import type { ImpactShape } from './bm25-file.js';

/** Impacts per block (16 MiB): at 1M chunks the 52M postings of long lists take 13 blocks. */
const IMPACT_BLOCK = 1 << 22;

/** A list's largest term frequency and shortest document (the BM25 contribution grows with the one and shrinks with the other). */
export interface ListBounds {
  maxTf: number;
  minLength: number;
  sorted: boolean;
}

/** One pass over a list of `length` postings. */
export function listBounds(docs: Uint32Array, tfs: Uint16Array, length: number, docLengths: Uint32Array): ListBounds {
  let maxTf = 0;
  let minLength = Infinity;
  let sorted = true;
  // Plain typed-array reads: a generic accessor here was a quarter of a profile.
  for (let i = 0, previous = -1; i < length; i++) {
    const doc = docs[i] ?? 0;
    const tf = tfs[i] ?? 0;
    if (tf > maxTf) maxTf = tf;
    const dl = docLengths[doc] ?? 0;
    if (dl < minLength) minLength = dl;
    if (doc <= previous) sorted = false;
    previous = doc;
  }
  return { maxTf, minLength: minLength === Infinity ? 0 : minLength, sorted };
}

/** Each label's length normalisation k1 · (1 − b + b · length / `average`), as every search computes it. */
export function normsWith(docLengths: Uint32Array, k1: number, b: number, average: number, into?: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const norms = into?.length === docLengths.length ? into : new Float64Array(docLengths.length);
  for (let label = 0; label < docLengths.length; label++) norms[label] = k1 * (1 - b + (b * (docLengths[label] ?? 0)) / average);
  return norms;
}

/** A long list's bounds for the pruned search (`windowBounds`). */
export interface WindowBounds {
  /**
   * Per posting, its `unitScore`: the hot loops then add idf × a stored float instead of reading the document's norm
   * and dividing (at 1M chunks a long question adds up 0.7-0.9M postings). Only where the caller gave the room for
   * them (the index file's writers, bm25-file.ts; the pass after loading an older file, `Bm25Index.prepareBounds`).
   */
  impacts?: Float32Array;
  /**
   * Per window of WINDOW labels, the largest `unitScore` of the list's postings there (0 where it has none): float32
   * values (the units are), so stored as such, and a loaded file's are views on its bytes.
   */
  bounds: Float32Array;
  /** The largest of them: times idf, a bound of the term's contribution to any document. */
  top: number;
  /** Whether the labels ascend (the pruned search needs label order). */
  sorted: boolean;
}

/**
 * A list's bounds per window of labels: times the term's idf, a bound of its contribution to any document of the
 * window; and its impacts if given room for them (`length` floats). One pass over the list, which also tells whether
 * it is in label order.
 */
export function windowBounds(docs: Uint32Array, tfs: Uint16Array, length: number, norms: Float64Array, k1: number, impacts?: Float32Array): WindowBounds {
  const bounds = new Float32Array(Math.ceil(norms.length / WINDOW));
  const kp1 = k1 + 1;
  let sorted = true;
  for (let i = 0, previous = -1; i < length; i++) {
    const doc = docs[i] ?? 0;
    const unit = unitScore(tfs[i] ?? 0, norms[doc] ?? 0, kp1);
    if (impacts) impacts[i] = unit;
    const w = Math.floor(doc / WINDOW);
    if (unit > (bounds[w] ?? 0)) bounds[w] = unit;
    if (doc <= previous) sorted = false;
    previous = doc;
  }
  let top = 0;
  for (const bound of bounds) if (bound > top) top = bound;
  return { impacts, bounds, top, sorted };
}

/**
 * Per term, its list's bounds, computed on first use: `listBounds` for short lists (kept up to date by additions;
 * removals leave them as they are, still upper bounds), `windowBounds` for long ones (computed again after any
 * edit, which moves the norms they were computed with).
 */
export class TermBounds {
  /** Per term: the largest tf (-1: not computed), the shortest document, label order (1: ascending). */
  private tf: Int32Array;
  private length: Uint32Array;
  private sorted: Uint8Array;
  private windows = new Map<number, WindowBounds & { at: number }>();
  /** The block impacts are taken from (`room`) and how much of it is taken. */
  private block = new Float32Array(0);
  private used = 0;

  constructor(terms = 0) {
    this.tf = new Int32Array(terms).fill(-1);
    this.length = new Uint32Array(terms);
    this.sorted = new Uint8Array(terms).fill(1);
  }

  /** Room for `capacity` terms (typed arrays: at 1M chunks 2.6M terms); the new ones not computed. */
  grow(capacity: number): void {
    this.tf = grown(this.tf, new Int32Array(capacity).fill(-1), this.tf.length);
    this.length = grown(this.length, new Uint32Array(capacity), this.length.length);
    this.sorted = grown(this.sorted, new Uint8Array(capacity).fill(1), this.sorted.length);
  }

  /** Whether a term's whole-list bounds were computed (`added` keeps them up to date). */
  computed(id: number): boolean {
    return itemAt(this.tf, id) >= 0;
  }

  /** A posting of `tf` in a document of `docLength` terms appended to a computed list, after a higher label if `outOfOrder`. */
  added(id: number, tf: number, docLength: number, outOfOrder: boolean): void {
    this.tf[id] = Math.max(itemAt(this.tf, id), tf);
    this.length[id] = Math.min(itemAt(this.length, id), docLength);
    if (outOfOrder) this.sorted[id] = 0;
  }

  /** A short list's largest tf and shortest document, computed on first use; undefined when out of label order. */
  whole(id: number, docs: Uint32Array, tfs: Uint16Array, length: number, docLengths: Uint32Array): { maxTf: number; minLength: number } | undefined {
    if (!this.computed(id)) {
      const { maxTf, minLength, sorted } = listBounds(docs, tfs, length, docLengths);
      this.tf[id] = maxTf;
      this.length[id] = minLength;
      this.sorted[id] = sorted ? 1 : 0;
    }
    return this.sorted[id] === 1 ? { maxTf: itemAt(this.tf, id), minLength: itemAt(this.length, id) } : undefined;
  }

  /**
   * The long lists' impacts and window bounds a file holds (bm25-file.ts, `ImpactShape`), as computed for its norms:
   * current until the first edit (`edits` 0), like those of the pass after load. Views on the file's bytes.
   */
  restore(lengths: Uint32Array, shape: ImpactShape, impacts: Float32Array, windows: Float32Array): void {
    const stride = shape.windows + 1;
    let at = 0;
    let list = 0;
    for (let id = 0; id < lengths.length; id++) {
      const length = lengths[id] ?? 0;
      if (length < shape.from || shape.lists === 0) continue;
      const top = windows[list * stride] ?? -1;
      this.windows.set(id, { impacts: impacts.subarray(at, at + length), bounds: windows.subarray(list * stride + 1, (list + 1) * stride), top: Math.max(top, 0), sorted: top >= 0, at: 0 });
      at += length;
      list += 1;
    }
  }

  /** A long list's stored impacts if they are current (the term-at-a-time plan uses them but does not compute them). */
  impacts(id: number, length: number, edits: number): Float32Array | undefined {
    const known = this.windows.get(id);
    return known && known.at === edits && known.impacts?.length === length ? known.impacts : undefined;
  }

  /**
   * Room for `length` impacts: views on blocks of IMPACT_BLOCK floats. Not an array per list, and not on a search's
   * first use of a list: at 1M chunks, a typed array per list on first use made the first searches slower than
   * without impacts (9 full collections instead of 3 over the 212 recorded calls, their sum 3,345 → 4,134 ms).
   */
  private room(length: number): Float32Array {
    if (this.block.length - this.used < length) {
      this.block = new Float32Array(Math.max(length, IMPACT_BLOCK));
      this.used = 0;
    }
    this.used += length;
    return this.block.subarray(this.used - length, this.used);
  }

  /**
   * A long list's bounds per window, computed again when `edits` (the index's edit count) moved since, or when asked
   * for impacts (`withImpacts`, the pass after load) that the known bounds lack.
   */
  windowed(id: number, docs: Uint32Array, tfs: Uint16Array, length: number, norms: Float64Array, k1: number, edits: number, withImpacts = false): WindowBounds {
    const known = this.windows.get(id);
    if (known && known.at === edits && known.bounds.length * WINDOW >= norms.length && (known.impacts || !withImpacts)) return known;
    const computed = { ...windowBounds(docs, tfs, length, norms, k1, withImpacts ? this.room(length) : undefined), at: edits };
    this.windows.set(id, computed);
    return computed;
  }
}
