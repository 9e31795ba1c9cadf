/** What the base holds, as the engine reports it and the user-facing texts describe it. */
export interface SourceStats {
  source: string;
  articles: number;
}

export interface CorpusStats {
  articles: number;
  chunks: number;
  sources: SourceStats[];
  /** ISO dates of the oldest and newest dated article, null when none is dated. */
  dateFrom: string | null;
  dateTo: string | null;
  embedder: string;
}
