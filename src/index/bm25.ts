import { readFile } from 'node:fs/promises';
import { writeDurably } from '../shared/atomic-write.js';
import type { LabelFilter, LabelHit } from './vector-store.js';
import { itemAt } from '../shared/arrays.js';

/** A query term with its weight (synonyms weigh less than the asked word). */
export interface QueryTerm {
  term: string;
  weight: number;
}

export interface Bm25Options {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

const MAGIC = 'ZBM25IDX';
const VERSION = 1;
const HEADER_BYTES = 48;
const MAX_TF = 0xffff;
const MIN_LIST_CAPACITY = 4;

/**
 * BM25 over analyzed terms (src/text/analyzer.ts), keyed by the same integer labels as the vectors.
 * Postings live in typed arrays, one list per term, so a million chunks cost a few flat arrays
 * rather than a hundred million objects; a loaded index is views on the file's bytes.
 */
export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * Per term: labels of the documents containing it (capacity may exceed the used length). A loaded
   * index leaves these empty and reads the file's one big array (`loaded`) instead: a realistic
   * vocabulary has millions of terms, and two views per term would cost hundreds of megabytes.
   * A list gets its own arrays when it grows.
   */
  private readonly postingLabels: Array<Uint32Array | undefined> = [];
  private readonly postingTfs: Array<Uint16Array | undefined> = [];
  private loaded: { offsets: Uint32Array; labels: Uint32Array; tfs: Uint16Array } | null = null;
  private readonly postingLengths: number[] = [];
  /** Indexed by label. */
  private docLengths = new Uint32Array(0);
  private present = new Uint8Array(0);
  private documents = 0;
  private totalLength = 0;
  /** Score accumulator reused across searches (zeroed after each). */
  private scratch = new Float64Array(0);
  /**
   * Per term, computed on first use by a search and kept up to date by `add`: the largest tf and the
   * smallest document length in its list (-1: not computed), and whether the list is in label order.
   * Removals leave them as they are: still upper bounds.
   */
  private boundTf: number[] = [];
  private boundLength: number[] = [];
  private boundSorted: boolean[] = [];

  constructor(options: Partial<Bm25Options> = {}) {
    const o = { ...DEFAULT_BM25, ...options };
    this.k1 = o.k1;
    this.b = o.b;
  }

  /** Number of documents indexed. */
  get size(): number {
    return this.documents;
  }

  has(label: number): boolean {
    return this.present[label] === 1;
  }

  /** Documents containing `term` (an analyzed term, as `analyze()` returns it). */
  docFreq(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : itemAt(this.postingLengths, id);
  }

  /** BM25 (Lucene) inverse document frequency; always positive, highest for a term found nowhere. */
  idf(term: string): number {
    const df = this.docFreq(term);
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  add(label: number, terms: readonly string[]): void {
    if (!Number.isInteger(label) || label < 0 || label >= 0xffffffff) throw new Error(`bm25: invalid label ${label}`);
    if (this.has(label)) throw new Error(`bm25: label ${label} already indexed`);
    this.ensureDocCapacity(label + 1);
    const tfs = new Map<string, number>();
    for (const term of terms) tfs.set(term, (tfs.get(term) ?? 0) + 1);
    for (const [term, count] of tfs) {
      const id = this.termId(term);
      const tf = Math.min(count, MAX_TF);
      const length = itemAt(this.postingLengths, id);
      if (itemAt(this.boundTf, id) >= 0) {
        this.boundTf[id] = Math.max(itemAt(this.boundTf, id), tf);
        this.boundLength[id] = Math.min(itemAt(this.boundLength, id), terms.length);
        if (length > 0 && itemAt(this.docsOf(id), length - 1) > label) this.boundSorted[id] = false;
      }
      this.appendPosting(id, label, tf);
    }
    this.present[label] = 1;
    this.docLengths[label] = terms.length;
    this.documents += 1;
    this.totalLength += terms.length;
  }

  /** Removes documents; one pass over all postings however many labels are given. */
  remove(labels: Iterable<number>): void {
    const gone = new Uint8Array(this.present.length);
    let removed = 0;
    for (const label of labels) {
      if (!this.has(label)) throw new Error(`bm25: no document with label ${label}`);
      if (gone[label] === 1) continue;
      gone[label] = 1;
      removed += 1;
      this.present[label] = 0;
      this.totalLength -= itemAt(this.docLengths, label);
      this.docLengths[label] = 0;
    }
    if (removed === 0) return;
    this.documents -= removed;
    for (let t = 0; t < this.terms.length; t++) {
      const docs = this.docsOf(t);
      const tfs = this.tfsOf(t);
      const length = itemAt(this.postingLengths, t);
      let kept = 0;
      for (let i = 0; i < length; i++) {
        if (gone[itemAt(docs, i)] === 1) continue;
        docs[kept] = itemAt(docs, i);
        tfs[kept] = itemAt(tfs, i);
        kept += 1;
      }
      this.postingLengths[t] = kept;
    }
  }

  /**
   * Top-k documents for the query terms (strings weigh 1; a repeated term counts once, at its
   * highest weight). `filter` is consulted only for documents that could enter the top k.
   *
   * MaxScore (Turtle & Flood 1995): the lists are walked together in label order, the terms sorted
   * by their score bound; once the k-th best score exceeds what the weakest terms could add up to,
   * a document found only in those lists cannot enter, so only the other ("essential") lists propose
   * candidates and the weak ones are skipped forward to them. Same hits, same scores, same order as
   * `searchExhaustive`: each candidate's score is summed in the same term order.
   */
  search(query: ReadonlyArray<string | QueryTerm>, k: number, filter?: LabelFilter): LabelHit[] {
    if (this.documents === 0 || k <= 0) return [];
    const weights = queryWeights(query);
    const avgLength = this.totalLength / this.documents || 1;
    const cursors: Cursor[] = [];
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      const length = itemAt(this.postingLengths, id);
      if (length === 0) continue;
      if (!this.bounds(id)) return this.searchExhaustive(query, k, filter);
      const idf = this.idf(term) * weight;
      const ub = this.contribution(idf, itemAt(this.boundTf, id), itemAt(this.boundLength, id), avgLength) * (1 + 1e-9);
      cursors.push({ docs: this.docsOf(id), tfs: this.tfsOf(id), length, pos: 0, idf, ub, order: cursors.length });
    }
    const top = new TopK(Math.floor(k));
    if (cursors.length === 0) return [];
    const terms = cursors.length;
    // The canonical order (query order) is kept in `order`; pruning walks them by bound.
    cursors.sort((a, b) => a.ub - b.ub);
    const prefix = new Float64Array(terms + 1);
    for (let i = 0; i < terms; i++) prefix[i + 1] = itemAt(prefix, i) + itemAt(cursors, i).ub;
    const contributions = new Float64Array(terms);
    let threshold = -Infinity;
    let essential = 0;
    for (;;) {
      let doc = Infinity;
      for (let i = essential; i < terms; i++) {
        const c = itemAt(cursors, i);
        if (c.pos < c.length && itemAt(c.docs, c.pos) < doc) doc = itemAt(c.docs, c.pos);
      }
      if (doc === Infinity) break;
      const norm = this.k1 * (1 - this.b + (this.b * itemAt(this.docLengths, doc)) / avgLength);
      let partial = 0;
      for (let i = essential; i < terms; i++) {
        const c = itemAt(cursors, i);
        if (c.pos < c.length && c.docs[c.pos] === doc) {
          const tf = itemAt(c.tfs, c.pos);
          const value = (c.idf * tf * (this.k1 + 1)) / (tf + norm);
          contributions[c.order] = value;
          partial += value;
          c.pos += 1;
        }
      }
      let pruned = false;
      for (let i = essential - 1; i >= 0; i--) {
        // A new label is above every label in the heap, so a tie with the k-th score cannot enter.
        if (partial + itemAt(prefix, i + 1) <= threshold) {
          pruned = true;
          break;
        }
        const c = itemAt(cursors, i);
        seek(c, doc);
        if (c.pos < c.length && c.docs[c.pos] === doc) {
          const tf = itemAt(c.tfs, c.pos);
          const value = (c.idf * tf * (this.k1 + 1)) / (tf + norm);
          contributions[c.order] = value;
          partial += value;
        }
      }
      if (!pruned) {
        let score = 0;
        for (let o = 0; o < terms; o++) score += itemAt(contributions, o);
        if (top.accepts(score, doc) && (!filter || filter(doc))) {
          top.push(score, doc);
          if (top.full) {
            threshold = top.threshold;
            while (essential < terms && itemAt(prefix, essential + 1) <= threshold) essential += 1;
          }
        }
      }
      contributions.fill(0);
    }
    return top.sorted();
  }

  /** The same ranking as `search` by scoring every posting of every query term (the reference for tests). */
  searchExhaustive(query: ReadonlyArray<string | QueryTerm>, k: number, filter?: LabelFilter): LabelHit[] {
    if (this.documents === 0 || k <= 0) return [];
    const weights = queryWeights(query);
    if (this.scratch.length < this.present.length) this.scratch = new Float64Array(this.present.length);
    const scores = this.scratch;
    const touched: number[] = [];
    const avgLength = this.totalLength / this.documents || 1;
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      const idf = this.idf(term) * weight;
      const docs = this.docsOf(id);
      const tfs = this.tfsOf(id);
      const length = itemAt(this.postingLengths, id);
      for (let i = 0; i < length; i++) {
        const label = docs[i] ?? 0;
        const tf = tfs[i] ?? 0;
        const norm = this.k1 * (1 - this.b + (this.b * (this.docLengths[label] ?? 0)) / avgLength);
        if (scores[label] === 0) touched.push(label);
        scores[label] = (scores[label] ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm);
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

  /** Vocabulary size and the longest posting list (the cost of the most common term). */
  stats(): { terms: number; postings: number; longestList: number } {
    let postings = 0;
    let longestList = 0;
    for (const length of this.postingLengths) {
      postings += length;
      if (length > longestList) longestList = length;
    }
    return { terms: this.postingLengths.filter((n) => n > 0).length, postings, longestList };
  }

  private contribution(idf: number, tf: number, length: number, avgLength: number): number {
    const norm = this.k1 * (1 - this.b + (this.b * length) / avgLength);
    return (idf * tf * (this.k1 + 1)) / (tf + norm);
  }

  /** Computes a term's score bounds on first use (one pass over its list); false when the list is out of label order. */
  private bounds(id: number): boolean {
    if (itemAt(this.boundTf, id) < 0) {
      const docs = this.docsOf(id);
      const tfs = this.tfsOf(id);
      const length = itemAt(this.postingLengths, id);
      let maxTf = 0;
      let minLength = Infinity;
      let sorted = true;
      for (let i = 0; i < length; i++) {
        if (itemAt(tfs, i) > maxTf) maxTf = itemAt(tfs, i);
        const dl = itemAt(this.docLengths, itemAt(docs, i));
        if (dl < minLength) minLength = dl;
        if (i > 0 && itemAt(docs, i - 1) >= itemAt(docs, i)) sorted = false;
      }
      this.boundTf[id] = maxTf;
      this.boundLength[id] = minLength === Infinity ? 0 : minLength;
      this.boundSorted[id] = sorted;
    }
    return itemAt(this.boundSorted, id);
  }

  async save(file: string): Promise<void> {
    await writeDurably(file, this.encode());
  }

  static async load(file: string): Promise<Bm25Index> {
    return Bm25Index.decode(await readFile(file), file);
  }

  /** Layout: header, term offsets, labels, doc lengths, presence, term frequencies, vocabulary ("\n"-joined). */
  encode(): Uint8Array {
    assertLittleEndian();
    const used = this.terms.map((_, t) => t).filter((t) => itemAt(this.postingLengths, t) > 0);
    const postings = used.reduce((n, t) => n + itemAt(this.postingLengths, t), 0);
    const capacity = this.present.length;
    const vocab = Buffer.from(used.map((t) => this.terms[t]).join('\n'), 'utf8');
    const layout = sections(used.length, postings, capacity, vocab.byteLength);
    const bytes = new Uint8Array(layout.total);
    const header = new DataView(bytes.buffer);
    bytes.set(Buffer.from(MAGIC, 'latin1'), 0);
    header.setUint32(8, VERSION, true);
    header.setUint32(12, used.length, true);
    header.setUint32(16, postings, true);
    header.setUint32(20, capacity, true);
    header.setUint32(24, vocab.byteLength, true);
    header.setFloat64(32, this.k1, true);
    header.setFloat64(40, this.b, true);
    const offsets = new Uint32Array(bytes.buffer, layout.offsets, used.length + 1);
    const labels = new Uint32Array(bytes.buffer, layout.labels, postings);
    const tfs = new Uint16Array(bytes.buffer, layout.tfs, postings);
    let at = 0;
    used.forEach((t, i) => {
      const length = itemAt(this.postingLengths, t);
      offsets[i] = at;
      labels.set(this.docsOf(t).subarray(0, length), at);
      tfs.set(this.tfsOf(t).subarray(0, length), at);
      at += length;
    });
    offsets[used.length] = at;
    new Uint32Array(bytes.buffer, layout.docLengths, capacity).set(this.docLengths.subarray(0, capacity));
    bytes.set(this.present.subarray(0, capacity), layout.present);
    bytes.set(vocab, layout.vocab);
    return bytes;
  }

  /** Takes ownership of `input` when it spans its whole buffer: the index becomes views on it and edits it in place. */
  static decode(input: Uint8Array, name = 'bm25'): Bm25Index {
    assertLittleEndian();
    const fail = (why: string) => new Error(`bm25: ${name}: ${why}`);
    // A slice of a shared buffer (a pooled Buffer) is copied: views need alignment, edits must not leak.
    const owned = input.byteOffset === 0 && input.byteLength === input.buffer.byteLength;
    const bytes = owned ? input : new Uint8Array(input);
    if (bytes.byteLength < HEADER_BYTES || Buffer.from(bytes.subarray(0, 8)).toString('latin1') !== MAGIC) {
      throw fail('not a BM25 index file');
    }
    const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
    const version = header.getUint32(8, true);
    if (version !== VERSION) throw fail(`format version ${version}, expected ${VERSION}`);
    const termCount = header.getUint32(12, true);
    const postings = header.getUint32(16, true);
    const capacity = header.getUint32(20, true);
    const vocabBytes = header.getUint32(24, true);
    const layout = sections(termCount, postings, capacity, vocabBytes);
    if (layout.total !== bytes.byteLength) throw fail(`${bytes.byteLength} bytes, header implies ${layout.total}`);
    const view = <T>(Type: new (b: ArrayBufferLike, o: number, n: number) => T, offset: number, n: number) =>
      new Type(bytes.buffer, bytes.byteOffset + offset, n);
    const offsets = view(Uint32Array, layout.offsets, termCount + 1);
    const labels = view(Uint32Array, layout.labels, postings);
    const tfs = view(Uint16Array, layout.tfs, postings);
    const terms = termCount === 0 ? [] : Buffer.from(bytes.buffer, bytes.byteOffset + layout.vocab, vocabBytes).toString('utf8').split('\n');
    if (terms.length !== termCount) throw fail(`vocabulary has ${terms.length} terms, header says ${termCount}`);
    if (offsets[termCount] !== postings) throw fail('posting offsets do not add up');

    const index = new Bm25Index({ k1: header.getFloat64(32, true), b: header.getFloat64(40, true) });
    index.loaded = { offsets, labels, tfs };
    index.postingLabels.length = termCount;
    index.postingTfs.length = termCount;
    index.docLengths = view(Uint32Array, layout.docLengths, capacity);
    index.present = view(Uint8Array, layout.present, capacity);
    for (let t = 0; t < termCount; t++) {
      const start = itemAt(offsets, t);
      const end = itemAt(offsets, t + 1);
      if (end < start) throw fail(`posting offsets of term ${t} decrease`);
      index.termIds.set(itemAt(terms, t), t);
      index.terms.push(itemAt(terms, t));
      index.postingLengths.push(end - start);
      index.boundTf.push(-1);
      index.boundLength.push(0);
      index.boundSorted.push(true);
    }
    for (let label = 0; label < capacity; label++) {
      if (index.present[label] !== 1) continue;
      index.documents += 1;
      index.totalLength += itemAt(index.docLengths, label);
    }
    return index;
  }

  private docsOf(id: number): Uint32Array {
    const own = this.postingLabels[id];
    if (own) return own;
    const loaded = this.loadedLists();
    return loaded.labels.subarray(itemAt(loaded.offsets, id), itemAt(loaded.offsets, id + 1));
  }

  private tfsOf(id: number): Uint16Array {
    const own = this.postingTfs[id];
    if (own) return own;
    const loaded = this.loadedLists();
    return loaded.tfs.subarray(itemAt(loaded.offsets, id), itemAt(loaded.offsets, id + 1));
  }

  private loadedLists(): { offsets: Uint32Array; labels: Uint32Array; tfs: Uint16Array } {
    if (!this.loaded) throw new Error('bm25: a posting list is neither built nor loaded (a bug)');
    return this.loaded;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      if (term.length === 0 || term.includes('\n')) throw new Error(`bm25: invalid term ${JSON.stringify(term)}`);
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postingLabels.push(new Uint32Array(MIN_LIST_CAPACITY));
      this.postingTfs.push(new Uint16Array(MIN_LIST_CAPACITY));
      this.postingLengths.push(0);
      this.boundTf.push(-1);
      this.boundLength.push(0);
      this.boundSorted.push(true);
    }
    return id;
  }

  private appendPosting(id: number, label: number, tf: number): void {
    const length = itemAt(this.postingLengths, id);
    let docs = this.docsOf(id);
    let tfs = this.tfsOf(id);
    // Lists loaded from a file are exact-size views on one buffer: growing always copies out.
    if (length === docs.length) {
      const capacity = Math.max(MIN_LIST_CAPACITY, length * 2);
      docs = grow(docs, new Uint32Array(capacity), length);
      tfs = grow(tfs, new Uint16Array(capacity), length);
      this.postingLabels[id] = docs;
      this.postingTfs[id] = tfs;
    }
    docs[length] = label;
    tfs[length] = tf;
    this.postingLengths[id] = length + 1;
  }

  private ensureDocCapacity(needed: number): void {
    if (needed <= this.present.length) return;
    const capacity = Math.max(needed, Math.ceil(this.present.length * 1.5));
    this.docLengths = grow(this.docLengths, new Uint32Array(capacity), this.docLengths.length);
    this.present = grow(this.present, new Uint8Array(capacity), this.present.length);
  }
}

interface Cursor {
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
function queryWeights(query: ReadonlyArray<string | QueryTerm>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const q of query) {
    const { term, weight } = typeof q === 'string' ? { term: q, weight: 1 } : q;
    weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}

/** Moves the cursor to the first posting with a label ≥ `doc`: galloping, then binary search. */
function seek(c: Cursor, doc: number): void {
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

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(from: T, to: T, length: number): T {
  to.set(from.subarray(0, length));
  return to;
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;

function sections(termCount: number, postings: number, capacity: number, vocabBytes: number) {
  const offsets = HEADER_BYTES;
  const labels = offsets + (termCount + 1) * 4;
  const docLengths = labels + postings * 4;
  const present = docLengths + capacity * 4;
  const tfs = align(present + capacity, 4);
  const vocab = tfs + postings * 2;
  return { offsets, labels, docLengths, present, tfs, vocab, total: vocab + vocabBytes };
}

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('bm25: index files need a little-endian host');
}

/** Bounded min-heap of (score, label); ties go to the lower label so rankings are deterministic. */
class TopK {
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
