import type { Article } from '../corpus/article.js';
import { contentHash } from '../corpus/hash.js';
import type { Logger } from '../logger.js';
import { extractArticle, parseFeed, parseListing, parseSitemap, wordCount, type FeedItem } from './extract.js';
import { FetchError, type PoliteFetcher } from './fetcher.js';
import type { Draft, NewsStore, Outcome } from './news-store.js';
import { trimSeen, type PollStateStore, type SourceState } from './poll-state.js';
import type { Source } from './sources-file.js';

/**
 * Polls sources: fetch the source URL (conditionally), turn it into article drafts by kind, fetch the
 * pages of summary-only items, offer every draft to the store, and report what changed. A failing
 * source is logged with its id and backed off; the others go on.
 */

export interface PollDeps {
  fetcher: PoliteFetcher;
  store: NewsStore;
  state: PollStateStore;
  logger: Logger;
  now?: () => Date;
}

export interface PollSummary {
  source: string;
  new: number;
  updated: number;
  duplicates: number;
  /** Why the source failed this poll, or null. */
  failed: string | null;
  /** Article pages that could not be read (the source itself was fine). */
  pageErrors: number;
}

/** Index changes of one poll, and the articles that are news to subscribers. */
export interface PollChange {
  source: Source;
  added: Article[];
  removed: Article[];
  /** Articles stored for the first time (not updates or merges). */
  fresh: Article[];
}

/** Article pages fetched per poll of one source, at most: a first poll of a big sitemap is spread over several polls. */
const MAX_PAGES_PER_POLL = 30;
const MAX_BACKOFF_MS = 6 * 3_600_000;
const SITEMAP_ACCEPT = 'application/xml,text/xml;q=0.9,*/*;q=0.5';
const FEED_ACCEPT = 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.8,*/*;q=0.5';

export async function pollSource(source: Source, deps: PollDeps): Promise<{ summary: PollSummary; change: PollChange }> {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const state = deps.state.of(source.id);
  const summary: PollSummary = { source: source.id, new: 0, updated: 0, duplicates: 0, failed: null, pageErrors: 0 };
  const change: PollChange = { source, added: [], removed: [], fresh: [] };
  const count: Record<Outcome, () => void> = {
    new: () => summary.new++,
    updated: () => summary.updated++,
    duplicate: () => summary.duplicates++,
    unchanged: () => undefined,
  };
  const offer = async (draft: Draft) => {
    const result = await deps.store.offer(source, draft, now());
    count[result.outcome]();
    change.added.push(...result.added);
    change.removed.push(...result.removed);
    if (result.outcome === 'new') change.fresh.push(...result.added);
  };
  let pages = 0;
  /** Fetches and extracts one article page; a failure is counted and logged, not fatal. */
  const readPage = async (url: string, fallback: Partial<Draft> = {}): Promise<Draft | null> => {
    if (pages++ >= MAX_PAGES_PER_POLL) return null;
    const seen = state.seen[url];
    try {
      const page = await deps.fetcher.get(url, { etag: seen?.etag, lastModified: seen?.lastModified });
      if (page.kind === 'not-modified') return null;
      const article = extractArticle(page.body, page.url);
      state.seen[url] = { hash: contentHash(article.text), etag: page.etag, lastModified: page.lastModified };
      if (wordCount(article.text) < 5) return null;
      return { url: article.url, title: article.title ?? fallback.title ?? null, date: article.date ?? fallback.date ?? null, text: article.text, original: fallback.original ?? null };
    } catch (err) {
      summary.pageErrors++;
      logger.warn({ source: source.id, url, err: (err as Error).message }, 'sources: article page skipped');
      return null;
    }
  };

  try {
    const top = state.seen[source.url];
    const accept = source.kind === 'rss' ? FEED_ACCEPT : source.kind === 'sitemap' ? SITEMAP_ACCEPT : undefined;
    const first = await deps.fetcher.get(source.url, { etag: top?.etag, lastModified: top?.lastModified }, accept);
    if (first.kind === 'ok') {
      if (source.kind === 'rss') {
        for (const item of parseFeed(first.body, first.url)) {
          const draft = await feedDraft(item, state, deps.store, readPage);
          if (draft) await offer(draft);
        }
      } else if (source.kind === 'page') {
        const article = extractArticle(first.body, first.url);
        if (wordCount(article.text) >= 5) await offer({ url: article.url, title: article.title, date: article.date, text: article.text });
      } else if (source.kind === 'listing') {
        let page = first;
        for (let n = 1; ; n++) {
          const listing = parseListing(page.body, page.url);
          let known = 0;
          for (const item of listing.items) {
            if (item.url && deps.store.knows(item.url)) known++;
            const base = { title: item.title, date: item.date, original: item.originalUrl };
            // A teaser with a link to its own page: read the page.
            const draft = wordCount(item.text) < 40 && item.url ? await readPage(item.url, base) : item.text ? { ...base, url: item.url ?? `${page.url}#${contentHash(item.title)}`, text: item.text } : null;
            if (draft) await offer(draft);
          }
          // Older pages hold older news: stop when a page brought nothing new.
          if (!listing.next || n >= source.maxPages || (known === listing.items.length && n > 1)) break;
          const next = await deps.fetcher.get(listing.next);
          if (next.kind !== 'ok') break;
          page = next;
        }
      } else {
        await pollSitemap(first.body, first.url, deps, state, readPage, offer);
      }
      state.seen[source.url] = { hash: contentHash(first.body), etag: first.etag, lastModified: first.lastModified };
    }
    state.failures = 0;
    state.retryAt = null;
    state.lastError = null;
  } catch (err) {
    const message = err instanceof FetchError || err instanceof Error ? err.message : String(err);
    state.failures += 1;
    const backoff = Math.min(source.everyMs * 2 ** state.failures, MAX_BACKOFF_MS);
    state.retryAt = new Date(now().getTime() + backoff).toISOString();
    state.lastError = message;
    summary.failed = message;
    logger.warn({ source: source.id, failures: state.failures, retryInMs: backoff, err: message }, `sources: ${source.id} failed`);
  }
  state.lastPollAt = now().toISOString();
  trimSeen(state);
  try {
    await deps.state.save();
  } catch (err) {
    // The articles are stored already: they still go to the index and to subscribers. An unsaved
    // state only makes the next poll fetch again what it would have skipped.
    logger.warn({ source: source.id, err: (err as Error).message }, 'sources: poll state not saved');
  }
  return { summary, change };
}

async function feedDraft(item: FeedItem, state: SourceState, store: NewsStore, readPage: (url: string, fallback: Partial<Draft>) => Promise<Draft | null>): Promise<Draft | null> {
  const itemHash = contentHash(`${item.title}\n${item.text}`);
  if (!item.summaryOnly) return { url: item.url, title: item.title, date: item.date, text: item.text };
  // A teaser already read, unchanged in the feed: its page is not fetched again.
  if (state.seen[`feed:${item.url}`]?.hash === itemHash && store.knows(item.url)) return null;
  const draft = await readPage(item.url, { title: item.title, date: item.date });
  if (draft) {
    state.seen[`feed:${item.url}`] = { hash: itemHash };
    // The feed's link and the page's canonical URL may differ: both lead to the article.
    if (!store.knows(item.url) && draft.url !== item.url) state.seen[`feed:${draft.url}`] = { hash: itemHash };
  }
  return draft;
}

async function pollSitemap(
  xml: string,
  url: string,
  deps: PollDeps,
  state: SourceState,
  readPage: (url: string) => Promise<Draft | null>,
  offer: (draft: Draft) => Promise<void>,
): Promise<void> {
  let sitemap = parseSitemap(xml, url);
  if (sitemap.kind === 'index') {
    // The newest child sitemap holds the new articles.
    const child = [...sitemap.entries].sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''))[0];
    if (!child) return;
    const fetched = await deps.fetcher.get(child.url, {}, SITEMAP_ACCEPT);
    if (fetched.kind !== 'ok') return;
    sitemap = parseSitemap(fetched.body, fetched.url);
  }
  const fresh = sitemap.entries
    .filter((e) => !deps.store.knows(e.url) || (e.lastmod !== null && state.seen[`sitemap:${e.url}`]?.hash !== e.lastmod))
    .sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''));
  for (const entry of fresh) {
    const draft = await readPage(entry.url);
    if (draft) await offer(draft);
    if (entry.lastmod) state.seen[`sitemap:${entry.url}`] = { hash: entry.lastmod };
  }
}

/** Is the source due? Not while backing off after a failure. */
export function isDue(state: SourceState, now: Date): boolean {
  return state.retryAt === null || new Date(state.retryAt).getTime() <= now.getTime();
}
