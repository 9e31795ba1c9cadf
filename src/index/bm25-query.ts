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
  if (c.pos >= c.length || itemAt(c.docs, c.pos) >= doc) return;
  let low = c.pos;
  let step = 1;
  while (low + step < c.length && itemAt(c.docs, low + step) < doc) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, c.length);
  // docs[low] < doc; the answer is in (low, high].
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if (itemAt(c.docs, mid) < doc) low = mid;
    else high = mid;
  }
  c.pos = high;
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
      const tf = list.tfs[i] ?? 0;
      const norm = index.k1 * (1 - index.b + (index.b * (docLengths[label] ?? 0)) / avgLength);
      if (scores[label] === 0) touched.push(label);
      scores[label] = (scores[label] ?? 0) + (idf * tf * (index.k1 + 1)) / (tf + norm);
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
