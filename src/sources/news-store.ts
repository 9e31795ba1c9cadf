import { existsSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/article.js';
import { contentHash, normalizeForHash } from '../corpus/hash.js';
import { toArticle } from '../corpus/parse-text.js';
import { syncDirectory, writeFileAtomic } from '../shared/atomic-write.js';
import { NEAR_DUPLICATE, signature, similarity, type Signature } from './near-dup.js';

/**
 * Articles taken from the sources, one JSONL file per source in the data dir (live-<id>.jsonl), in
 * the documented JSONL format ({"text", "title", "date", "url", "source"} plus bookkeeping fields the
 * corpus reader ignores), so a rebuild from the data dir reproduces the live index.
 *
 * Durability: a new article is one appended line, written and fsynced before anything else learns of
 * it; a torn last line (a crash mid-write) is cut off when the store opens. Changing an existing
 * article (an update, a merge) rewrites its file atomically (temp file, fsync, rename, fsync dir).
 */

export interface StoredRecord {
  text: string;
  title: string | null;
  date: string | null;
  url: string;
  source: string;
  /** Other URLs of the same article (republished copies, re-posts). */
  alternates: string[];
  /** "Источник информации" URL the page names as its original. */
  original: string | null;
  /** Hash of the normalized text: an unchanged page is not stored again. */
  hash: string;
  seenAt: string;
}

export interface Draft {
  url: string;
  title: string | null;
  date: string | null;
  text: string;
  /** The original this copy cites, if any. */
  original?: string | null;
}

export interface DraftSource {
  id: string;
  name: string;
  /** Publishes originals (a government press service). */
  original: boolean;
}

export type Outcome = 'new' | 'updated' | 'duplicate' | 'unchanged';

/** What an offer changed: articles to add to the index and to remove from it. */
export interface StoreChange {
  outcome: Outcome;
  added: Article[];
  removed: Article[];
}

interface Entry {
  sourceId: string;
  record: StoredRecord;
  signature: Signature;
  article: Article;
}

export const LIVE_PREFIX = 'live-';

export function liveFileName(sourceId: string): string {
  return `${LIVE_PREFIX}${sourceId}.jsonl`;
}

export class NewsStore {
  private readonly entries: Entry[] = [];
  private readonly byUrl = new Map<string, Entry>();
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(private readonly dataDir: string, private readonly originals: ReadonlySet<string>) {}

  /** Reads every live-*.jsonl in dataDir, repairing a torn last line. `originals`: ids of sources that publish originals. */
  static async open(dataDir: string, originals: ReadonlySet<string> = new Set()): Promise<NewsStore> {
    const store = new NewsStore(dataDir, originals);
    for (const name of (await readdir(dataDir)).filter((n) => n.startsWith(LIVE_PREFIX) && n.endsWith('.jsonl')).sort()) {
      const sourceId = name.slice(LIVE_PREFIX.length, -'.jsonl'.length);
      const file = path.join(dataDir, name);
      const content = await readFile(file, 'utf8');
      const lines = content.split('\n');
      const complete = content.endsWith('\n') ? lines.slice(0, -1) : lines.slice(0, -1);
      if (!content.endsWith('\n') && content !== '') {
        // The last line was cut by a crash: it was never acknowledged, so it is dropped.
        await writeFileAtomic(file, complete.map((l) => `${l}\n`).join(''));
      }
      for (const line of complete) {
        if (line.trim() === '') continue;
        const entry = store.entryOf(sourceId, JSON.parse(line) as StoredRecord);
        if (entry) store.index(entry);
      }
    }
    return store;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Is this article (by id and primary URL) the one stored now, not replaced since? */
  isCurrent(article: Pick<Article, 'id' | 'url'>): boolean {
    const e = article.url ? this.byUrl.get(article.url) : undefined;
    return e !== undefined && e.article.id === article.id && e.record.url === article.url;
  }

  knows(url: string): boolean {
    return this.byUrl.has(url);
  }

  hashOf(url: string): string | undefined {
    return this.byUrl.get(url)?.record.hash;
  }

  records(): Array<{ sourceId: string; record: StoredRecord; article: Article }> {
    return this.entries.map(({ sourceId, record, article }) => ({ sourceId, record, article }));
  }

  /** The stored article a URL (primary or alternate) belongs to. */
  articleOf(url: string): { record: StoredRecord; article: Article } | undefined {
    const e = this.byUrl.get(url);
    return e && { record: e.record, article: e.article };
  }

  /** Stores a fetched article: new, an update of a known URL, a near-duplicate merged into a known one, or unchanged. */
  offer(source: DraftSource, draft: Draft, now = new Date()): Promise<StoreChange> {
    const run = this.lock.then(() => this.offerNow(source, draft, now));
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async offerNow(source: DraftSource, draft: Draft, now: Date): Promise<StoreChange> {
    const hash = contentHash(normalizeForHash(draft.text));
    const record: StoredRecord = {
      text: draft.text,
      title: draft.title,
      date: draft.date,
      url: draft.url,
      source: source.name,
      alternates: [],
      original: draft.original ?? null,
      hash,
      seenAt: now.toISOString(),
    };
    const candidate = this.entryOf(source.id, record);
    if (!candidate) return { outcome: 'unchanged', added: [], removed: [] };

    const known = this.byUrl.get(draft.url);
    if (known) {
      if (known.record.hash === hash || known.record.url !== draft.url) return { outcome: 'unchanged', added: [], removed: [] };
      // A real update of the article at this URL: new text, new chunks.
      const next = this.entryOf(known.sourceId, { ...record, alternates: known.record.alternates }) ?? candidate;
      await this.replace(known, next);
      return { outcome: 'updated', added: [next.article], removed: [known.article] };
    }

    const twin = this.findTwin(candidate);
    if (twin) {
      if (this.isOriginalOf(candidate, twin)) {
        // The original arrived after its copy: it becomes the primary, the copy's links stay as alternates.
        const next = this.entryOf(source.id, { ...record, alternates: [twin.record.url, ...twin.record.alternates] }) ?? candidate;
        await this.replace(twin, next);
        return { outcome: 'duplicate', added: [next.article], removed: [twin.article] };
      }
      const merged: Entry = { ...twin, record: { ...twin.record, alternates: [...twin.record.alternates, draft.url] } };
      await this.replace(twin, merged);
      return { outcome: 'duplicate', added: [], removed: [] };
    }

    await appendLine(path.join(this.dataDir, liveFileName(source.id)), JSON.stringify(record));
    this.index(candidate);
    return { outcome: 'new', added: [candidate.article], removed: [] };
  }

  private findTwin(candidate: Entry): Entry | undefined {
    const cited = candidate.record.original ? this.byUrl.get(candidate.record.original) : undefined;
    if (cited) return cited;
    let best: Entry | undefined;
    let bestScore = NEAR_DUPLICATE;
    for (const e of this.entries) {
      const score = similarity(e.signature, candidate.signature);
      if (score >= bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }

  /** The newcomer is the original the stored copy republished. */
  private isOriginalOf(newcomer: Entry, stored: Entry): boolean {
    if (stored.record.original === newcomer.record.url) return true;
    return this.originals.has(newcomer.sourceId) && !this.originals.has(stored.sourceId);
  }

  /** Swaps `old` for `next` (maybe in another source's file) and rewrites the files involved. */
  private async replace(old: Entry, next: Entry): Promise<void> {
    const at = this.entries.indexOf(old);
    this.entries.splice(at, 1);
    for (const url of [old.record.url, ...old.record.alternates]) this.byUrl.delete(url);
    this.index(next);
    await this.rewrite(next.sourceId);
    if (old.sourceId !== next.sourceId) await this.rewrite(old.sourceId);
  }

  private async rewrite(sourceId: string): Promise<void> {
    const lines = this.entries.filter((e) => e.sourceId === sourceId).map((e) => `${JSON.stringify(e.record)}\n`);
    await writeFileAtomic(path.join(this.dataDir, liveFileName(sourceId)), lines.join(''));
  }

  private index(entry: Entry): void {
    this.entries.push(entry);
    for (const url of [entry.record.url, ...entry.record.alternates]) this.byUrl.set(url, entry);
  }

  /** The article exactly as the corpus reader will make it from the JSONL line. */
  private entryOf(sourceId: string, record: StoredRecord): Entry | null {
    const article = toArticle(liveFileName(sourceId), record);
    return article && { sourceId, record, signature: signature(record.text), article };
  }
}

/** Appends one line and fsyncs it before returning. */
async function appendLine(file: string, line: string): Promise<void> {
  const created = !existsSync(file);
  const handle = await open(file, 'a');
  try {
    await handle.write(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // A new file's directory entry must survive a crash too.
  if (created) await syncDirectory(path.dirname(file));
}
