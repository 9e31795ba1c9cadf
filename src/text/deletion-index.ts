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
 * A deletion index (the SymSpell idea) kept in two typed arrays: every vocabulary word is filed under
 * itself and each of its one-letter deletions (two-letter too for words of 8+ letters), by hash,
 * sorted. A query looks up itself and its deletions (one, or up to two for long words), so every
 * word within the allowed distance is found with a few dozen binary searches instead of a scan.
 * 8 bytes per entry: about 10 MB for a 50k-word vocabulary of news words.
 */
export class DeletionIndex {
  private readonly keys: Uint32Array;
  private readonly ids: Uint32Array;

  constructor(readonly words: readonly string[]) {
    let capacity = 0;
    for (const word of words) capacity += word.length + 1 + (word.length >= LONG_WORD ? (word.length * (word.length - 1)) / 2 : 0);
    const hashes = new Uint32Array(capacity);
    const owners = new Uint32Array(capacity);
    // A doubled letter files a word twice under one key ("касса" → "каса"); lookups collect ids
    // into a set, so the repeat costs a slot, not a wrong answer.
    let n = 0;
    for (let id = 0; id < words.length; id++) n = fileWord(words[id] as string, id, hashes, owners, n);
    [this.keys, this.ids] = sortByKey(hashes.subarray(0, n), owners.subarray(0, n));
  }

  /** Ids filed under this key (possibly a few false ones from hash collisions). */
  lookup(key: string, out: Set<number>): void {
    const h = hash(key);
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.keys.length && this.keys[i] === h; i++) out.add(this.ids[i] as number);
  }
}

/** Files a word under itself and its deletions; returns the next free slot. */
function fileWord(word: string, id: number, hashes: Uint32Array, owners: Uint32Array, n: number): number {
  for (let skip = -1; skip < word.length; skip++) {
    hashes[n] = hashSkipping2(word, skip, -1);
    owners[n++] = id;
  }
  // Long words also under their two-letter deletions, so two substitutions are found too.
  if (word.length >= LONG_WORD) {
    for (let i = 0; i < word.length; i++) {
      for (let j = i + 1; j < word.length; j++) {
        hashes[n] = hashSkipping2(word, i, j);
        owners[n++] = id;
      }
    }
  }
  return n;
}

/**
 * (key, id) pairs sorted by key: a counting sort on the top 16 bits, then insertion sort inside each
 * small bucket (a generic sort of a million entries costs half a second at start).
 */
function sortByKey(hashes: Uint32Array, owners: Uint32Array): [Uint32Array, Uint32Array] {
  const n = hashes.length;
  const starts = new Uint32Array(65537);
  for (let i = 0; i < n; i++) {
    const b = ((hashes[i] as number) >>> 16) + 1;
    starts[b] = (starts[b] as number) + 1;
  }
  for (let b = 1; b <= 65536; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
  const fill = starts.slice(0, 65536);
  const keys = new Uint32Array(n);
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i] as number;
    const at = fill[h >>> 16] as number;
    fill[h >>> 16] = at + 1;
    keys[at] = h;
    ids[at] = owners[i] as number;
  }
  for (let b = 0; b < 65536; b++) {
    const first = starts[b] as number;
    const end = starts[b + 1] as number;
    for (let i = first + 1; i < end; i++) {
      const h = keys[i] as number;
      const id = ids[i] as number;
      let j = i - 1;
      while (j >= first && (keys[j] as number) > h) {
        keys[j + 1] = keys[j] as number;
        ids[j + 1] = ids[j] as number;
        j--;
      }
      keys[j + 1] = h;
      ids[j + 1] = id;
    }
  }
  return [keys, ids];
}

/** The word without each one of its letters in turn. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
