import type { Article } from '../corpus/article.js';
import type { Config } from '../config.js';
import { applyToIndex, persistLiveIndex } from '../index/live-index.js';
import type { LocalEngine } from './local-engine.js';
import type { Logger } from '../logger.js';
import { PoliteFetcher, type FetcherOptions } from '../sources/fetcher.js';
import { NewsStore } from '../sources/news-store.js';
import { PollState, type PollStateStore } from '../sources/poll-state.js';
import type { PollChange, PollSummary } from '../sources/poller.js';
import { Scheduler } from '../sources/scheduler.js';
import { loadSources, type Source } from '../sources/sources-file.js';

/**
 * Live news as the running bot uses it: the sources polled on their schedule, new articles stored
 * in the data dir and added to the serving index in place, then handed to `onFresh` (the pushes).
 */

export const USER_AGENT_NAME = 'ZhauapBot/0.1';

export function userAgent(contact: string): string {
  return `${USER_AGENT_NAME} (+${contact})`;
}

export interface LiveNews {
  sources: readonly Source[];
  /** Every source once, now; the summaries per source. */
  pollAll(): Promise<PollSummary[]>;
  /** Stops polling and waits for polls in progress. */
  stop(): Promise<void>;
}

export interface LiveNewsOptions {
  /** New articles (not updates, not merged duplicates), after they are answerable. */
  onFresh?: (articles: Article[]) => Promise<unknown>;
  /** After every poll of a source, changed or not. */
  afterPoll?: () => Promise<unknown>;
  /** Where the poll state lives; default: a file in STATE_DIR. Replicas share one in Redis. */
  pollState?: PollStateStore;
  /** Index updates; default: in place into `engine`'s serving index. */
  onIndexChange?: (change: PollChange) => Promise<unknown>;
  fetcher?: Partial<FetcherOptions>;
  /** Poll on schedule (default); false: only when pollAll is called (npm run ingest -- --sources). */
  schedule?: boolean;
}

/** Null when SOURCES_FILE=none. Throws SourcesFileError for an invalid sources file. */
export async function startLiveNews(config: Config, logger: Logger, engine: Pick<LocalEngine, 'updateIndex'> | null, options: LiveNewsOptions = {}): Promise<LiveNews | null> {
  if (config.sources.file === null) return null;
  const sources = loadSources(config.sources.file);
  const byId = new Map(sources.map((s) => [s.id, s]));
  const store = await NewsStore.open(config.dataDir, new Set(sources.filter((s) => s.original).map((s) => s.id)));
  const state = options.pollState ?? (await PollState.open(config.stateDir));
  const fetcher = new PoliteFetcher({
    userAgent: userAgent(config.sources.contact),
    hostDelayMs: config.sources.hostDelayMs,
    timeoutMs: config.sources.timeoutMs,
    ...options.fetcher,
  });
  const withSourceRegion = (a: Article): Article => {
    const region = byId.get(a.file.replace(/^live-|\.jsonl$/g, ''))?.region;
    return region && !a.regions.includes(region) ? { ...a, regions: [...a.regions, region] } : a;
  };
  const scheduler = new Scheduler(sources, { fetcher, store, state, logger }, async (change) => {
    const started = performance.now();
    if (options.onIndexChange) await options.onIndexChange(change);
    else if (engine) {
      const update = await engine.updateIndex((index) => applyToIndex(index, change, { isCurrent: (a) => store.isCurrent(a) }));
      logger.info({ source: change.source.id, ...update, ms: Math.round(performance.now() - started) }, 'sources: index updated');
      // Written after the update is answerable and the pushes are on their way; updates queued meanwhile go first,
      // and one write then covers them all.
      void engine
        .updateIndex(async (index) => {
          const t0 = performance.now();
          if (await persistLiveIndex(index)) logger.info({ dir: index.dir, ms: Math.round(performance.now() - t0) }, 'sources: live index written');
        })
        .catch((err: unknown) => logger.error({ err }, 'sources: could not write the live index (the next start adds the articles again)'));
    }
    if (change.fresh.length > 0 && options.onFresh) await options.onFresh(change.fresh.map(withSourceRegion));
  }, options.afterPoll);
  if (options.schedule !== false) scheduler.start();
  logger.info({ sources: sources.length, file: config.sources.file }, 'sources: live news on');
  return { sources, pollAll: () => scheduler.pollAll(), stop: () => scheduler.stop() };
}
