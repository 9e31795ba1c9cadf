import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/metrics.js';
import { REGIONS } from '../../src/corpus/regions.js';
import { facetQuery, facetTest, KNOWN_REGIONS, markMatching, NO_DAY } from '../../src/index/facets.js';
import { hasLabel, labelsOf, RegionBits } from '../../src/index/label-bits.js';
import type { RetrievalFilters } from '../../src/shared/filters.js';
import { dayNumber } from '../../src/text/dates.js';

/**
 * The chunk table's pass (`markMatching`, what every filtered question runs over all its chunks) must accept
 * exactly the rows the per-chunk test (`facetTest`) accepts.
 */
describe('markMatching and RegionBits', () => {
  const random = rng(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const rows = 5_000;
  // Labels with gaps (deleted chunks), masks of 0-3 regions (some of unknown bits), a tenth undated.
  const labels = new Uint32Array(rows).map((_, i) => i * 3 + Math.floor(random() * 3));
  const regions = new Uint32Array(rows).map(() => {
    let mask = 0;
    for (let r = Math.floor(random() * 4); r > 0; r--) mask |= 1 << Math.floor(random() * REGIONS.length);
    return random() < 0.05 ? mask | (KNOWN_REGIONS + 1) : mask;
  });
  const first = dayNumber('2018-01-01') ?? 0;
  const days = new Int32Array(rows).map(() => (random() < 0.1 ? NO_DAY : first + Math.floor(random() * 2_900)));
  const date = (offset: number) => new Date(Date.UTC(2018, 0, 1 + offset)).toISOString().slice(0, 10);

  const filters: RetrievalFilters[] = [{ regions: ['atlantis'] }, { regions: ['abai', 'shymkent'] }, { dateFrom: '2018-01-01', dateTo: '2018-01-01' }];
  for (let i = 0; i < 40; i++) {
    const f: RetrievalFilters = {};
    if (random() < 0.7) f.regions = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(REGIONS).id);
    if (random() < 0.5) f.dateFrom = date(Math.floor(random() * 2_900));
    if (random() < 0.5) f.dateTo = date(Math.floor(random() * 2_900));
    if (f.regions || f.dateFrom || f.dateTo) filters.push(f);
  }

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('marks the rows facetTest accepts: %s', (_, f) => {
    const query = facetQuery(f);
    const test = facetTest(f);
    if (!query || !test) throw new Error('a filter that filters nothing');
    const words = ((labels.at(-1) ?? 0) >>> 5) + 1;
    const allowed = new Uint32Array(words);
    const count = markMatching(query, labels, regions, days, allowed);
    const expected = [...labels].filter((_, p) => test(regions[p] ?? 0, days[p] ?? 0));
    expect([...labelsOf(allowed, count)]).toEqual(expected);
    expect(count).toBe(expected.length);
    expect(hasLabel(allowed, (labels.at(-1) ?? 0) + 1)).toBe(false);
    if (query.dated || query.regions === undefined) return;
    // A region filter alone: the table's kept region sets give the same labels, twice (computed, then kept).
    const sets = new RegionBits(labels, regions);
    for (let i = 0; i < 2; i++) {
      const union = sets.union(query.regions, words + 2);
      expect([...labelsOf(union.bits, union.count)]).toEqual(expected);
      expect(union.count).toBe(expected.length);
    }
  });
});
