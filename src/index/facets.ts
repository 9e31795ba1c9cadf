import { REGIONS } from '../corpus/regions.js';
import type { RetrievalFilters } from '../shared/filters.js';
import { dayNumber } from '../text/dates.js';
import type { Chunk } from './chunk.js';

/**
 * Region and date facets of a chunk as two numbers, a region bitmask and a day number: the chunk
 * table stores them per chunk, so a filtered search tests a candidate without reading its record.
 */

if (REGIONS.length > 32) throw new Error(`chunks: ${REGIONS.length} regions do not fit a 32-bit region mask`);

/** Bit of each region in a region mask: its place in REGIONS. */
const REGION_BITS = new Map(REGIONS.map((region, i) => [region.id, (1 << i) >>> 0]));
/** A mask with every known region's bit set. */
export const KNOWN_REGIONS = 2 ** REGIONS.length - 1;
/** Day number of an undated chunk: matches no date filter. */
export const NO_DAY = -0x80000000;

/** What a region or date filter tests: the chunk's regions as a mask and its date as a day number. */
export interface Facets {
  regions: number;
  day: number;
}

export function facetsOf(chunk: Chunk): Facets {
  let regions = 0;
  for (const id of chunk.regions) {
    const bit = REGION_BITS.get(id);
    if (bit === undefined) throw new Error(`chunks: chunk ${chunk.id} names unknown region "${id}"`);
    regions |= bit;
  }
  const day = chunk.date === null ? NO_DAY : dayNumber(chunk.date);
  if (day === undefined) throw new Error(`chunks: chunk ${chunk.id} has date "${chunk.date}", not YYYY-MM-DD`);
  return { regions: regions >>> 0, day };
}

/** Mask of the known regions among `ids`: 0, matching nothing, when none is known. */
function regionMask(ids: readonly string[]): number {
  return ids.reduce((mask, id) => mask | (REGION_BITS.get(id) ?? 0), 0);
}

function filterDay(date: string): number {
  const day = dayNumber(date);
  if (day === undefined) throw new Error(`chunks: date filter "${date}" is not YYYY-MM-DD`);
  return day;
}

/** What a filter asks of the facets: a region mask (any of its bits) and an inclusive day range. */
export interface FacetQuery {
  /** Undefined: any region. */
  regions: number | undefined;
  /** Whether the day range applies (an undated chunk then never matches). */
  dated: boolean;
  from: number;
  to: number;
}

/**
 * `filters` as numbers, or undefined when they filter nothing. Semantics: any of the regions (ids
 * outside REGIONS match nothing); dates inclusive, and an undated chunk never matches a date filter.
 */
export function facetQuery(filters: RetrievalFilters): FacetQuery | undefined {
  const regions = filters.regions && filters.regions.length > 0 ? regionMask(filters.regions) : undefined;
  const dated = Boolean(filters.dateFrom || filters.dateTo);
  if (regions === undefined && !dated) return undefined;
  const from = filters.dateFrom ? filterDay(filters.dateFrom) : -Infinity;
  const to = filters.dateTo ? filterDay(filters.dateTo) : Infinity;
  return { regions, dated, from, to };
}

/** A test of `filters` on facets (`facetQuery`'s semantics), or undefined when they filter nothing. */
export function facetTest(filters: RetrievalFilters): ((regions: number, day: number) => boolean) | undefined {
  const query = facetQuery(filters);
  if (!query) return undefined;
  const { regions, dated, from, to } = query;
  // Two numbers rather than a Facets object: callers test many chunks.
  return (mask, day) => (regions === undefined || (mask & regions) !== 0) && (!dated || (day !== NO_DAY && day >= from && day <= to));
}

/**
 * Sets the bit of `labels[p]` in `allowed` (a bitset, see label-bits.ts) for every table row `p` whose facets
 * match `query`; returns how many rows matched. Plain loops: the pass ran a test closure per row, 1.2 ms of
 * CPU at 100k chunks (ten times that at 1M) for every filtered question; a region filter alone is served from
 * `RegionBits` without this pass.
 */
export function markMatching(query: FacetQuery, labels: Uint32Array, regions: Uint32Array, days: Int32Array, allowed: Uint32Array): number {
  const { regions: mask, dated, from, to } = query;
  const n = labels.length;
  let count = 0;
  for (let p = 0; p < n; p++) {
    if (mask !== undefined && ((regions[p] ?? 0) & mask) === 0) continue;
    if (dated) {
      const day = days[p] ?? NO_DAY;
      if (day === NO_DAY || day < from || day > to) continue;
    }
    const label = labels[p] ?? 0;
    allowed[label >>> 5] = (allowed[label >>> 5] ?? 0) | (1 << (label & 31));
    count += 1;
  }
  return count;
}
