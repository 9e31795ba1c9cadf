import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../src/retrieval/fusion.js';

describe('reciprocalRankFusion', () => {
  it('ranks an item found by both lists above items found by one', () => {
    const lexical = [{ label: 1, score: 9 }, { label: 2, score: 5 }];
    const vector = [{ label: 3, score: 0.9 }, { label: 2, score: 0.8 }];
    const fused = reciprocalRankFusion([lexical, vector]);
    expect(fused[0]!.label).toBe(2);
    expect(fused[0]!.ranks).toEqual([2, 2]);
    expect(fused.map((f) => f.label).sort()).toEqual([1, 2, 3]);
  });

  it('ignores raw score scales and honours weights', () => {
    const a = [{ label: 1, score: 1000 }];
    const b = [{ label: 2, score: 0.01 }];
    expect(reciprocalRankFusion([a, b])[0]!.score).toBeCloseTo(reciprocalRankFusion([a, b])[1]!.score);
    expect(reciprocalRankFusion([a, b], [1, 2])[0]!.label).toBe(2);
  });
});
