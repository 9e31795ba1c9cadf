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

export class PollState {
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
    this.sources[sourceId] ??= { failures: 0, retryAt: null, lastPollAt: null, lastError: null, seen: {} };
    return this.sources[sourceId];
  }

  save(): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify({ sources: this.sources })}\n`);
  }
}
