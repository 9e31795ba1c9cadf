import { readFile } from 'node:fs/promises';
import { writeDurably } from '../shared/atomic-write.js';
import type { LabelFilter, LabelHit } from './vector-store.js';
import { grown, itemAt } from '../shared/arrays.js';
import { normsWith, TermBounds } from './bm25-bounds.js';
import { decodeBm25, encodeBm25 } from './bm25-file.js';
import { TermDictionary } from './term-dictionary.js';
import { BOUND_UP, exhaustiveSearch, maxScoreSearch, termAtATime, queryWeights, unitScore, type Cursor, type QueryTerm } from './bm25-query.js';

export type { QueryTerm } from './bm25-query.js';

/** How long one slice of `prepareBounds` may hold the event loop, and how long after a search it waits to take one. */
const BOUNDS_SLICE_MS = 4;
const BOUNDS_IDLE_MS = 100;

export interface Bm25Options {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

/** Term frequencies are stored as 16 bits. */
export const MAX_TF = 0xffff;
const MIN_LIST_CAPACITY = 4;
/**
 * Lists from this many postings get bounds per window of labels for the pruned search (4 bytes a window:
 * 1 KiB a term at 1M labels, at most a sixth of the list's own 6 bytes a posting) and impacts (4 bytes a posting),
 * both written into the index file.
 */
export const BLOCKED_LIST = 1024;

/**
 * BM25 over analyzed terms (src/text/analyzer.ts), keyed by the same integer labels as the vectors.
 * Postings live in typed arrays, one list per term, so a million chunks cost a few flat arrays
 * rather than a hundred million objects; a loaded index is views on the file's bytes.
 */
export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  private dictionary = new TermDictionary();
  /**
   * Per term: labels of the documents containing it (capacity may exceed the used length). A loaded
   * index leaves these empty and reads the file's one big array (`loaded`) instead: a realistic
   * vocabulary has millions of terms, and two views per term would cost hundreds of megabytes.
   * A list gets its own arrays when it grows.
   */
  private readonly postingLabels: Array<Uint32Array | undefined> = [];
  private readonly postingTfs: Array<Uint16Array | undefined> = [];
  private loaded: { offsets: Uint32Array; labels: Uint32Array; tfs: Uint16Array } | null = null;
  /** Per term (typed arrays, grown by `termId`: at 1M chunks 2.6M terms, where four arrays of numbers cost ≈ 90 MiB of heap). */
  private postingLengths = new Uint32Array(0);
  /** Indexed by label. */
  private docLengths = new Uint32Array(0);
  private present = new Uint8Array(0);
  private documents = 0;
  private totalLength = 0;
  /** Score accumulator reused across searches (zeroed after each). */
  private scratch = new Float64Array(0);
  /** Labels scored by a term-at-a-time search (reused). */
  private touched = new Uint32Array(0);
  /**
   * Postings (all query terms' lists together) up to which a search scores every posting instead of
   * pruning. A question expanded by the thesaurus has 20-50 terms whose global score bounds are loose; with
   * bounds per window of labels and the hot loops on plain typed-array reads, pruning costs less from a few
   * hundred thousand postings on (bench/README.md, "BM25 at a million chunks": the scale questions' CPU p95
   * at 100k 4.0 ms scanning, 7.7 pruning; at 300k 22.5 and 17.5; on a 1M-document BM25 file 67 and 47-52).
   */
  scanLimit = 1 << 18;
  /** Postings from which a list gets bounds per window of labels in the pruned search (tests lower it). */
  blockedList = BLOCKED_LIST;
  /** Per label, k1 · (1 − b + b · length / average): kept until a document is added or removed (`edits`). */
  private norms = new Float64Array(0);
  private normsAt = -1;
  private edits = 0;
  /**
   * Per term, its list's score bounds for the pruned search: long lists' (from `blockedList` postings)
   * read from the index file (version 2; for an older one computed in the background after load, `prepareBounds`), the
   * others on first use.
   */
  private termBounds = new TermBounds();

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
    const id = this.dictionary.get(term);
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
      if (this.termBounds.computed(id)) this.termBounds.added(id, tf, terms.length, length > 0 && itemAt(this.docsOf(id), length - 1) > label);
      this.appendPosting(id, label, tf);
    }
    this.edits += 1;
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
    this.edits += 1;
    this.documents -= removed;
    for (let t = 0; t < this.dictionary.size; t++) {
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
   * Same hits, scores and order as `exhaustiveSearch`, by one of two plans (bm25-query.ts): up to
   * `scanLimit` postings in all, every posting scored term at a time (`termAtATime`); beyond, MaxScore
   * over windows of labels (`maxScoreSearch`).
   */
  search(query: ReadonlyArray<string | QueryTerm>, k: number, filter?: LabelFilter): LabelHit[] {
    this.searchedAt = performance.now();
    if (this.documents === 0 || k <= 0) return [];
    const avgLength = this.totalLength / this.documents || 1;
    const lists: Array<{ id: number; idf: number; length: number }> = [];
    for (const [term, weight] of queryWeights(query)) {
      const id = this.dictionary.get(term);
      if (id === undefined || weight <= 0 || itemAt(this.postingLengths, id) === 0) continue;
      lists.push({ id, idf: this.idf(term) * weight, length: itemAt(this.postingLengths, id) });
    }
    if (lists.length === 0) return [];
    const norms = this.normsFor(avgLength);
    if (lists.reduce((n, l) => n + l.length, 0) <= this.scanLimit) {
      // Needs neither score bounds nor label order: a term's first search skips the pass that computes them.
      if (this.scratch.length < this.present.length) this.scratch = new Float64Array(this.present.length);
      if (this.touched.length < this.present.length) this.touched = new Uint32Array(this.present.length);
      const scored = lists.map(({ id, idf, length }) => ({ docs: this.docsOf(id), tfs: this.tfsOf(id), length, idf, impacts: this.termBounds.impacts(id, length, this.edits) }));
      return termAtATime(scored, norms, this.k1, k, filter, this.scratch, this.touched);
    }
    const cursors: Cursor[] = [];
    for (const { id, idf, length } of lists) {
      const docs = this.docsOf(id);
      const tfs = this.tfsOf(id);
      const windows = length >= this.blockedList ? this.termBounds.windowed(id, docs, tfs, length, norms, this.k1, this.edits) : undefined;
      const whole = windows ? undefined : this.termBounds.whole(id, docs, tfs, length, this.docLengths);
      if (windows ? !windows.sorted : !whole) {
        if (this.scratch.length < this.present.length) this.scratch = new Float64Array(this.present.length);
        return exhaustiveSearch(this, query, k, filter, this.scratch);
      }
      const ub = windows ? idf * windows.top : this.contribution(idf, whole?.maxTf ?? 0, whole?.minLength ?? 0, avgLength);
      cursors.push({ docs, tfs, length, pos: 0, idf, ub: ub * BOUND_UP, order: cursors.length, blocks: windows?.bounds, impacts: windows?.impacts });
    }
    return maxScoreSearch(cursors, norms, this.k1, k, filter);
  }

  /**
   * Every long list's bounds per window of labels and its impacts, computed ahead rather than by the first search that
   * needs them: one pass over each list, which a term's first search would otherwise pay (at 1M chunks 10-50 ms of a
   * question's first search), and impacts, which a search does not compute (after an edit, until the next load, long lists
   * have none). At 1M chunks: 3,425 lists, 52M postings, 6.7 MB of bounds and 208 MB of impacts.
   * In slices on timers, none within `idleMs` of a search, so that neither start-up nor a question waits for it; a search
   * before a list's turn computes that list's bounds itself (no impacts). Resolves when every list is done.
   */
  prepareBounds(sliceMs = BOUNDS_SLICE_MS, idleMs = BOUNDS_IDLE_MS): Promise<void> {
    let id = 0;
    return new Promise((resolve) => {
      const slice = () => {
        // Questions first: a slice inside a question's awaits would add its milliseconds to that question.
        if (performance.now() - this.searchedAt < idleMs) return void setTimeout(slice, idleMs).unref();
        const until = performance.now() + sliceMs;
        // The norms move with every edit: taken again each slice, as a search takes them.
        const norms = this.normsFor(this.totalLength / this.documents || 1);
        while (id < this.dictionary.size) {
          const length = itemAt(this.postingLengths, id);
          if (length >= this.blockedList) this.termBounds.windowed(id, this.docsOf(id), this.tfsOf(id), length, norms, this.k1, this.edits, true);
          id += 1;
          if (length >= this.blockedList && performance.now() >= until) break;
        }
        if (id < this.dictionary.size) setTimeout(slice, 0).unref();
        else resolve();
      };
      // A timer, not setImmediate: an unref'd immediate runs only when something else wakes the event loop, so in an
      // idle server the pass crawled one slice per incoming event. An unref'd timer wakes it (≈ 1 ms between slices)
      // and still lets a process that has nothing else to do exit.
      setTimeout(slice, 0).unref();
    });
  }

  /** A term's posting list as it stands (for the reference scan, exhaustiveSearch in bm25-query.ts). */
  postingsOf(term: string): { docs: Uint32Array; tfs: Uint16Array; length: number } | undefined {
    const id = this.dictionary.get(term);
    return id === undefined ? undefined : { docs: this.docsOf(id), tfs: this.tfsOf(id), length: itemAt(this.postingLengths, id) };
  }

  /** Document lengths in terms, indexed by label (as long as the label capacity), and their mean. */
  lengths(): { of: Uint32Array; average: number } {
    return { of: this.docLengths, average: this.totalLength / this.documents || 1 };
  }

  /** Vocabulary size and the longest posting list (the cost of the most common term). */
  stats(): { terms: number; postings: number; longestList: number } {
    let postings = 0;
    let longestList = 0;
    for (const length of this.postingLengths.subarray(0, this.dictionary.size)) {
      postings += length;
      if (length > longestList) longestList = length;
    }
    return { terms: this.postingLengths.subarray(0, this.dictionary.size).filter((n) => n > 0).length, postings, longestList };
  }

  /** Each label's length normalisation, computed as the exhaustive scan computes it (same doubles). */
  private normsFor(avgLength: number): Float64Array {
    if (this.normsAt !== this.edits || this.norms.length !== this.docLengths.length) {
      this.norms = normsWith(this.docLengths, this.k1, this.b, avgLength, this.norms);
      this.normsAt = this.edits;
    }
    return this.norms;
  }

  /** The most a term can add: its largest tf in its shortest document (`unitScore` rounds up as well as down, monotonically). */
  private contribution(idf: number, tf: number, length: number, avgLength: number): number {
    return idf * unitScore(tf, this.k1 * (1 - this.b + (this.b * length) / avgLength), this.k1 + 1);
  }

  async save(file: string): Promise<void> {
    await writeDurably(file, this.encode());
  }

  /** When the last search began (`prepareBounds` yields to searches). */
  private searchedAt = -Infinity;
  /** Every long list's bounds computed ahead (`prepareBounds`), once a served index is loaded. */
  boundsReady: Promise<void> = Promise.resolve();

  /** A served index: read; its long lists' bounds are computed in the background (`boundsReady`). */
  static async load(file: string): Promise<Bm25Index> {
    const index = Bm25Index.decode(await readFile(file), file);
    // A version 2 file holds the long lists' bounds and impacts: the pass is only for an older file.
    if (index.storedFrom === 0 || index.storedFrom > index.blockedList) index.boundsReady = index.prepareBounds();
    return index;
  }

  /** Lists from this many postings had their bounds and impacts in the decoded file (0: none, a version 1 file). */
  private storedFrom = 0;

  /** The index as one file (layout in bm25-file.ts): only the terms with postings. */
  encode(): Uint8Array {
    const used = Array.from({ length: this.dictionary.size }, (_, t) => t).filter((t) => itemAt(this.postingLengths, t) > 0);
    const capacity = this.present.length;
    return encodeBm25({
      k1: this.k1,
      b: this.b,
      terms: used.map((t) => this.dictionary.term(t)),
      postings: used.reduce((n, t) => n + itemAt(this.postingLengths, t), 0),
      list: (i) => {
        const t = itemAt(used, i);
        const length = itemAt(this.postingLengths, t);
        return { labels: this.docsOf(t).subarray(0, length), tfs: this.tfsOf(t).subarray(0, length) };
      },
      docLengths: this.docLengths.subarray(0, capacity),
      present: this.present.subarray(0, capacity),
      impactsFrom: this.blockedList,
    });
  }

  /** Takes ownership of `input` when it spans its whole buffer: the index becomes views on it and edits it in place. */
  static decode(input: Uint8Array, name = 'bm25'): Bm25Index {
    const file = decodeBm25(input, name);
    const { offsets, termCount } = file;
    const index = new Bm25Index({ k1: file.k1, b: file.b });
    index.loaded = { offsets, labels: file.labels, tfs: file.tfs };
    index.postingLabels.length = termCount;
    index.postingTfs.length = termCount;
    index.termBounds = new TermBounds(termCount);
    index.termBounds.restore(file.lengths, file.shape, file.impacts, file.windows);
    index.storedFrom = file.shape.lists > 0 ? file.shape.from : 0;
    try {
      index.dictionary = new TermDictionary(file.vocab, termCount);
    } catch (err) {
      throw new Error(`${(err as Error).message} (${name})`, { cause: err });
    }
    index.docLengths = file.docLengths;
    index.present = file.present;
    index.postingLengths = file.lengths;
    for (let label = 0; label < file.present.length; label++) {
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
    let id = this.dictionary.get(term);
    if (id === undefined) {
      if (term.length === 0 || term.includes('\n')) throw new Error(`bm25: invalid term ${JSON.stringify(term)}`);
      id = this.dictionary.add(term);
      this.postingLabels.push(new Uint32Array(MIN_LIST_CAPACITY));
      this.postingTfs.push(new Uint16Array(MIN_LIST_CAPACITY));
      if (id >= this.postingLengths.length) this.growTerms(id + 1);
      this.postingLengths[id] = 0;
    }
    return id;
  }

  private growTerms(needed: number): void {
    const capacity = Math.max(needed, 1024, Math.ceil(this.postingLengths.length * 1.5));
    this.postingLengths = grown(this.postingLengths, new Uint32Array(capacity), this.postingLengths.length);
    this.termBounds.grow(capacity);
  }

  private appendPosting(id: number, label: number, tf: number): void {
    const length = itemAt(this.postingLengths, id);
    let docs = this.docsOf(id);
    let tfs = this.tfsOf(id);
    // Lists loaded from a file are exact-size views on one buffer: growing always copies out.
    if (length === docs.length) {
      const capacity = Math.max(MIN_LIST_CAPACITY, length * 2);
      docs = grown(docs, new Uint32Array(capacity), length);
      tfs = grown(tfs, new Uint16Array(capacity), length);
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
    this.docLengths = grown(this.docLengths, new Uint32Array(capacity), this.docLengths.length);
    this.present = grown(this.present, new Uint8Array(capacity), this.present.length);
  }
}
