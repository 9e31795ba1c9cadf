import { itemAt } from '../shared/arrays.js';

const NEWLINE = 0x0a;

/**
 * Term ↔ id of a BM25 index. A loaded index's terms stay in the file's vocabulary bytes ("\n"-joined UTF-8),
 * found through an open-addressing hash table over those bytes: at 1M realistic chunks the vocabulary has
 * ≈ 2.6M terms, which as strings in a Map cost ≈ 250 MiB and a second or two of start-up to build. Terms
 * added later (a build, live additions to a loaded index) go to a Map, with the ids after the loaded ones.
 */
export class TermDictionary {
  private readonly vocab: Buffer;
  /** Byte offset of each loaded term in `vocab`, and the end last. */
  private readonly starts: Uint32Array;
  /** Slot → loaded id + 1 (0: empty); a power of two at least twice the loaded count. */
  private readonly slots: Uint32Array;
  private readonly added = new Map<string, number>();
  private readonly addedTerms: string[] = [];

  /** `vocab`: the loaded terms joined by "\n" (empty: none); `count` of them. */
  constructor(vocab: Buffer = Buffer.alloc(0), count = 0) {
    this.vocab = vocab;
    this.starts = new Uint32Array(count + 1);
    let term = 0;
    for (let at = vocab.indexOf(NEWLINE); at >= 0 && term + 1 < count; at = vocab.indexOf(NEWLINE, at + 1)) this.starts[++term] = at + 1;
    if (count > 0 && term !== count - 1) throw new Error(`bm25: vocabulary has ${term + 1} terms, expected ${count}`);
    this.starts[count] = count > 0 ? vocab.byteLength + 1 : 0;
    this.slots = new Uint32Array(count > 0 ? 2 ** Math.ceil(Math.log2(2 * count)) : 0);
    const mask = this.slots.length - 1;
    for (let id = 0; id < count; id++) {
      let slot = hashBytes(vocab, itemAt(this.starts, id), itemAt(this.starts, id + 1) - 1) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    }
  }

  get size(): number {
    return this.loadedCount + this.addedTerms.length;
  }

  private get loadedCount(): number {
    return this.starts.length - 1;
  }

  get(term: string): number | undefined {
    const own = this.added.get(term);
    if (own !== undefined || this.slots.length === 0) return own;
    const bytes = Buffer.from(term, 'utf8');
    const mask = this.slots.length - 1;
    for (let slot = hashBytes(bytes, 0, bytes.byteLength) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const id = itemAt(this.slots, slot) - 1;
      const start = itemAt(this.starts, id);
      const end = itemAt(this.starts, id + 1) - 1;
      if (end - start === bytes.byteLength && this.vocab.compare(bytes, 0, bytes.byteLength, start, end) === 0) return id;
    }
    return undefined;
  }

  /** A new term's id (the caller checked it is not there). */
  add(term: string): number {
    const id = this.size;
    this.added.set(term, id);
    this.addedTerms.push(term);
    return id;
  }

  term(id: number): string {
    if (id >= this.loadedCount) return itemAt(this.addedTerms, id - this.loadedCount);
    return this.vocab.toString('utf8', itemAt(this.starts, id), itemAt(this.starts, id + 1) - 1);
  }
}

/** FNV-1a over bytes: stable, and the same for a query term encoded as UTF-8 and its bytes in the file. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] ?? 0), 0x01000193);
  return hash >>> 0;
}
