import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';
import { itemAt } from '../shared/arrays.js';
import { assertLittleEndian, BM25_HEADER_BYTES, BM25_MAGIC, BM25_VERSION, impactShape, lengthNorms, listImpacts, sections } from './bm25-file.js';
import { BLOCKED_LIST, DEFAULT_BM25, MAX_TF, type Bm25Options } from './bm25.js';
import { BlockWriter } from './record-file.js';
import { TermDictionary } from './term-dictionary.js';

/** Entries per pool segment (2^20, 6 MiB): blocks never straddle one, so no posting is copied to grow the pool. */
const SEGMENT_BITS = 20;
/** A term's first block holds this many entries (one of them the link to the next block); each next one twice as many, up to MAX_BLOCK. */
const FIRST_BLOCK = 4;
const MAX_BLOCK = 4096;
/** Terms `Bm25Builder` keeps by string for a quick id (≈ 20 MiB when full). */
const RECENT_TERMS = 1 << 18;

/**
 * The postings of a full build, written as the same file `Bm25Index.save` writes (then loaded from it to
 * serve). `Bm25Index` keeps a growable pair of typed arrays per term, ≈ 400 bytes a term with its headers
 * and spare room: at 1M realistic chunks (≈ 2.6M terms, most seen once or twice) that is about as much as
 * the postings themselves. Here every term's list is a chain of blocks in a few large shared segments
 * (the first of 4 entries, each next twice the size), per term only four numbers in flat arrays, and the
 * terms as UTF-8 bytes (TermDictionary).
 * A block's first entry holds the position of the next block (labels) and its size (tfs).
 */
export class Bm25Builder {
  readonly k1: number;
  readonly b: number;
  private readonly dictionary = new TermDictionary();
  private segLabels: Uint32Array[] = [];
  private segTfs: Uint16Array[] = [];
  /** Next free pool position; 0 is never a block (a zero link ends a chain). */
  private top = 1;
  private head = new Uint32Array(1024);
  private tail = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  /** Free entries left in the term's last block. */
  private left = new Uint16Array(1024);
  private postings = 0;
  /** Per term: the stamp of the document last counting it, and its count there (`add`'s scratch). */
  private seenIn = new Uint32Array(1024);
  private counts = new Uint32Array(1024);
  private readonly touched: number[] = [];
  /** Documents added: the stamp of the one being counted is this + 1. */
  private documents = 0;
  /**
   * Recent terms' ids: a term's UTF-8 bytes are hashed and compared in the dictionary on every occurrence
   * otherwise (the build thread's largest BM25 cost). Bounded: emptied when full, so the common terms
   * (Zipf) are back in it at once and the vocabulary's long tail does not stay as strings.
   */
  private readonly recent = new Map<string, number>();
  private docLengths = new Uint32Array(0);
  private present = new Uint8Array(0);

  private readonly bits: number;
  private readonly segment: number;

  /** `segmentBits`: a smaller pool segment (tests), at least MAX_BLOCK entries. */
  constructor(options: Partial<Bm25Options> = {}, segmentBits = SEGMENT_BITS) {
    this.bits = Math.max(segmentBits, Math.log2(MAX_BLOCK));
    this.segment = 2 ** this.bits;
    const o = { ...DEFAULT_BM25, ...options };
    this.k1 = o.k1;
    this.b = o.b;
  }

  /** Same counting as `Bm25Index.add`: a term's tf is its count in `terms` (capped), the length is all terms. */
  add(label: number, terms: readonly string[]): void {
    this.begin(label);
    for (const term of terms) this.count(this.termId(term));
    this.end(label, terms.length);
  }

  /**
   * `add` with the terms as this builder's ids (`idOf`), `ids[start, end)`: a full build's terms come from the
   * encode workers as numbers (term-ids.ts).
   */
  addIds(label: number, ids: Uint32Array, start: number, end: number): void {
    this.begin(label);
    for (let i = start; i < end; i++) this.count(ids[i] ?? 0);
    this.end(label, end - start);
  }

  /** The term's id, added if new (ids are given in the order terms are first met). */
  idOf(term: string): number {
    return this.lookup(term);
  }

  private begin(label: number): void {
    if (!Number.isInteger(label) || label < 0 || label >= 0xffffffff) throw new Error(`bm25: invalid label ${label}`);
    if (this.present[label] === 1) throw new Error(`bm25: label ${label} already indexed`);
    this.ensureDocCapacity(label + 1);
    this.touched.length = 0;
  }

  /** One occurrence of the term in the document `begin` started; terms are appended in first-occurrence order. */
  private count(id: number): void {
    if (id >= this.dictionary.size) throw new Error(`bm25: no term ${id}`);
    const stamp = this.documents + 1;
    if (this.seenIn[id] === stamp) {
      this.counts[id] = (this.counts[id] ?? 0) + 1;
    } else {
      this.seenIn[id] = stamp;
      this.counts[id] = 1;
      this.touched.push(id);
    }
  }

  private end(label: number, length: number): void {
    for (const id of this.touched) this.append(id, label, Math.min(this.counts[id] ?? 0, MAX_TF));
    this.documents += 1;
    this.present[label] = 1;
    this.docLengths[label] = length;
  }

  /** Writes the index file, byte for byte what `Bm25Index.encode` gives for the same additions. */
  async save(file: string): Promise<void> {
    assertLittleEndian();
    const count = this.dictionary.size;
    const capacity = this.present.length;
    const vocab = this.dictionary.addedVocabulary();
    const shape = impactShape(this.lengths.subarray(0, count), BLOCKED_LIST, capacity);
    const layout = sections(count, this.postings, capacity, vocab.byteLength, shape);
    const handle = await open(file, 'w');
    try {
      const writer = new BlockWriter(handle);
      const header = new DataView(new ArrayBuffer(BM25_HEADER_BYTES));
      new Uint8Array(header.buffer).set(Buffer.from(BM25_MAGIC, 'latin1'), 0);
      header.setUint32(8, BM25_VERSION, true);
      header.setUint32(12, count, true);
      header.setUint32(16, this.postings, true);
      header.setUint32(20, capacity, true);
      header.setUint32(24, vocab.byteLength, true);
      header.setUint32(28, shape.from, true);
      header.setFloat64(32, this.k1, true);
      header.setFloat64(40, this.b, true);
      await writer.bytes(new Uint8Array(header.buffer));
      const offsets = new Uint32Array(count + 1);
      for (let t = 0; t < count; t++) offsets[t + 1] = itemAt(offsets, t) + itemAt(this.lengths, t);
      await writer.bytes(bytesOf(offsets));
      for (let t = 0; t < count; t++) await this.writeList(writer, t, this.segLabels);
      await writer.bytes(bytesOf(this.docLengths));
      await writer.bytes(this.present);
      await writer.bytes(new Uint8Array(layout.tfs - (layout.present + capacity)));
      for (let t = 0; t < count; t++) await this.writeList(writer, t, this.segTfs);
      if (shape.lists > 0) {
        await writer.bytes(new Uint8Array(layout.impacts - (layout.tfs + this.postings * 2)));
        await this.writeImpacts(writer, count, shape.from, shape.windows, layout.vocab - layout.windows);
      }
      await writer.bytes(vocab);
      await writer.flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Frees the pool (and the per-term and per-label arrays) at once; the builder is unusable after it. A full
   * build writes the file, then reads it back to serve: the pool (≈ 600 MiB at 1M realistic chunks) would
   * otherwise stay until V8's next full collection, which came after the 535 MiB file was read back in the
   * 1M run. The buffers are transferred into a message on a channel that is closed undelivered, which
   * releases them when the port's close completes (ArrayBuffer.prototype.transfer, the plain way, is Node 21+).
   */
  async release(): Promise<void> {
    const arrays = [...this.segLabels, ...this.segTfs, this.head, this.tail, this.lengths, this.left, this.docLengths, this.present];
    this.segLabels = [];
    this.segTfs = [];
    this.head = this.tail = this.lengths = new Uint32Array(0);
    this.left = new Uint16Array(0);
    this.docLengths = new Uint32Array(0);
    this.present = new Uint8Array(0);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(null, [...new Set(arrays.map((a) => a.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0));
    const closed = once(port2, 'close');
    port2.close();
    port1.close();
    await closed;
  }

  /**
   * The long lists' impacts, then their window bounds (bm25-file.ts, `ImpactShape`), as `Bm25Index.encode` computes
   * them: each list gathered from its blocks into one scratch pair (at most the longest list, ≈ 4 MiB at 1M chunks).
   */
  private async writeImpacts(writer: BlockWriter, count: number, from: number, windows: number, windowBytes: number): Promise<void> {
    const norms = lengthNorms(this.docLengths, this.present, this.k1, this.b);
    let longest = 0;
    for (const length of this.lengths.subarray(0, count)) if (length > longest) longest = length;
    const docs = new Uint32Array(longest);
    const tfs = new Uint16Array(longest);
    const impacts = new Float32Array(longest);
    const bounds = new Float32Array(windowBytes / 4);
    let list = 0;
    for (let t = 0; t < count; t++) {
      const length = itemAt(this.lengths, t);
      if (length < from) continue;
      this.gatherList(t, docs, tfs);
      listImpacts(docs, tfs, length, norms, this.k1, impacts.subarray(0, length), bounds.subarray(list * (windows + 1), (list + 1) * (windows + 1)));
      list += 1;
      await writer.bytes(new Uint8Array(impacts.buffer, 0, length * 4));
    }
    await writer.bytes(new Uint8Array(bounds.buffer));
  }

  /** One term's labels and tfs, copied out of its blocks. */
  private gatherList(term: number, docs: Uint32Array, tfs: Uint16Array): void {
    let remaining = itemAt(this.lengths, term);
    let at = 0;
    for (let block = itemAt(this.head, term); remaining > 0; block = this.linkAt(block)) {
      const segment = block >>> this.bits;
      const start = (block & (this.segment - 1)) + 1;
      const entries = Math.min(remaining, this.sizeAt(block) - 1);
      docs.set(itemAt(this.segLabels, segment).subarray(start, start + entries), at);
      tfs.set(itemAt(this.segTfs, segment).subarray(start, start + entries), at);
      at += entries;
      remaining -= entries;
    }
  }

  /** One term's entries of one pool (labels or tfs), block by block. */
  private async writeList(writer: BlockWriter, term: number, pool: Array<Uint32Array | Uint16Array>): Promise<void> {
    let remaining = itemAt(this.lengths, term);
    for (let block = itemAt(this.head, term); remaining > 0; block = this.linkAt(block)) {
      const at = block & (this.segment - 1);
      const entries = Math.min(remaining, this.sizeAt(block) - 1);
      await writer.bytes(bytesOf(itemAt(pool, block >>> this.bits).subarray(at + 1, at + 1 + entries)));
      remaining -= entries;
    }
  }

  private termId(term: string): number {
    const recent = this.recent.get(term);
    if (recent !== undefined) return recent;
    const id = this.lookup(term);
    if (this.recent.size >= RECENT_TERMS) this.recent.clear();
    this.recent.set(term, id);
    return id;
  }

  private lookup(term: string): number {
    let id = this.dictionary.get(term);
    if (id === undefined) {
      if (term.length === 0 || term.includes('\n')) throw new Error(`bm25: invalid term ${JSON.stringify(term)}`);
      id = this.dictionary.add(term);
      if (id === this.head.length) this.growTerms();
      const block = this.allocate(FIRST_BLOCK);
      this.head[id] = block;
      this.tail[id] = block;
      this.left[id] = FIRST_BLOCK - 1;
    }
    return id;
  }

  // The hot path (every posting): plain typed-array reads, the term ids being the builder's own.
  private append(term: number, label: number, tf: number): void {
    let left = this.left[term] ?? 0;
    if (left === 0) {
      const last = this.tail[term] ?? 0;
      const size = Math.min(MAX_BLOCK, 2 * this.sizeAt(last));
      const block = this.allocate(size);
      this.setAt(last, block, this.sizeAt(last));
      this.tail[term] = block;
      left = size - 1;
    }
    const tail = this.tail[term] ?? 0;
    this.setAt(tail + this.sizeAt(tail) - left, label, tf);
    this.left[term] = left - 1;
    this.lengths[term] = (this.lengths[term] ?? 0) + 1;
    this.postings += 1;
  }

  /** A block's size, kept in its first entry's tf slot. */
  private sizeAt(block: number): number {
    return (this.segTfs[block >>> this.bits] as Uint16Array)[block & (this.segment - 1)] ?? 0;
  }

  /** The next block of a chain, kept in its first entry's label slot (0: none yet). */
  private linkAt(block: number): number {
    return itemAt(itemAt(this.segLabels, block >>> this.bits), block & (this.segment - 1));
  }

  private setAt(position: number, label: number, tf: number): void {
    const segment = position >>> this.bits;
    const at = position & (this.segment - 1);
    (this.segLabels[segment] as Uint32Array)[at] = label;
    (this.segTfs[segment] as Uint16Array)[at] = tf;
  }

  /** A block of `size` entries; its first entry holds no link yet and its size. */
  private allocate(size: number): number {
    // A block that would straddle two segments starts the next one instead.
    if ((this.top % this.segment) + size > this.segment) this.top = Math.ceil(this.top / this.segment) * this.segment;
    while (this.segLabels.length <= Math.floor((this.top + size - 1) / this.segment)) {
      this.segLabels.push(new Uint32Array(this.segment));
      this.segTfs.push(new Uint16Array(this.segment));
    }
    const block = this.top;
    this.top += size;
    this.setAt(block, 0, size);
    return block;
  }

  private growTerms(): void {
    const capacity = this.head.length * 2;
    const copy = <T extends Uint32Array | Uint16Array>(from: T, to: T) => (to.set(from), to);
    this.head = copy(this.head, new Uint32Array(capacity));
    this.tail = copy(this.tail, new Uint32Array(capacity));
    this.lengths = copy(this.lengths, new Uint32Array(capacity));
    this.left = copy(this.left, new Uint16Array(capacity));
    this.seenIn = copy(this.seenIn, new Uint32Array(capacity));
    this.counts = copy(this.counts, new Uint32Array(capacity));
  }

  /** The label capacity grows as `Bm25Index`'s does: the file records it. */
  private ensureDocCapacity(needed: number): void {
    if (needed <= this.present.length) return;
    const capacity = Math.max(needed, Math.ceil(this.present.length * 1.5));
    const lengths = new Uint32Array(capacity);
    lengths.set(this.docLengths);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.docLengths = lengths;
    this.present = present;
  }
}

function bytesOf(array: Uint32Array | Uint16Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
