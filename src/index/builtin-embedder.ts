import { analyzeText, isStopword, type TextAnalysis } from '../text/analyzer.js';
import type { Embedder } from './embedder.js';
import { itemAt } from '../shared/arrays.js';
import { fmix32 } from '../shared/hash-mix.js';

/**
 * Offline embedder without downloaded weights: hashed bag of features, TF-IDF weighted.
 * Word features (analyzer stems) carry topic; character 3/4-grams of the words join inflections
 * and derivations the stemmer keeps apart ("медиков" / "медицинских" share "^мед", "меди").
 */

/** Bump when the feature scheme changes: the id changes and indexes rebuild. */
const SCHEME = 'builtin-hash-v1';
export const DEFAULT_BUILTIN_DIMENSION = 384;

const WORD_WEIGHT = 1;
// Grams are many per word; at full weight they would drown the word features.
const GRAM_WEIGHT = 0.3;
const GRAM_SIZES = [3, 4] as const;
const BOUNDARY = 0x5e; // '^' around each word

// FNV-1a offsets differ per feature kind so a word and an equal gram hash apart.
const WORD_SEED = 0x811c9dc5;
const GRAM_SEED = 0x050c5d1f;
const FNV_PRIME = 0x01000193;

/**
 * Document frequencies are counted on a finer hash than the output buckets: with a few hundred
 * buckets nearly every passage touches every bucket, and bucket-level IDF would be flat.
 */
const IDF_BUCKETS = 1 << 16;

/** 1 + ln(tf) for tf < 64 (index 0 unused). */
const LOG_TF = Float64Array.from({ length: 64 }, (_, tf) => 1 + Math.log(tf));

const STATE_MAGIC = 0x5a484231; // "ZHB1"
const STATE_VERSION = 1;
const STATE_HEADER_BYTES = 20; // magic, version, dimension, idf buckets, passages: u32 each

function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/**
 * Counts feature hashes per text. Open addressing over typed arrays, reused between texts
 * (embedding is synchronous): Maps would spend most of the time on the ~10^6 gram features of a corpus.
 * Readers walk `used` (slots in first-seen order) and then call `clear`: no callback per feature, which
 * matters in the hottest loop of ingest.
 */
class FeatureCounter {
  keys = new Uint32Array(1024);
  counts = new Uint32Array(1024);
  used = new Uint32Array(512);
  size = 0;

  add(hash: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const counts = this.counts;
    const mask = keys.length - 1;
    let slot = hash & mask;
    while ((counts[slot] ?? 0) > 0 && keys[slot] !== hash) slot = (slot + 1) & mask;
    if (counts[slot] === 0) {
      keys[slot] = hash;
      this.used[this.size++] = slot;
    }
    counts[slot] = (counts[slot] ?? 0) + 1;
  }

  /** Empties the counter (after a reader has walked `used[0..size)`). */
  clear(): void {
    const counts = this.counts;
    const used = this.used;
    for (let i = 0; i < this.size; i++) counts[used[i] ?? 0] = 0;
    this.size = 0;
  }

  private grow(): void {
    const entries = Array.from(this.used.subarray(0, this.size), (slot) => [this.keys[slot] ?? 0, this.counts[slot] ?? 0] as const);
    this.keys = new Uint32Array(this.keys.length * 2);
    this.counts = new Uint32Array(this.counts.length * 2);
    this.used = new Uint32Array(this.keys.length / 2);
    this.size = 0;
    for (const [hash, count] of entries) {
      this.add(hash);
      this.counts[this.used[this.size - 1] ?? 0] = count;
    }
  }
}

const wordCounter = new FeatureCounter();
const gramCounter = new FeatureCounter();

/** A word's code units between two boundary marks, reused between words. */
let marked = new Uint16Array(64);

/** Adds the boundary-marked character n-grams of `word`, hashed without building substrings. */
function addGrams(word: string, counter: FeatureCounter): void {
  const length = word.length + 2;
  if (length > marked.length) marked = new Uint16Array(2 * length);
  const chars = marked;
  chars[0] = BOUNDARY;
  for (let i = 0; i < word.length; i++) chars[i + 1] = word.charCodeAt(i);
  chars[length - 1] = BOUNDARY;
  for (const n of GRAM_SIZES) {
    const seed = GRAM_SEED ^ n;
    for (let start = 0; start + n <= length; start++) {
      let h = seed;
      for (let p = start; p < start + n; p++) h = Math.imul(h ^ (chars[p] ?? 0), FNV_PRIME);
      counter.add(fmix32(h));
    }
  }
}

const NUMBER = /^\p{N}+$/u;

/** Starts with a Latin or Cyrillic letter (U+0400–U+04FF has no \p{N}): not a number, no need to run NUMBER. */
function startsWithLetter(token: string): boolean {
  const c = token.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x430 && c <= 0x4ff);
}

/** Fills the shared counters with the word and gram features of an analysed text. */
function countFeatures({ tokens, terms }: TextAnalysis): void {
  for (const term of terms) wordCounter.add(hashString(term, WORD_SEED));
  for (const token of tokens) {
    // Digits share grams across unrelated numbers ("2024", "1202"); the word feature covers them.
    if (isStopword(token) || (!startsWithLetter(token) && NUMBER.test(token))) continue;
    addGrams(token, gramCounter);
  }
}

export interface BuiltinEmbedderOptions {
  dimension?: number;
}

/**
 * Passages `fit` reads at most. Document frequencies of hashed features settle long before this;
 * reading all of a 1M-chunk corpus would cost as much as embedding it a second time.
 */
export const FIT_SAMPLE = 20_000;

/** Up to `max` items spread evenly over the list (all of it when shorter). */
export function evenSample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => itemAt(items, Math.floor(i * step)));
}

/** Per hashed-feature bucket, how many of the passages have the feature: the counting half of `fit`. */
export function countDocumentFrequencies(passages: readonly string[]): Uint32Array {
  const counter = new DocumentFrequencies();
  for (const text of passages) counter.add(analyzeText(text));
  return counter.df;
}

/**
 * Document frequencies counted passage by passage (a streaming build counts each passage of its fit sample
 * when it analyses it for BM25 anyway): the same table as `countDocumentFrequencies` over the same passages,
 * in any order and split in any way (summed).
 */
export class DocumentFrequencies {
  readonly df = new Uint32Array(IDF_BUCKETS);
  /** Passages counted. */
  passages = 0;
  /** Stamp of the last passage that counted a bucket: each passage counts a bucket once. */
  private readonly seenIn = new Int32Array(IDF_BUCKETS).fill(-1);

  add(analysis: TextAnalysis): void {
    const doc = this.passages++;
    const { df, seenIn } = this;
    countFeatures(analysis);
    for (const counter of [wordCounter, gramCounter]) {
      const { keys, used, size } = counter;
      for (let i = 0; i < size; i++) {
        // IDF_BUCKETS is a power of two: the low bits, as `%` gives them, without a double's fmod.
        const b = (keys[used[i] ?? 0] ?? 0) & (IDF_BUCKETS - 1);
        if (seenIn[b] !== doc) {
          seenIn[b] = doc;
          df[b] = (df[b] ?? 0) + 1;
        }
      }
      counter.clear();
    }
  }
}

export class BuiltinEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  /** Measured on bench/devset.jsonl (`npm run bench`): 1 → hit@1 0.82, 0.1 → 0.91; see README. */
  readonly fusionWeight = 0.1;
  readonly preferExact = true;
  /** null until fit/importState: every feature then weighs 1. */
  private idf: Float32Array | null = null;
  private passages = 0;

  constructor(options: BuiltinEmbedderOptions = {}) {
    const dimension = options.dimension ?? DEFAULT_BUILTIN_DIMENSION;
    if (!Number.isInteger(dimension) || dimension < 2) {
      throw new Error(`builtin embedder: dimension must be an integer >= 2, got ${dimension}`);
    }
    this.dimension = dimension;
    this.id = `${SCHEME}:d${dimension}`;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embed(text);
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embed(t));
  }

  /** Synchronous form of embedQuery. A text without content words (empty, stop words only) maps to the zero vector. */
  embed(text: string): Float32Array {
    return this.embedAnalysis(analyzeText(text));
  }

  embedAnalyzed(passages: readonly TextAnalysis[]): Float32Array[] {
    return passages.map((p) => this.embedAnalysis(p));
  }

  private embedAnalysis(analysis: TextAnalysis): Float32Array {
    countFeatures(analysis);
    const vector = new Float32Array(this.dimension);
    this.accumulate(vector, wordCounter, WORD_WEIGHT);
    this.accumulate(vector, gramCounter, GRAM_WEIGHT);
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += (vector[i] ?? 0) * (vector[i] ?? 0);
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
    }
    return vector;
  }

  private accumulate(vector: Float32Array, counter: FeatureCounter, weight: number): void {
    const { idf, dimension } = this;
    const small = dimension <= 1 << 15;
    const { keys, counts, used, size } = counter;
    for (let i = 0; i < size; i++) {
      const slot = used[i] ?? 0;
      const hash = keys[slot] ?? 0;
      const tf = counts[slot] ?? 0;
      // hash % dimension in int32 arithmetic: a hash of 2^31 or more is a double to V8, and its % a call to fmod.
      const bucket = small ? ((((hash >>> 16) % dimension) << 16) + (hash & 0xffff)) % dimension : hash % dimension;
      // Bit 31 is independent of the bucket for any dimension that is not a multiple of 2^31.
      const sign = hash & 0x80000000 ? -1 : 1;
      // IDF_BUCKETS is a power of two; the table holds 1 + ln(tf) for the usual counts (the same doubles).
      const idfWeight = idf ? (idf[hash & (IDF_BUCKETS - 1)] ?? 0) : 1;
      const tfWeight = tf < LOG_TF.length ? (LOG_TF[tf] ?? 0) : 1 + Math.log(tf);
      vector[bucket] = (vector[bucket] ?? 0) + sign * weight * tfWeight * idfWeight;
    }
    counter.clear();
  }

  fit(all: string[]): void {
    const passages = evenSample(all, FIT_SAMPLE);
    this.fitCounts(countDocumentFrequencies(passages), passages.length);
  }

  /**
   * Fits from document frequencies counted elsewhere (`countDocumentFrequencies` over disjoint shards
   * of the sample, summed): the same table `fit` makes, so ingest workers can share the counting.
   */
  fitCounts(df: Uint32Array, passages: number): void {
    if (df.length !== IDF_BUCKETS) throw new Error(`builtin embedder: ${df.length} document-frequency buckets, expected ${IDF_BUCKETS}`);
    const idf = new Float32Array(IDF_BUCKETS);
    // Smoothed IDF stays >= 1, so a feature unseen at fit time (new passages, queries) weighs most.
    for (let b = 0; b < IDF_BUCKETS; b++) idf[b] = 1 + Math.log((passages + 1) / ((df[b] ?? 0) + 1));
    this.idf = idf;
    this.passages = passages;
  }

  exportState(): Uint8Array {
    const bytes = new Uint8Array(STATE_HEADER_BYTES + IDF_BUCKETS * 4);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, STATE_MAGIC, true);
    view.setUint32(4, STATE_VERSION, true);
    view.setUint32(8, this.dimension, true);
    view.setUint32(12, IDF_BUCKETS, true);
    view.setUint32(16, this.passages, true);
    for (let b = 0; b < IDF_BUCKETS; b++) {
      view.setFloat32(STATE_HEADER_BYTES + b * 4, this.idf ? (this.idf[b] ?? 0) : 1, true);
    }
    return bytes;
  }

  importState(state: Uint8Array): void {
    const fail = (why: string): never => {
      throw new Error(`builtin embedder: invalid state for ${this.id}: ${why}`);
    };
    if (state.byteLength < STATE_HEADER_BYTES) fail(`${state.byteLength} bytes, shorter than the header`);
    const view = new DataView(state.buffer, state.byteOffset, state.byteLength);
    const magic = view.getUint32(0, true);
    if (magic !== STATE_MAGIC) fail(`bad magic 0x${magic.toString(16)}`);
    const version = view.getUint32(4, true);
    if (version !== STATE_VERSION) fail(`version ${version}, expected ${STATE_VERSION}`);
    const dimension = view.getUint32(8, true);
    if (dimension !== this.dimension) fail(`dimension ${dimension} does not match ${this.dimension}`);
    const buckets = view.getUint32(12, true);
    if (buckets !== IDF_BUCKETS) fail(`${buckets} IDF buckets, expected ${IDF_BUCKETS}`);
    const expected = STATE_HEADER_BYTES + buckets * 4;
    if (state.byteLength !== expected) fail(`${state.byteLength} bytes, expected ${expected}`);
    const idf = new Float32Array(buckets);
    for (let b = 0; b < buckets; b++) {
      const value = view.getFloat32(STATE_HEADER_BYTES + b * 4, true);
      if (!Number.isFinite(value) || value <= 0) fail(`IDF value ${value} at bucket ${b}`);
      idf[b] = value;
    }
    this.idf = idf;
    this.passages = view.getUint32(16, true);
  }
}
