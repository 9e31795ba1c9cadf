import { tokenize } from '../text/analyzer.js';

/**
 * Near-duplicate detection: the listing page repeats reservoir reports almost word for word;
 * showing both wastes the user's attention and a citation slot.
 */

const SHINGLE = 4;

export function shingles(text: string): Set<string> {
  const words = tokenize(text);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  if (out.size === 0 && words.length > 0) out.add(words.join(' '));
  return out;
}

/** Share of the smaller set found in the larger: a passage contained in another counts as a duplicate. */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

export const DUPLICATE_THRESHOLD = 0.6;

/** Bits of a word's id in a numeric shingle: four ids fill 52 bits, within a double's exact integers. */
const ID_BITS = 13;
const ID_LIMIT = 2 ** ID_BITS;

/**
 * `shingles` with each word replaced by its id in `ids` (shared by the texts compared, so two shingles are
 * equal exactly when their words are): a shingle is then one number, where building and hashing its joined
 * string was most of a retrieval's deduplication (≈ 1.5 ms of CPU a question at 100k chunks). A text of fewer
 * than four words is one negative number (its length and ids), as `shingles` makes it one shorter string.
 * Undefined once `ids` holds more words than an id has bits for.
 */
function numericShingles(text: string, ids: Map<string, number>): Set<number> | undefined {
  const words = tokenize(text);
  const codes = new Array<number>(words.length);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    let id = ids.get(word);
    if (id === undefined) {
      if (ids.size >= ID_LIMIT) return undefined;
      id = ids.size;
      ids.set(word, id);
    }
    codes[i] = id;
  }
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= codes.length; i++) {
    out.add((((codes[i] ?? 0) * ID_LIMIT + (codes[i + 1] ?? 0)) * ID_LIMIT + (codes[i + 2] ?? 0)) * ID_LIMIT + (codes[i + 3] ?? 0));
  }
  if (out.size === 0 && codes.length > 0) out.add(-1 - codes.reduce((key, id) => key * ID_LIMIT + id, codes.length));
  return out;
}

/** Keeps the first of each group of near-identical items, in the given (rank) order, up to `limit`. */
export function collapseNearDuplicates<T>(
  items: T[],
  textOf: (item: T) => string,
  limit = Infinity,
  threshold = DUPLICATE_THRESHOLD,
): T[] {
  const ids = new Map<string, number>();
  const kept: Array<{ item: T; sh: Set<number> }> = [];
  for (const item of items) {
    if (kept.length >= limit) break;
    const sh = numericShingles(textOf(item), ids);
    // More distinct words than the ids can number (thousands of passages): the string shingles.
    if (!sh) return collapseByStrings(items, textOf, limit, threshold);
    if (kept.some((k) => containment(k.sh, sh) >= threshold)) continue;
    kept.push({ item, sh });
  }
  return kept.map((k) => k.item);
}

function collapseByStrings<T>(items: T[], textOf: (item: T) => string, limit: number, threshold: number): T[] {
  const kept: Array<{ item: T; sh: Set<string> }> = [];
  for (const item of items) {
    if (kept.length >= limit) break;
    const sh = shingles(textOf(item));
    if (kept.some((k) => containment(k.sh, sh) >= threshold)) continue;
    kept.push({ item, sh });
  }
  return kept.map((k) => k.item);
}
