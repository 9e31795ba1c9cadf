/**
 * The candidate index of the spelling corrector (text/spelling.ts): every vocabulary word within a small
 * edit distance of a typed word, found by lookups of deletions rather than a scan of the vocabulary.
 */

/** 32-bit FNV-1a of a string's UTF-16 units: keys of the deletion index (collisions are re-checked). */
function hash(s: string): number {
  return hashSkipping2(s, -1, -1);
}

/** hash() of the string without its characters at `skip` and `skip2` (-1: none), without building that string. */
function hashSkipping2(s: string, skip: number, skip2: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip || i === skip2) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** From this length a word may be two edits away (see maxEditDistance). */
const LONG_WORD = 8;

/**
 * A deletion index (the SymSpell idea) kept in one typed array: every vocabulary word is filed under
 * itself and each of its one-letter deletions (two-letter too for words of 8+ letters), by hash,
 * sorted. A query looks up itself and its deletions (one, or up to two for long words), so every
 * word within the allowed distance is found with a few dozen binary searches instead of a scan.
 * 8 bytes per entry, built in place: about 10 MB for a 50k-word vocabulary of news words, and no more
 * at its peak (two arrays filled, then sorted into two more, took twice that: ≈ 250 MiB at start for the
 * 20k-chunk sample of a million-chunk index).
 */
export class DeletionIndex {
  /** Entry i: its id at 2i, its key at 2i + 1 (the low and high halves of a 64-bit entry on a little-endian host). */
  private readonly entries: Uint32Array;
  private readonly count: number;

  constructor(readonly words: readonly string[]) {
    let capacity = 0;
    for (const word of words) capacity += word.length + 1 + (word.length >= LONG_WORD ? (word.length * (word.length - 1)) / 2 : 0);
    const packed = new BigUint64Array(capacity);
    const halves = new Uint32Array(packed.buffer);
    // A doubled letter files a word twice under one key ("касса" → "каса"); lookups collect ids
    // into a set, so the repeat costs a slot, not a wrong answer.
    let n = 0;
    for (let id = 0; id < words.length; id++) n = fileWord(words[id] as string, id, halves, n);
    // Key in the high half, id in the low one: the native numeric sort orders by key, then by id (the
    // order the words were filed in), in place.
    packed.sort();
    this.entries = halves;
    this.count = n;
  }

  /** Ids filed under this key (possibly a few false ones from hash collisions). */
  lookup(key: string, out: Set<number>): void {
    const h = hash(key);
    const entries = this.entries;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((entries[2 * mid + 1] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.count && entries[2 * i + 1] === h; i++) out.add(entries[2 * i] as number);
  }
}

/** Files a word under itself and its deletions (id and key halves of each entry); returns the next free entry. */
function fileWord(word: string, id: number, halves: Uint32Array, n: number): number {
  for (let skip = -1; skip < word.length; skip++) {
    halves[2 * n] = id;
    halves[2 * n++ + 1] = hashSkipping2(word, skip, -1);
  }
  // Long words also under their two-letter deletions, so two substitutions are found too.
  if (word.length >= LONG_WORD) {
    for (let i = 0; i < word.length; i++) {
      for (let j = i + 1; j < word.length; j++) {
        halves[2 * n] = id;
        halves[2 * n++ + 1] = hashSkipping2(word, i, j);
      }
    }
  }
  return n;
}

/** The word without each one of its letters in turn. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
