import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.js';

/**
 * What the poller remembers between polls, per source: HTTP validators (ETag / Last-Modified) and the
 * content hash of each URL it has seen, failures and the backoff that follows. Saved atomically after
 * the articles of a poll are stored, so a crash mid-poll only repeats work: the articles themselves
 * (news-store) are the record of what is known.
 */

export interface SeenUrl {
  /** Hash of what the listing/feed said about the URL, or of the page's text. */
  hash: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface SourceState {
  failures: number;
  /** ISO time before which a failing source is not polled again. */
  retryAt: string | null;
  lastPollAt: string | null;
  lastError: string | null;
  seen: Record<string, SeenUrl>;
}

export const POLL_STATE_FILE = 'sources-state.json';

/** Where the poller keeps its state: this file for one process, a Redis hash for replicas (state/subscriptions.ts). */
export interface PollStateStore {
  /** The state of a source, created empty on first use; changed in place by the poller. */
  of(sourceId: string): SourceState;
  /** Saves every source's state (after each poll). */
  save(): Promise<void>;
}

export function emptySourceState(): SourceState {
  return { failures: 0, retryAt: null, lastPollAt: null, lastError: null, seen: {} };
}

/**
 * URLs remembered per source, at most. What is forgotten is only re-checked (a page fetched again,
 * its article found unchanged in the news store), so the state stays bounded on a source that runs
 * for years without anything lost.
 */
export const MAX_SEEN_PER_SOURCE = 5_000;

/** Drops the longest-known URLs beyond `max` (objects keep insertion order: the oldest come first). */
export function trimSeen(state: SourceState, max = MAX_SEEN_PER_SOURCE): void {
  const urls = Object.keys(state.seen);
  for (const url of urls.slice(0, Math.max(0, urls.length - max))) delete state.seen[url];
}

export class PollState implements PollStateStore {
  private constructor(
    private readonly file: string,
    private readonly sources: Record<string, SourceState>,
  ) {}

  static async open(stateDir: string): Promise<PollState> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, POLL_STATE_FILE);
    let sources: Record<string, SourceState> = {};
    try {
      sources = (JSON.parse(await readFile(file, 'utf8')) as { sources: Record<string, SourceState> }).sources;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`sources: cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
    return new PollState(file, sources);
  }

  of(sourceId: string): SourceState {
    this.sources[sourceId] ??= emptySourceState();
    return this.sources[sourceId];
  }

  save(): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify({ sources: this.sources })}\n`);
  }
}
