/**
 * The query side of the BM25 index (index/bm25.ts): weighted query terms, posting-list cursors that seek
 * by galloping, and the bounded top-k heap the pruned search fills.
 */
import type { Bm25Index } from './bm25.js';
import type { LabelFilter, LabelHit } from './vector-store.js';
import { itemAt } from '../shared/arrays.js';

/** A query term with its weight (synonyms weigh less than the asked word). */
export interface QueryTerm {
  term: string;
  weight: number;
}

export interface Cursor {
  docs: Uint32Array;
  tfs: Uint16Array;
  length: number;
  pos: number;
  /** idf × query weight. */
  idf: number;
  /** Upper bound of the term's contribution to any document's score. */
  ub: number;
  /** Position in the query: scores are summed in this order, as the exhaustive scan sums them. */
  order: number;
  /** Per window of WINDOW labels, the bound of the term's contribution there divided by idf (`windowBounds`, bm25-bounds.ts); `ub` for every window without it. */
  blocks?: Float32Array;
  /** Per posting, its `unitScore` (a long list's, `windowBounds`); computed from `tfs` and the norms where absent. */
  impacts?: Float32Array;
}

/** Labels per window of the pruned search: its accumulator (32 KiB of doubles) stays in cache. */
export const WINDOW = 4096;
/**
 * Pruning compares bounds with partial sums added in another order than the final score's: a relative
 * margin far above that rounding (≈ 1e-14 for a hundred terms) keeps it from dropping a document.
 */
const SLACK = 1 + 1e-9;
/** A window bound is idf × a factor computed apart: raised by far more than the rounding of that product. */
export const BOUND_UP = 1 + 1e-9;

/**
 * A posting's share of its document's score before the term's idf: tf · (k1 + 1) / (tf + norm), rounded to a float32
 * so that a long list can keep it per posting (`WindowBounds.impacts`, 4 bytes a posting) and every search (pruned,
 * term at a time, exhaustive) adds the very same doubles whether it reads the stored value or computes it.
 */
export function unitScore(tf: number, norm: number, kp1: number): number {
  return Math.fround((tf * kp1) / (tf + norm));
}

/** A repeated term counts once, at its highest weight; strings weigh 1. */
export function queryWeights(query: ReadonlyArray<string | QueryTerm>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const q of query) {
    const { term, weight } = typeof q === 'string' ? { term: q, weight: 1 } : q;
    weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}

/** Moves the cursor to the first posting with a label ≥ `doc`: galloping, then binary search. */
export function seek(c: Cursor, doc: number): void {
  c.pos = seekFrom(c.docs, c.length, c.pos, doc);
}

/** The first position ≥ `from` whose label is ≥ `doc` (or `length`). */
function seekFrom(docs: Uint32Array, length: number, from: number, doc: number): number {
  if (from >= length || (docs[from] ?? 0) >= doc) return from;
  let low = from;
  let step = 1;
  while (low + step < length && (docs[low + step] ?? 0) < doc) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, length);
  // docs[low] < doc; the answer is in (low, high].
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if ((docs[mid] ?? 0) < doc) low = mid;
    else high = mid;
  }
  return high;
}

/** Bounded min-heap of (score, label); ties go to the lower label so rankings are deterministic. */
export class TopK {
  private readonly scores: number[] = [];
  private readonly labels: number[] = [];

  constructor(private readonly k: number) {}

  get full(): boolean {
    return this.scores.length >= this.k;
  }

  /** The k-th best score so far (-Infinity until the heap is full). */
  get threshold(): number {
    return this.full ? itemAt(this.scores, 0) : -Infinity;
  }

  /** Whether a hit would enter the heap (checked before the caller's filter). */
  accepts(score: number, label: number): boolean {
    return this.k > 0 && (this.scores.length < this.k || this.worse(0, score, label));
  }

  push(score: number, label: number): void {
    if (this.scores.length < this.k) {
      this.scores.push(score);
      this.labels.push(label);
      this.siftUp(this.scores.length - 1);
    } else {
      this.scores[0] = score;
      this.labels[0] = label;
      this.siftDown(0);
    }
  }

  sorted(): LabelHit[] {
    return this.labels
      .map((label, i) => ({ label, score: this.scores[i] ?? 0 }))
      .sort((a, b) => b.score - a.score || a.label - b.label);
  }

  /** Whether the entry at `i` ranks below (score, label). */
  private worse(i: number, score: number, label: number): boolean {
    const s = this.scores[i] ?? 0;
    return s < score || (s === score && (this.labels[i] ?? 0) > label);
  }

  private less(i: number, j: number): boolean {
    return this.worse(i, this.scores[j] ?? 0, this.labels[j] ?? 0);
  }

  private swap(i: number, j: number): void {
    [this.scores[i], this.scores[j]] = [this.scores[j] ?? 0, this.scores[i] ?? 0];
    [this.labels[i], this.labels[j]] = [this.labels[j] ?? 0, this.labels[i] ?? 0];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.scores.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.less(l, smallest)) smallest = l;
      if (r < n && this.less(r, smallest)) smallest = r;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}

/**
 * Every posting of every query term scored: what the pruned `Bm25Index.search` falls back to when a list is
 * out of label order, and the reference it must match (test/index/bm25-pruning.test.ts).
 */
export function exhaustiveSearch(
  index: Bm25Index,
  query: ReadonlyArray<string | QueryTerm>,
  k: number,
  filter?: LabelFilter,
  // Zeroed, at least as long as the label capacity; reused between searches by the index (zeroed again after use).
  scores = new Float64Array(index.lengths().of.length),
): LabelHit[] {
  if (index.size === 0 || k <= 0) return [];
  const { of: docLengths, average: avgLength } = index.lengths();
  const touched: number[] = [];
  for (const [term, weight] of queryWeights(query)) {
    const list = index.postingsOf(term);
    if (list === undefined || weight <= 0) continue;
    const idf = index.idf(term) * weight;
    for (let i = 0; i < list.length; i++) {
      const label = list.docs[i] ?? 0;
      const norm = index.k1 * (1 - index.b + (index.b * (docLengths[label] ?? 0)) / avgLength);
      if (scores[label] === 0) touched.push(label);
      scores[label] = (scores[label] ?? 0) + idf * unitScore(list.tfs[i] ?? 0, norm, index.k1 + 1);
    }
  }
  const top = new TopK(Math.floor(k));
  for (const label of touched) {
    const score = itemAt(scores, label);
    scores[label] = 0;
    if (top.accepts(score, label) && (!filter || filter(label))) top.push(score, label);
  }
  return top.sorted();
}

/**
 * MaxScore (Turtle & Flood 1995) with per-window bounds ("block-max"), as Lucene's MaxScoreBulkScorer does
 * it with impacts. Labels are taken in fixed windows of WINDOW labels; in each window only the terms with a
 * posting there count, each with its bound for that window (`Cursor.blocks`: the largest tf-and-length factor
 * of its postings in the window, times its idf; the list's global bound `ub` where no window bounds were
 * computed). A window whose bounds add up to no more than the k-th best score so far is skipped whole; in the
 * others the weakest terms whose bounds together stay below it are "non-essential": a document found only in
 * their lists cannot enter the top k. The essential lists are added up term at a time into a small
 * accumulator (a tight loop over typed arrays), marking the documents found there (the candidates); the
 * non-essential lists' postings in the window are then added to the same slots, and a candidate is scored
 * exactly only if its slot's sum can still beat the k-th score. Window bounds matter at a million chunks: there the global bounds of a thesaurus-expanded
 * question's 30-50 terms add up far above any real score, but most windows hold few of its rarer terms.
 *
 * Same hits, same scores, same order as `exhaustiveSearch`: a document that survives is scored again,
 * its terms summed in query order as the exhaustive scan sums them, and documents come in label order, so
 * a tie with the k-th score (which goes to the lower label) can never enter. `cursors` are in query order
 * (`order` = index) and their lists in label order; `norms[label]` is k1 · (1 − b + b · length / average).
 */
export function maxScoreSearch(cursors: readonly Cursor[], norms: Float64Array, k1: number, k: number, filter?: LabelFilter): LabelHit[] {
  const top = new TopK(Math.floor(k));
  const terms = cursors.length;
  if (terms === 0 || k <= 0) return [];
  const kp1 = k1 + 1;
  // Per window: the cursors with a posting in it (in query order), their bounds there, and the same sorted by bound.
  const active: Cursor[] = [];
  const bound = new Float64Array(terms);
  const byBound: Cursor[] = [];
  const prefix = new Float64Array(terms + 1);
  const windowStart = new Int32Array(terms);
  const acc = new Float64Array(WINDOW);
  const seen = new Uint8Array(WINDOW);
  const found = new Uint16Array(WINDOW);
  let threshold = -Infinity;
  for (;;) {
    let next = Infinity;
    for (const c of cursors) if (c.pos < c.length && (c.docs[c.pos] ?? 0) < next) next = c.docs[c.pos] ?? 0;
    if (next === Infinity) break;
    const window = Math.floor(next / WINDOW);
    const start = window * WINDOW;
    const end = start + WINDOW;
    active.length = 0;
    let total = 0;
    for (const c of cursors) {
      if (c.pos >= c.length || (c.docs[c.pos] ?? 0) >= end) continue;
      const b = c.blocks ? c.idf * (c.blocks[window] ?? Infinity) * BOUND_UP : c.ub;
      bound[c.order] = b;
      total += b;
      windowStart[c.order] = c.pos;
      active.push(c);
    }
    if (total * SLACK <= threshold) {
      // Nothing in this window can reach the top k.
      for (const c of active) seek(c, end);
      continue;
    }
    byBound.length = 0;
    byBound.push(...active);
    byBound.sort((a, b) => (bound[a.order] ?? 0) - (bound[b.order] ?? 0));
    const n = byBound.length;
    // `byBound[i] as Cursor` rather than itemAt in this function's loops: the shared checked accessor, called from many
    // sites with many array types, was a tenth of a 1M profile (i < n: always there).
    for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (bound[(byBound[i] as Cursor).order] ?? 0);
    let essential = 0;
    while (essential < n && (prefix[essential + 1] ?? 0) * SLACK <= threshold) essential += 1;
    let count = 0;
    for (let i = essential; i < n; i++) {
      const c = byBound[i] as Cursor;
      const { docs, tfs, length, idf, impacts } = c;
      let pos = c.pos;
      // Two copies of the loop: a long list reads its stored impacts, a short one computes them.
      if (impacts) {
        for (; pos < length; pos++) {
          const doc = docs[pos] ?? 0;
          if (doc >= end) break;
          const at = doc - start;
          acc[at] = (acc[at] ?? 0) + idf * (impacts[pos] ?? 0);
          if (seen[at] === 0) {
            seen[at] = 1;
            found[count++] = at;
          }
        }
      } else {
        for (; pos < length; pos++) {
          const doc = docs[pos] ?? 0;
          if (doc >= end) break;
          const at = doc - start;
          acc[at] = (acc[at] ?? 0) + idf * unitScore(tfs[pos] ?? 0, norms[doc] ?? 0, kp1);
          if (seen[at] === 0) {
            seen[at] = 1;
            found[count++] = at;
          }
        }
      }
      c.pos = pos;
    }
    // In label order: a few offsets sorted, or a dense window's marks read in order.
    if (count * 16 > WINDOW) {
      // Without a branch: about half a dense window's marks are set, a branch on each mispredicts half the time.
      for (let at = 0, m = 0; m < count; at++) {
        found[m] = at;
        m += seen[at] ?? 0;
      }
    } else {
      found.subarray(0, count).sort();
    }
    // The non-essential lists' postings in the window added too: a document's slot then holds its whole score, which
    // no probe of those lists per document would beat (at 1M a long question has 1.5 probes per candidate, 0.7-0.8M
    // in all, against 0.3-0.5M non-essential postings in the windows it reads). A document found only there is no
    // candidate: its slot is cleared with the window.
    for (let i = 0; i < essential; i++) {
      const c = byBound[i] as Cursor;
      c.pos = addWindow(c, end, start, acc, norms, kp1);
    }
    for (let m = 0; m < count; m++) {
      const at = found[m] ?? 0;
      seen[at] = 0;
      if ((acc[at] ?? 0) * SLACK <= threshold) continue;
      const doc = start + at;
      if (filter && !filter(doc)) continue;
      const score = exactScore(active, windowStart, doc, norms[doc] ?? 0, kp1);
      if (top.accepts(score, doc)) {
        top.push(score, doc);
        if (top.full) threshold = top.threshold;
      }
    }
    acc.fill(0);
  }
  return top.sorted();
}

/** Adds a list's postings below `end` into the window's slots (`acc[label − start]`); returns the position after them. */
function addWindow(c: Cursor, end: number, start: number, acc: Float64Array, norms: Float64Array, kp1: number): number {
  const { docs, tfs, length, idf, impacts } = c;
  let pos = c.pos;
  if (impacts) {
    for (; pos < length; pos++) {
      const doc = docs[pos] ?? 0;
      if (doc >= end) break;
      const at = doc - start;
      acc[at] = (acc[at] ?? 0) + idf * (impacts[pos] ?? 0);
    }
  } else {
    for (; pos < length; pos++) {
      const doc = docs[pos] ?? 0;
      if (doc >= end) break;
      const at = doc - start;
      acc[at] = (acc[at] ?? 0) + idf * unitScore(tfs[pos] ?? 0, norms[doc] ?? 0, kp1);
    }
  }
  return pos;
}

/**
 * A document's score with its terms added in query order, as the exhaustive scan adds them (so equal
 * documents get bit-equal scores). `active`: the window's cursors in query order; each is found from its
 * window position (moving it forward: survivors come in label order).
 */
function exactScore(active: readonly Cursor[], windowStart: Int32Array, doc: number, norm: number, kp1: number): number {
  let score = 0;
  for (const c of active) {
    const pos = seekFrom(c.docs, c.length, windowStart[c.order] ?? 0, doc);
    windowStart[c.order] = pos;
    if (pos < c.length && c.docs[pos] === doc) score += c.idf * impactAt(c, pos, norm, kp1);
  }
  return score;
}

/** The `unitScore` of a cursor's posting at `pos`: stored for a long list, else computed (the same float). */
function impactAt(c: Cursor, pos: number, norm: number, kp1: number): number {
  return c.impacts ? (c.impacts[pos] ?? 0) : unitScore(c.tfs[pos] ?? 0, norm, kp1);
}

/**
 * Every posting scored, term at a time into `scores` (zeroed, one slot per label; zeroed again before
 * returning), then the top k of the documents touched. The same sums as `exhaustiveSearch`, in the same
 * term order, with the length normalisation read from `norms`; lists in any label order.
 */
export function termAtATime(cursors: ReadonlyArray<Pick<Cursor, 'docs' | 'tfs' | 'length' | 'idf' | 'impacts'>>, norms: Float64Array, k1: number, k: number, filter: LabelFilter | undefined, scores: Float64Array, touched: Uint32Array): LabelHit[] {
  const kp1 = k1 + 1;
  let count = 0;
  for (const { docs, tfs, length, idf, impacts } of cursors) {
    for (let i = 0; i < length; i++) {
      const doc = docs[i] ?? 0;
      const before = scores[doc] ?? 0;
      if (before === 0) touched[count++] = doc;
      scores[doc] = before + idf * (impacts ? (impacts[i] ?? 0) : unitScore(tfs[i] ?? 0, norms[doc] ?? 0, kp1));
    }
  }
  const top = new TopK(Math.floor(k));
  let threshold = -Infinity;
  for (let n = 0; n < count; n++) {
    const doc = touched[n] ?? 0;
    const score = scores[doc] ?? 0;
    scores[doc] = 0;
    if (score < threshold) continue;
    if (top.accepts(score, doc) && (!filter || filter(doc))) {
      top.push(score, doc);
      threshold = top.threshold;
    }
  }
  return top.sorted();
}
