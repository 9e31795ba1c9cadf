/** Reciprocal rank fusion: robust to the different score scales of BM25 and cosine similarity. */

export interface Ranked {
  label: number;
  score: number;
}

export interface FusedHit {
  label: number;
  /** Fused RRF score. */
  score: number;
  /** 1-based rank in each input list, undefined where the label was absent. */
  ranks: Array<number | undefined>;
}

export const RRF_K = 60;

export function reciprocalRankFusion(lists: Ranked[][], weights: number[] = [], k = RRF_K): FusedHit[] {
  const fused = new Map<number, FusedHit>();
  lists.forEach((list, li) => {
    const weight = weights[li] ?? 1;
    list.forEach((hit, i) => {
      let entry = fused.get(hit.label);
      if (!entry) {
        entry = { label: hit.label, score: 0, ranks: lists.map(() => undefined) };
        fused.set(hit.label, entry);
      }
      entry.ranks[li] = i + 1;
      entry.score += weight / (k + i + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.label - b.label);
}
