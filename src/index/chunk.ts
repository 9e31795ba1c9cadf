import type { Article } from '../corpus/article.js';

/** A passage of one article: what is embedded, indexed, retrieved and quoted. */
export interface Chunk {
  /** Content hash of article id + text: stable, so re-ingestion is incremental. */
  id: string;
  articleId: string;
  /** Position of the chunk within its article, from 0. */
  ordinal: number;
  text: string;
  title: string;
  date: string | null;
  url: string | null;
  source: string;
  language: Article['language'];
  regions: string[];
  file: string;
}

/** The text a chunk is embedded and lexically indexed by: the title gives every chunk its topic. */
export function indexedText(chunk: Chunk): string {
  return chunk.title ? `${chunk.title}\n${chunk.text}` : chunk.text;
}
