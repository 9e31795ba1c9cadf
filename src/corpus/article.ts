/** One news article, the unit every later stage cites. */
export type Language = 'ru' | 'kk' | 'mixed';

export interface Article {
  /** Stable content hash (hex, 16 chars): same text → same id across runs. */
  id: string;
  title: string;
  /** ISO date YYYY-MM-DD, or null when the source gives none. */
  date: string | null;
  url: string | null;
  /** Outlet or source name ("Enbekshi QazaQ", "gov.kz", a file name when nothing better is known). */
  source: string;
  language: Language;
  /** Canonical region ids mentioned in the text (see corpus/regions.ts). */
  regions: string[];
  /** Plain body text, paragraphs separated by "\n\n". */
  text: string;
  /** Data file (relative to the data dir) the article came from. */
  file: string;
}

/** A record that could not be used, reported to the user and skipped. */
export interface IngestWarning {
  file: string;
  line?: number;
  reason: string;
}
