import { itemAt } from '../shared/arrays.js';
import { fnv1aBytes } from '../shared/hash-mix.js';

const NEWLINE = 0x0a;

/**
 * Term ↔ id of a BM25 index, the terms kept as UTF-8 bytes ("\n"-terminated) with open-addressing hash
 * tables over them, not as strings in a Map: at 1M realistic chunks the vocabulary has ≈ 2.6M terms, which
 * as strings in a Map cost ≈ 250 MiB (and a loaded index a second or two of start-up to build it). A loaded
 * index's terms stay in the file's vocabulary bytes; terms added later (a build, live additions to a loaded
 * index) go to a growing byte arena, with the ids after the loaded ones.
 */
export class TermDictionary {
  private readonly vocab: Buffer;
  /** Byte offset of each loaded term in `vocab`, and one past the end last. */
  private readonly starts: Uint32Array;
  /** Slot → loaded id + 1 (0: empty); a power of two at least twice the loaded count. */
  private readonly slots: Uint32Array;
  /** Added terms, each followed by "\n". */
  private arena = Buffer.alloc(1 << 16);
  private arenaUsed = 0;
  /** Byte offset of each added term in the arena (its end: the next one's start − 1). */
  private addedStarts = new Uint32Array(1024);
  private addedCount = 0;
  /** Slot → added index + 1 (0: empty); rehashed at half full. */
  private addedSlots = new Uint32Array(2048);
  /** A term's UTF-8 bytes while it is looked up. */
  private scratch = Buffer.alloc(256);

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
      let slot = fnv1aBytes(vocab, itemAt(this.starts, id), itemAt(this.starts, id + 1) - 1) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    }
  }

  get size(): number {
    return this.loadedCount + this.addedCount;
  }

  private get loadedCount(): number {
    return this.starts.length - 1;
  }

  get(term: string): number | undefined {
    const length = this.encode(term);
    const hash = fnv1aBytes(this.scratch, 0, length);
    if (this.slots.length > 0) {
      const mask = this.slots.length - 1;
      for (let slot = hash & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
        const id = itemAt(this.slots, slot) - 1;
        if (this.sameBytes(this.vocab, itemAt(this.starts, id), itemAt(this.starts, id + 1) - 1, length)) return id;
      }
    }
    const slot = this.addedSlot(hash, length);
    const added = itemAt(this.addedSlots, slot);
    return added === 0 ? undefined : this.loadedCount + added - 1;
  }

  /** A new term's id (the caller checked it is not there). */
  add(term: string): number {
    const length = this.encode(term);
    if (this.arenaUsed + length + 1 > this.arena.byteLength) {
      const arena = Buffer.alloc(Math.max(2 * this.arena.byteLength, this.arenaUsed + length + 1));
      this.arena.copy(arena, 0, 0, this.arenaUsed);
      this.arena = arena;
    }
    if (this.addedCount + 1 >= this.addedStarts.length) {
      const starts = new Uint32Array(2 * this.addedStarts.length);
      starts.set(this.addedStarts);
      this.addedStarts = starts;
    }
    if (2 * (this.addedCount + 1) > this.addedSlots.length) this.rehash();
    const slot = this.addedSlot(fnv1aBytes(this.scratch, 0, length), length);
    this.scratch.copy(this.arena, this.arenaUsed, 0, length);
    this.arena[this.arenaUsed + length] = NEWLINE;
    this.addedStarts[this.addedCount] = this.arenaUsed;
    this.arenaUsed += length + 1;
    this.addedCount += 1;
    this.addedStarts[this.addedCount] = this.arenaUsed;
    this.addedSlots[slot] = this.addedCount;
    return this.size - 1;
  }

  term(id: number): string {
    if (id < this.loadedCount) return this.vocab.toString('utf8', itemAt(this.starts, id), itemAt(this.starts, id + 1) - 1);
    const added = id - this.loadedCount;
    if (added >= this.addedCount) throw new RangeError(`bm25: no term ${id}`);
    return this.arena.toString('utf8', itemAt(this.addedStarts, added), itemAt(this.addedStarts, added + 1) - 1);
  }

  /** The added terms as a vocabulary section ("\n"-joined UTF-8): what a build writes when nothing was loaded. */
  addedVocabulary(): Buffer {
    return this.arena.subarray(0, Math.max(0, this.arenaUsed - 1));
  }

  /** The term's UTF-8 bytes into `scratch`; their length. */
  private encode(term: string): number {
    if (3 * term.length > this.scratch.byteLength) this.scratch = Buffer.alloc(3 * term.length);
    return this.scratch.write(term, 0, 'utf8');
  }

  private sameBytes(bytes: Buffer, start: number, end: number, length: number): boolean {
    return end - start === length && bytes.compare(this.scratch, 0, length, start, end) === 0;
  }

  /** The added-term slot holding the scratch bytes, or the empty slot where they would go. */
  private addedSlot(hash: number, length: number): number {
    const mask = this.addedSlots.length - 1;
    let slot = hash & mask;
    for (let at = this.addedSlots[slot] ?? 0; at !== 0; at = this.addedSlots[slot] ?? 0) {
      if (this.sameBytes(this.arena, itemAt(this.addedStarts, at - 1), itemAt(this.addedStarts, at) - 1, length)) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private rehash(): void {
    const slots = new Uint32Array(2 * this.addedSlots.length);
    const mask = slots.length - 1;
    for (let i = 0; i < this.addedCount; i++) {
      let slot = fnv1aBytes(this.arena, itemAt(this.addedStarts, i), itemAt(this.addedStarts, i + 1) - 1) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.addedSlots = slots;
  }
}
