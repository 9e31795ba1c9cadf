import type { LabelFilter, LabelHit } from './vector-store.js';

/**
 * The int8 copy's search where the native kernel cannot load (`QuantizedVectors` without usearch): the float
 * query against each candidate's dequantized codes (`codes`, `dimension` a label; `scales` NaN where no vector),
 * the k best of the first `rows` labels (or of the filter's accepted list) by score, best first.
 */
export function topInJs(codes: Int8Array, scales: Float32Array, rows: number, dimension: number, query: Float32Array, k: number, filter: LabelFilter | undefined): LabelHit[] {
  const d = dimension;
  const listed = filter?.accepted?.labels();
  const count = listed ? listed.length : rows;
  // The k best so far, ascending by score: a candidate below the k-th is dropped after one comparison,
  // so the insertion cost (O(k)) is paid only a few hundred times per search.
  const bestLabels: number[] = [];
  const bestScores: number[] = [];
  for (let j = 0; j < count; j++) {
    const label = listed ? (listed[j] ?? 0) : j;
    const scale = scales[label];
    if (scale === undefined || Number.isNaN(scale)) continue;
    if (!listed && filter && !filter(label)) continue;
    const base = label * d;
    // Four sums: independent additions pipeline.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < d; i += 4) {
      s0 += (codes[base + i] ?? 0) * (query[i] ?? 0);
      s1 += (codes[base + i + 1] ?? 0) * (query[i + 1] ?? 0);
      s2 += (codes[base + i + 2] ?? 0) * (query[i + 2] ?? 0);
      s3 += (codes[base + i + 3] ?? 0) * (query[i + 3] ?? 0);
    }
    for (; i < d; i++) s0 += (codes[base + i] ?? 0) * (query[i] ?? 0);
    const dot = s0 + s1 + s2 + s3;
    const score = dot * scale;
    if (bestScores.length === k && !(score > (bestScores[0] ?? -Infinity))) continue;
    let at = bestScores.length === k ? 0 : bestScores.length;
    if (bestScores.length === k) {
      // Drop the weakest, shift the weaker ones down until the new score's place.
      while (at + 1 < k && (bestScores[at + 1] ?? 0) < score) {
        bestScores[at] = bestScores[at + 1] ?? 0;
        bestLabels[at] = bestLabels[at + 1] ?? 0;
        at += 1;
      }
    } else {
      while (at > 0 && (bestScores[at - 1] ?? 0) > score) {
        bestScores[at] = bestScores[at - 1] ?? 0;
        bestLabels[at] = bestLabels[at - 1] ?? 0;
        at -= 1;
      }
    }
    bestScores[at] = score;
    bestLabels[at] = label;
  }
  const hits = bestLabels.map((label, i) => ({ label, score: bestScores[i] ?? 0 }));
  return hits.sort((a, b) => b.score - a.score || a.label - b.label);
}
