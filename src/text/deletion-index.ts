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

/** Words a deletion index takes at most: an entry keeps its id in as many bits as the vocabulary needs, up to 24. */
export const MAX_INDEXED_WORDS = 2 ** 24;

/**
 * A deletion index (the SymSpell idea) in flat typed arrays: every vocabulary word is filed under
 * itself and each of its one-letter deletions (two-letter too for words of 8+ letters), by hash,
 * sorted. A query looks up itself and its deletions (one, or up to two for long words), so every
 * word within the allowed distance is found with a few dozen binary searches instead of a scan.
 *
 * 4 bytes an entry: the entries are bucketed by the top `idBits` bits of their key (as many bits as
 * word ids need), so an entry holds only the key's other bits and the word's id. The buckets are
 * counted in a first pass over the words and filled in a second, so nothing else is held while
 * building. For the 20k-chunk sample of a million-chunk index (270k words, 18M entries) that is
 * 69 MiB where (key, id) pairs sorted through a second pair of arrays took 137 MiB, and 274 at the peak.
 */
export class DeletionIndex {
  private readonly idBits: number;
  /** Bucket b's entries are `entries[starts[b], starts[b + 1])`, sorted: by the key's low bits, then by id. */
  private readonly starts: Uint32Array;
  /** Per entry: the key's low `32 - idBits` bits above the word's id. */
  private readonly entries: Uint32Array;

  constructor(readonly words: readonly string[]) {
    if (words.length > MAX_INDEXED_WORDS) throw new Error(`spelling: vocabulary of ${words.length} words exceeds ${MAX_INDEXED_WORDS}`);
    this.idBits = Math.max(1, Math.ceil(Math.log2(Math.max(2, words.length))));
    const shift = 32 - this.idBits;
    const starts = new Uint32Array(2 ** this.idBits + 1);
    for (const word of words) forEachKey(word, (h) => void (starts[(h >>> shift) + 1] = (starts[(h >>> shift) + 1] as number) + 1));
    for (let b = 1; b < starts.length; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
    const entries = new Uint32Array(starts[starts.length - 1] as number);
    const fill = starts.slice(0, starts.length - 1);
    const lowMask = 2 ** shift - 1;
    const scale = 2 ** this.idBits;
    // A doubled letter files a word twice under one key ("касса" → "каса"); lookups collect ids
    // into a set, so the repeat costs a slot, not a wrong answer.
    words.forEach((word, id) =>
      forEachKey(word, (h) => {
        const b = h >>> shift;
        const at = fill[b] as number;
        fill[b] = at + 1;
        entries[at] = (h & lowMask) * scale + id;
      }),
    );
    for (let b = 0; b + 1 < starts.length; b++) sortRange(entries, starts[b] as number, starts[b + 1] as number);
    this.starts = starts;
    this.entries = entries;
  }

  /** Ids filed under this key (possibly a few false ones from hash collisions). */
  lookup(key: string, out: Set<number>): void {
    const h = hash(key);
    const shift = 32 - this.idBits;
    const scale = 2 ** this.idBits;
    const low = (h & (2 ** shift - 1)) * scale;
    const b = h >>> shift;
    const entries = this.entries;
    let lo = this.starts[b] as number;
    const end = this.starts[b + 1] as number;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((entries[mid] as number) < low) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < end && (entries[i] as number) - low < scale; i++) out.add((entries[i] as number) - low);
  }
}

/** Calls `each` with the key of the word itself and of each of its deletions. */
function forEachKey(word: string, each: (h: number) => void): void {
  for (let skip = -1; skip < word.length; skip++) each(hashSkipping2(word, skip, -1));
  // Long words also under their two-letter deletions, so two substitutions are found too.
  if (word.length >= LONG_WORD) {
    for (let i = 0; i < word.length; i++) for (let j = i + 1; j < word.length; j++) each(hashSkipping2(word, i, j));
  }
}

/** Sorts a bucket in place: buckets hold a few dozen entries, where insertion sort beats a call into the native sort. */
function sortRange(a: Uint32Array, from: number, to: number): void {
  if (to - from > 64) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= from && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

/** The word without each one of its letters in turn. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
