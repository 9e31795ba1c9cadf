import { describe, expect, it } from 'vitest';
import { formatScale, mergeScaleResults, scaleChart, type ScaleResult } from '../../bench/scale.js';
import { checkTargets } from '../../bench/targets.js';

const GiB = 2 ** 30;

function result(size: string, chunks: number, over: { p95?: number; rss?: number; perSecond?: number; recall?: number } = {}): ScaleResult {
  return {
    size,
    measuredAt: '2025-01-01T00:00:00.000Z',
    targetChunks: chunks,
    corpus: { files: 1, articles: chunks / 4, bytes: chunks * 1500, generateSeconds: 1 },
    build: {
      chunks,
      articles: chunks / 4,
      files: 1,
      seconds: 10,
      chunksPerSecond: over.perSecond ?? 2500,
      prepareSeconds: 1,
      indexSeconds: 8,
      writeSeconds: 1,
      diskBytes: chunks * 4000,
      diskFiles: {},
      peakRssBytes: 0.5 * GiB,
    },
    serve: {
      chunks,
      loadSeconds: 2,
      indexLoadSeconds: 1,
      queries: 200,
      retrieveMs: { p50: 3, p95: over.p95 ?? 10, p99: 15, mean: 4 },
      askMs: { p50: 5, p95: 20, mean: 7 },
      peakRssBytes: over.rss ?? 1 * GiB,
      heapUsedBytes: 0.2 * GiB,
      hnsw: { m: 16, efConstruction: 200, efSearch: 64 },
      recall: { sample: 100, k: 10, exactMs: 5, byEf: [{ efSearch: 64, recallAt10: over.recall ?? 0.99, p50Ms: 0.2, p95Ms: 0.4 }] },
    },
  };
}

describe('mergeScaleResults', () => {
  it('keeps earlier sizes, replaces a re-run size, orders by size', () => {
    const merged = mergeScaleResults([result('100k', 100_000), result('10k', 10_000, { p95: 1 })], [result('1m', 1_000_000), result('10k', 10_000, { p95: 2 })]);
    expect(merged.map((r) => r.size)).toEqual(['10k', '100k', '1m']);
    expect(merged[0]!.serve.retrieveMs.p95).toBe(2);
  });

  it('keeps the realistic and the worst-case run of one size apart (results without a style are the worst case)', () => {
    const merged = mergeScaleResults([result('1m', 1_000_000, { p95: 84 })], [{ ...result('1m', 1_000_000, { p95: 12 }), style: 'realistic' }]);
    expect(merged.map((r) => [r.style ?? 'worst', r.serve.retrieveMs.p95])).toEqual([
      ['worst', 84],
      ['realistic', 12],
    ]);
    // The targets are judged on the realistic run when there is one.
    const p95 = checkTargets(undefined, merged).find((c) => c.target.startsWith('1M chunks: retrieval p95'))!;
    expect(p95.met).toBe(true);
    expect(p95.measured).toBe('12.0 ms (realistic corpus)');
  });
});

describe('checkTargets', () => {
  it('judges the 100k and 1M targets on those sizes and says when a size was not run', () => {
    const checks = checkTargets(undefined, [result('100k', 100_000, { p95: 25, recall: 0.97, perSecond: 900 })]);
    const byTarget = (part: string) => checks.find((c) => c.target.includes(part))!;
    expect(byTarget('p95').met).toBe(false);
    expect(byTarget('p95').measured).toBe('25.0 ms');
    expect(byTarget('recall').met).toBe(false);
    expect(byTarget('ingest').met).toBe(false);
    expect(byTarget('peak RSS').met).toBeNull();
    expect(byTarget('loads').measured).toBe('not run');
  });

  it('passes a 1M run within 3 GiB and fails one above it', () => {
    const ok = checkTargets(undefined, [result('1m', 1_000_000, { rss: 2.5 * GiB })]).find((c) => c.target.includes('peak RSS'))!;
    const over = checkTargets(undefined, [result('1m', 1_000_000, { rss: 3.5 * GiB })]).find((c) => c.target.includes('peak RSS'))!;
    expect([ok.met, over.met]).toEqual([true, false]);
  });
});

describe('scale output', () => {
  it('prints one row per size and charts every size', () => {
    const results = [result('10k', 10_000), result('100k', 100_000)];
    const table = formatScale(results);
    expect(table.split('\n').filter((l) => /^(10k|100k)\s/.test(l))).toHaveLength(4);
    expect(scaleChart(results).match(/<circle/g)).toHaveLength(8);
  });

  it('shows the fresh-memory rate beside start-up and index load, and a dash for rows measured before the probe', () => {
    const probed = { ...result('1m', 1_000_000), freshMemory: { bytes: 256 * 2 ** 20, seconds: 0.875, secondsPerGiB: 3.5 } };
    const serveTable = formatScale([result('100k', 100_000), probed]).split('\n').filter((l) => /^(100k|1m)\s/.test(l)).slice(2);
    const header = formatScale([probed]).split('\n').find((l) => l.startsWith('size') && l.includes('startup s'))!;
    expect(header).toMatch(/startup s\s+index load s\s+fresh mem s\/GiB\s+serve RSS MiB/);
    expect(serveTable[0]).toMatch(/2\.00\s+1\.00\s+—\s+1024\s/);
    expect(serveTable[1]).toMatch(/2\.00\s+1\.00\s+3\.50\s+1024\s/);
  });
});
