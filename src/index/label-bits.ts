/**
 * Sets of labels as bitsets (bit `label & 31` of word `label >>> 5`): what a region or date filter accepts,
 * tested per candidate by a search, and per region of a loaded chunk table, kept once computed.
 */

export function hasLabel(bits: Uint32Array, label: number): boolean {
  return (((bits[label >>> 5] ?? 0) >>> (label & 31)) & 1) === 1;
}

/** Sets or clears a label's bit; returns the change in the set's size (-1, 0 or 1). */
export function putLabel(bits: Uint32Array, label: number, yes: boolean): number {
  const w = label >>> 5;
  const bit = 1 << (label & 31);
  const word = bits[w] ?? 0;
  const was = (word & bit) !== 0;
  bits[w] = yes ? word | bit : word & ~bit;
  return Number(yes) - Number(was);
}

/** The labels in the set, ascending. */
export function labelsOf(bits: Uint32Array, count: number): Uint32Array {
  const list = new Uint32Array(count);
  let at = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      list[at++] = w * 32 + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return list;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Per region bit, the labels of a chunk table's rows carrying it, computed on the region's first filter (one
 * pass over the table) and kept: a region filter is then a copy of a few words per thousand chunks
 * (1.25 KiB per 10k chunks a region, 2.5 MiB for all 20 at 1M chunks) instead of a pass over every row.
 */
export class RegionBits {
  private readonly sets = new Map<number, { bits: Uint32Array; count: number }>();

  constructor(
    private readonly labels: Uint32Array,
    private readonly regions: Uint32Array,
  ) {}

  /** The labels carrying any region of `mask`, as a fresh bitset of `words` words (at least the table's), and their count. */
  union(mask: number, words: number): { bits: Uint32Array; count: number } {
    const bits = new Uint32Array(words);
    let parts = 0;
    let only = 0;
    for (let bit = 0; bit < 32; bit++) {
      if (((mask >>> bit) & 1) === 0) continue;
      const set = this.of(bit);
      if (parts === 0) bits.set(set.bits);
      else for (let w = 0; w < set.bits.length; w++) bits[w] = (bits[w] ?? 0) | (set.bits[w] ?? 0);
      parts += 1;
      only = set.count;
    }
    if (parts <= 1) return { bits, count: only };
    let count = 0;
    for (let w = 0; w < bits.length; w++) count += popcount(bits[w] ?? 0);
    return { bits, count };
  }

  private of(bit: number): { bits: Uint32Array; count: number } {
    const known = this.sets.get(bit);
    if (known) return known;
    const { labels, regions } = this;
    const bits = new Uint32Array(labels.length > 0 ? ((labels[labels.length - 1] ?? 0) >>> 5) + 1 : 0);
    const mask = (1 << bit) >>> 0;
    let count = 0;
    for (let p = 0; p < labels.length; p++) {
      if (((regions[p] ?? 0) & mask) === 0) continue;
      const label = labels[p] ?? 0;
      bits[label >>> 5] = (bits[label >>> 5] ?? 0) | (1 << (label & 31));
      count += 1;
    }
    const set = { bits, count };
    this.sets.set(bit, set);
    return set;
  }
}
