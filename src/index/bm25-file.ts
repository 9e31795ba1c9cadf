/** The BM25 index file's layout (index/bm25.ts encodes and decodes it): header fields and section offsets. */
import { normsWith, windowBounds } from './bm25-bounds.js';
import { WINDOW } from './bm25-query.js';

export const BM25_MAGIC = 'ZBM25IDX';
/**
 * 2: the long lists' impacts and window bounds are in the file (`Bm25Impacts`), so a loaded index has them for its
 * first question instead of after a pass of ≈ 2 s of CPU once it is idle. Version 1 files (without them) are still read.
 */
export const BM25_VERSION = 2;
export const BM25_HEADER_BYTES = 48;

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * What the impact sections hold: per list of at least `from` postings (`lists` of them, `postings` in all), its
 * impacts, then per such list `windows` + 1 floats (its top bound, or -1 when its labels are out of order; then
 * its bound per window of labels). None in a version 1 file.
 */
export interface ImpactShape {
  from: number;
  lists: number;
  postings: number;
  windows: number;
}

export const NO_IMPACTS: ImpactShape = { from: 0, lists: 0, postings: 0, windows: 0 };

/** The impact sections' shape for lists of `lengths` (in file order), those from `from` postings. */
export function impactShape(lengths: ArrayLike<number>, from: number, capacity: number): ImpactShape {
  let lists = 0;
  let postings = 0;
  for (let t = 0; t < lengths.length; t++) {
    const length = lengths[t] ?? 0;
    if (length < from) continue;
    lists += 1;
    postings += length;
  }
  return { from, lists, postings, windows: Math.ceil(capacity / WINDOW) };
}

export function sections(termCount: number, postings: number, capacity: number, vocabBytes: number, shape = NO_IMPACTS) {
  const offsets = BM25_HEADER_BYTES;
  const labels = offsets + (termCount + 1) * 4;
  const docLengths = labels + postings * 4;
  const present = docLengths + capacity * 4;
  const tfs = align(present + capacity, 4);
  const impacts = align(tfs + postings * 2, 4);
  const windows = impacts + shape.postings * 4;
  const vocab = shape.lists > 0 ? windows + shape.lists * (shape.windows + 1) * 4 : tfs + postings * 2;
  return { offsets, labels, docLengths, present, tfs, impacts, windows, vocab, total: vocab + vocabBytes };
}

/**
 * Each label's length normalisation k1 · (1 − b + b · length / average), the doubles `Bm25Index` computes for a
 * search (its average is the total length over the documents present; a removed label's length is 0).
 */
export function lengthNorms(docLengths: Uint32Array, present: Uint8Array, k1: number, b: number, into?: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  let total = 0;
  let documents = 0;
  for (let label = 0; label < present.length; label++) {
    if (present[label] !== 1) continue;
    documents += 1;
    total += docLengths[label] ?? 0;
  }
  return normsWith(docLengths, k1, b, total / documents || 1, into);
}

/**
 * One long list's impacts (into `impacts`, its length) and window bounds (into `windows`: the top bound or -1 when
 * out of label order, then one a window), as `windowBounds` computes them for the pass after load.
 */
export function listImpacts(docs: Uint32Array, tfs: Uint16Array, length: number, norms: Float64Array, k1: number, impacts: Float32Array, windows: Float32Array): void {
  const computed = windowBounds(docs, tfs, length, norms, k1, impacts);
  windows[0] = computed.sorted ? computed.top : -1;
  windows.set(computed.bounds, 1);
}

export function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('bm25: index files need a little-endian host');
}

/** What a BM25 file holds: the terms with postings, in file order, each list exact-length. */
export interface Bm25Contents {
  k1: number;
  b: number;
  terms: readonly string[];
  /** Total postings over all lists. */
  postings: number;
  list(i: number): { labels: Uint32Array; tfs: Uint16Array };
  /** Indexed by label, as long as the label capacity. */
  docLengths: Uint32Array;
  present: Uint8Array;
  /** Lists from this many postings get their impacts and window bounds in the file. */
  impactsFrom: number;
}

/** Layout: header, term offsets, labels, doc lengths, presence, term frequencies, vocabulary ("\n"-joined). */
export function encodeBm25(contents: Bm25Contents): Uint8Array {
  assertLittleEndian();
  const { terms, postings, docLengths, present } = contents;
  const capacity = present.length;
  const vocab = Buffer.from(terms.join('\n'), 'utf8');
  const shape = impactShape(Array.from(terms, (_, i) => contents.list(i).labels.length), contents.impactsFrom, capacity);
  const layout = sections(terms.length, postings, capacity, vocab.byteLength, shape);
  const bytes = new Uint8Array(layout.total);
  const header = new DataView(bytes.buffer);
  bytes.set(Buffer.from(BM25_MAGIC, 'latin1'), 0);
  header.setUint32(8, BM25_VERSION, true);
  header.setUint32(12, terms.length, true);
  header.setUint32(16, postings, true);
  header.setUint32(20, capacity, true);
  header.setUint32(24, vocab.byteLength, true);
  header.setUint32(28, shape.from, true);
  header.setFloat64(32, contents.k1, true);
  header.setFloat64(40, contents.b, true);
  const offsets = new Uint32Array(bytes.buffer, layout.offsets, terms.length + 1);
  const labels = new Uint32Array(bytes.buffer, layout.labels, postings);
  const tfs = new Uint16Array(bytes.buffer, layout.tfs, postings);
  const norms = shape.lists > 0 ? lengthNorms(docLengths, present, contents.k1, contents.b) : new Float64Array(0);
  let at = 0;
  let impactsAt = layout.impacts;
  let windowsAt = layout.windows;
  for (let i = 0; i < terms.length; i++) {
    const list = contents.list(i);
    const length = list.labels.length;
    offsets[i] = at;
    labels.set(list.labels, at);
    tfs.set(list.tfs, at);
    at += length;
    if (length < shape.from) continue;
    listImpacts(list.labels, list.tfs, length, norms, contents.k1, new Float32Array(bytes.buffer, impactsAt, length), new Float32Array(bytes.buffer, windowsAt, shape.windows + 1));
    impactsAt += length * 4;
    windowsAt += (shape.windows + 1) * 4;
  }
  offsets[terms.length] = at;
  new Uint32Array(bytes.buffer, layout.docLengths, capacity).set(docLengths);
  bytes.set(present, layout.present);
  bytes.set(vocab, layout.vocab);
  return bytes;
}

/** A decoded file: views on its bytes (the posting lists share one array, cut by `offsets`). */
export interface Bm25File {
  k1: number;
  b: number;
  /** The terms, "\n"-joined UTF-8 (a view: see TermDictionary), and how many. */
  vocab: Buffer;
  termCount: number;
  offsets: Uint32Array<ArrayBuffer>;
  labels: Uint32Array<ArrayBuffer>;
  tfs: Uint16Array<ArrayBuffer>;
  docLengths: Uint32Array<ArrayBuffer>;
  present: Uint8Array<ArrayBuffer>;
  /** Per term, its list's length (from `offsets`, checked). */
  lengths: Uint32Array<ArrayBuffer>;
  /** The stored impacts (none in a version 1 file): see `ImpactShape`. */
  shape: ImpactShape;
  impacts: Float32Array<ArrayBuffer>;
  windows: Float32Array<ArrayBuffer>;
}

/** Checks and reads a BM25 file; views on `input` when it spans its whole buffer, else on a copy. */
export function decodeBm25(input: Uint8Array, name: string): Bm25File {
  assertLittleEndian();
  const fail = (why: string) => new Error(`bm25: ${name}: ${why}`);
  // A slice of a shared buffer (a pooled Buffer) is copied: views need alignment, edits must not leak.
  const owned = input.byteOffset === 0 && input.byteLength === input.buffer.byteLength;
  const bytes = owned ? input : new Uint8Array(input);
  if (bytes.byteLength < BM25_HEADER_BYTES || Buffer.from(bytes.subarray(0, 8)).toString('latin1') !== BM25_MAGIC) {
    throw fail('not a BM25 index file');
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, BM25_HEADER_BYTES);
  const version = header.getUint32(8, true);
  if (version !== 1 && version !== BM25_VERSION) throw fail(`format version ${version}, expected 1 or ${BM25_VERSION}`);
  const termCount = header.getUint32(12, true);
  const postings = header.getUint32(16, true);
  const capacity = header.getUint32(20, true);
  const vocabBytes = header.getUint32(24, true);
  const from = version === 1 ? 0 : header.getUint32(28, true);
  // The offsets are read before the layout is known (the impact sections' size follows from the lists' lengths).
  const offsetsEnd = BM25_HEADER_BYTES + (termCount + 1) * 4;
  if (bytes.byteLength < offsetsEnd) throw fail(`${bytes.byteLength} bytes, shorter than its ${termCount + 1} posting offsets`);
  const view = <T>(Type: new (b: ArrayBufferLike, o: number, n: number) => T, offset: number, n: number) =>
    new Type(bytes.buffer, bytes.byteOffset + offset, n);
  const offsets = view(Uint32Array, BM25_HEADER_BYTES, termCount + 1);
  if (offsets[termCount] !== postings) throw fail('posting offsets do not add up');
  const lengths = new Uint32Array(termCount);
  for (let t = 0; t < termCount; t++) {
    const start = offsets[t] ?? 0;
    const end = offsets[t + 1] ?? 0;
    if (end < start) throw fail(`posting offsets of term ${t} decrease`);
    lengths[t] = end - start;
  }
  const shape = from > 0 ? impactShape(lengths, from, capacity) : NO_IMPACTS;
  const layout = sections(termCount, postings, capacity, vocabBytes, shape);
  if (layout.total !== bytes.byteLength) throw fail(`${bytes.byteLength} bytes, header implies ${layout.total}`);
  const vocab = Buffer.from(bytes.buffer, bytes.byteOffset + layout.vocab, vocabBytes);
  return {
    k1: header.getFloat64(32, true),
    b: header.getFloat64(40, true),
    vocab,
    termCount,
    offsets,
    labels: view(Uint32Array, layout.labels, postings),
    tfs: view(Uint16Array, layout.tfs, postings),
    docLengths: view(Uint32Array, layout.docLengths, capacity),
    present: view(Uint8Array, layout.present, capacity),
    lengths,
    shape,
    impacts: view(Float32Array, layout.impacts, shape.postings),
    windows: view(Float32Array, layout.windows, shape.lists * (shape.windows + 1)),
  };
}
