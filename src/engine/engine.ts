import type { Answer } from '../answer/answer.js';
import type { Article } from '../corpus/article.js';
import type { CorpusStats, SourceStats } from '../shared/corpus-stats.js';
import type { Exchange } from '../conversation/exchange.js';
import type { RetrievalFilters } from '../shared/filters.js';

export interface AskOptions extends RetrievalFilters {
  /**
   * Previous exchange of the conversation, for resolving short follow-ups. Its question must be the
   * previous answer's `standalone`, so each turn resolves against a complete question, not a bare "а в Шымкенте?".
   */
  history?: Exchange;
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
}

export type { CorpusStats, SourceStats };

/** An article as /latest lists it. */
export type ArticleSummary = Pick<Article, 'id' | 'title' | 'date' | 'url' | 'source'>;

export interface RegionCount {
  /** Canonical region id (corpus/regions.ts). */
  id: string;
  /** Russian display name, nominative ("Алматинская область", "Алматы"). */
  name: string;
  articles: number;
}

/** What the bot and the CLI need from the answer engine. */
export interface Engine {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  stats(): CorpusStats;
  latest(count: number): ArticleSummary[];
  regions(): RegionCount[];
  /** Rebuilds the index from the data dir and swaps it in atomically; asks keep working meanwhile. */
  reindex(): Promise<CorpusStats>;
  /**
   * Swaps in a newer index generation that another process published in the shared index directory;
   * resolves whether it did. Engines without a shared index leave it out.
   */
  refresh?(): Promise<boolean>;
  /** Stops the engine's own threads (a search helper); questions asked after it are still answered, in one thread. */
  close?(): void;
}
