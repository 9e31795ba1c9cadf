import { describe, expect, it } from 'vitest';
import { firstRank, parseSize, quantile, recallAtK, sizeLabel } from '../../bench/metrics.js';

describe('quantile', () => {
  it('takes the nearest rank: p50 of 1..100 is 50, p95 is 95, p99 is 99', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([quantile(values, 0.5), quantile(values, 0.95), quantile(values, 0.99)]).toEqual([50, 95, 99]);
  });

  it('gives the only value for a single sample and 0 for none', () => {
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('recallAtK', () => {
  const exact = [
    { label: 1, score: 0.9 },
    { label: 2, score: 0.8 },
    { label: 3, score: 0.7 },
  ];

  it('counts the share of exact neighbours the approximate search found', () => {
    expect(recallAtK([{ label: 1, score: 0.9 }, { label: 3, score: 0.7 }, { label: 9, score: 0.1 }], exact, 3)).toBeCloseTo(2 / 3);
  });

  it('accepts another label with the same score as the k-th exact one (a tie)', () => {
    expect(recallAtK([{ label: 1, score: 0.9 }, { label: 2, score: 0.8 }, { label: 4, score: 0.7 }], exact, 3)).toBe(1);
  });
});

describe('firstRank', () => {
  it('is 1-based and undefined when nothing matches', () => {
    expect(firstRank(['a', 'b', 'c'], (x) => x === 'b')).toBe(2);
    expect(firstRank(['a'], (x) => x === 'z')).toBeUndefined();
  });
});

describe('sizes', () => {
  it('reads 1k, 100k, 1m and plain numbers, and prints them back', () => {
    expect(['1k', '100K', '1m', '2500', '1.5m'].map(parseSize)).toEqual([1_000, 100_000, 1_000_000, 2_500, 1_500_000]);
    expect([1_000, 100_000, 1_000_000, 2_500].map(sizeLabel)).toEqual(['1k', '100k', '1m', '2500']);
  });

  it('rejects what is not a size, naming it', () => {
    expect(() => parseSize('ten')).toThrow('"ten"');
    expect(() => parseSize('0')).toThrow('"0"');
  });
});
