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

/**
 * A test of `filters` on facets, or undefined when they filter nothing. Semantics: any of the
 * regions (ids outside REGIONS match nothing); dates inclusive, and an undated chunk never matches a
 * date filter.
 */
export function facetTest(filters: RetrievalFilters): ((regions: number, day: number) => boolean) | undefined {
  const regions = filters.regions && filters.regions.length > 0 ? regionMask(filters.regions) : undefined;
  const dated = Boolean(filters.dateFrom || filters.dateTo);
  if (regions === undefined && !dated) return undefined;
  const from = filters.dateFrom ? filterDay(filters.dateFrom) : -Infinity;
  const to = filters.dateTo ? filterDay(filters.dateTo) : Infinity;
  // Two numbers rather than a Facets object: the chunk store runs it over every row of its table.
  return (mask, day) => (regions === undefined || (mask & regions) !== 0) && (!dated || (day !== NO_DAY && day >= from && day <= to));
}
