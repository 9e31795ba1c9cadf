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
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

export const DUPLICATE_THRESHOLD = 0.6;

/** Keeps the first of each group of near-identical items, in the given (rank) order, up to `limit`. */
export function collapseNearDuplicates<T>(
  items: T[],
  textOf: (item: T) => string,
  limit = Infinity,
  threshold = DUPLICATE_THRESHOLD,
): T[] {
  const kept: Array<{ item: T; sh: Set<string> }> = [];
  for (const item of items) {
    if (kept.length >= limit) break;
    const sh = shingles(textOf(item));
    if (kept.some((k) => containment(k.sh, sh) >= threshold)) continue;
    kept.push({ item, sh });
  }
  return kept.map((k) => k.item);
}
