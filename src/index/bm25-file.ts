/** The BM25 index file's layout (index/bm25.ts encodes and decodes it): header fields and section offsets. */

export const BM25_MAGIC = 'ZBM25IDX';
export const BM25_VERSION = 1;
export const BM25_HEADER_BYTES = 48;

const align = (n: number, to: number) => Math.ceil(n / to) * to;

export function sections(termCount: number, postings: number, capacity: number, vocabBytes: number) {
  const offsets = BM25_HEADER_BYTES;
  const labels = offsets + (termCount + 1) * 4;
  const docLengths = labels + postings * 4;
  const present = docLengths + capacity * 4;
  const tfs = align(present + capacity, 4);
  const vocab = tfs + postings * 2;
  return { offsets, labels, docLengths, present, tfs, vocab, total: vocab + vocabBytes };
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
}

/** Layout: header, term offsets, labels, doc lengths, presence, term frequencies, vocabulary ("\n"-joined). */
export function encodeBm25(contents: Bm25Contents): Uint8Array {
  assertLittleEndian();
  const { terms, postings, docLengths, present } = contents;
  const capacity = present.length;
  const vocab = Buffer.from(terms.join('\n'), 'utf8');
  const layout = sections(terms.length, postings, capacity, vocab.byteLength);
  const bytes = new Uint8Array(layout.total);
  const header = new DataView(bytes.buffer);
  bytes.set(Buffer.from(BM25_MAGIC, 'latin1'), 0);
  header.setUint32(8, BM25_VERSION, true);
  header.setUint32(12, terms.length, true);
  header.setUint32(16, postings, true);
  header.setUint32(20, capacity, true);
  header.setUint32(24, vocab.byteLength, true);
  header.setFloat64(32, contents.k1, true);
  header.setFloat64(40, contents.b, true);
  const offsets = new Uint32Array(bytes.buffer, layout.offsets, terms.length + 1);
  const labels = new Uint32Array(bytes.buffer, layout.labels, postings);
  const tfs = new Uint16Array(bytes.buffer, layout.tfs, postings);
  let at = 0;
  for (let i = 0; i < terms.length; i++) {
    const list = contents.list(i);
    offsets[i] = at;
    labels.set(list.labels, at);
    tfs.set(list.tfs, at);
    at += list.labels.length;
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
  if (version !== BM25_VERSION) throw fail(`format version ${version}, expected ${BM25_VERSION}`);
  const termCount = header.getUint32(12, true);
  const postings = header.getUint32(16, true);
  const capacity = header.getUint32(20, true);
  const vocabBytes = header.getUint32(24, true);
  const layout = sections(termCount, postings, capacity, vocabBytes);
  if (layout.total !== bytes.byteLength) throw fail(`${bytes.byteLength} bytes, header implies ${layout.total}`);
  const view = <T>(Type: new (b: ArrayBufferLike, o: number, n: number) => T, offset: number, n: number) =>
    new Type(bytes.buffer, bytes.byteOffset + offset, n);
  const offsets = view(Uint32Array, layout.offsets, termCount + 1);
  const vocab = Buffer.from(bytes.buffer, bytes.byteOffset + layout.vocab, vocabBytes);
  if (offsets[termCount] !== postings) throw fail('posting offsets do not add up');
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
  };
}
