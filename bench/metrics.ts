/** Small pure helpers shared by the benchmarks: quantiles, ranking metrics, sizes, tables. */

/** Nearest-rank quantile (q in [0, 1]) of unsorted values; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

/** 1-based rank of the first retrieved item that matches, or undefined when none does. */
export function firstRank<T>(items: readonly T[], matches: (item: T) => boolean): number | undefined {
  const i = items.findIndex(matches);
  return i >= 0 ? i + 1 : undefined;
}

/**
 * Recall@k of an approximate result against the exact one. Ties at the exact k-th score count as
 * correct (generated corpora can hold equal vectors, and either label is an exact answer).
 */
export function recallAtK(approx: ReadonlyArray<{ label: number; score: number }>, exact: ReadonlyArray<{ label: number; score: number }>, k: number, epsilon = 1e-5): number {
  const truth = exact.slice(0, k);
  if (truth.length === 0) return 1;
  const kth = truth[truth.length - 1]!.score;
  const labels = new Set(truth.map((h) => h.label));
  const found = approx.slice(0, k).filter((h) => labels.has(h.label) || h.score >= kth - epsilon).length;
  return Math.min(found, truth.length) / truth.length;
}

/** "10k" → 10000, "1m" → 1000000, "2500" → 2500. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`bench: size "${text}" is not a number with an optional k/m suffix`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[m[2]!.toLowerCase() as '' | 'k' | 'm'];
  const value = Math.round(Number(m[1]) * scale);
  if (value < 1) throw new Error(`bench: size "${text}" must be at least 1`);
  return value;
}

/** 10000 → "10k", 1000000 → "1m": the inverse of parseSize for round sizes. */
export function sizeLabel(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

export const mib = (bytes: number) => bytes / 2 ** 20;

/** Plain-text table: first column left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Deterministic PRNG (mulberry32): the same seed gives the same corpus and queries on every machine. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('bench: pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}
