/**
 * What narrows a search, in one shape for every stage: the index tests it on its facets, retrieval
 * and the engine take it from the question, the bot and the CLI pass it explicitly (/region, --from).
 * It lives here, beside no stage, so the index need not import retrieval to know it.
 */
export interface RetrievalFilters {
  /** Canonical region ids (see corpus/regions.ts); a passage must mention at least one. */
  regions?: string[];
  /** Inclusive ISO dates (YYYY-MM-DD, validated by text/dates.ts at the edges). */
  dateFrom?: string;
  dateTo?: string;
}
