import type { Logger } from '../logger.js';
import { isDue, pollSource, type PollChange, type PollDeps, type PollSummary } from './poller.js';
import type { Source } from './sources-file.js';

/**
 * Runs each source on its own interval (`every`); one poll of a source at a time. After each poll
 * that changed something, `onChange` runs (index update, pushes) before the source's next poll; after
 * every poll, `afterPoll` (pushes whose sender died are sent again).
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly sources: readonly Source[],
    private readonly deps: PollDeps,
    private readonly onChange: (change: PollChange) => Promise<void>,
    private readonly afterPoll?: () => Promise<unknown>,
  ) {}

  get logger(): Logger {
    return this.deps.logger;
  }

  /** Polls every source now, then on its schedule. */
  start(): void {
    for (const source of this.sources) this.schedule(source, 0);
  }

  /** Every source once (skipping none: a manual run ignores backoff); resolves with the summaries. */
  async pollAll(): Promise<PollSummary[]> {
    return Promise.all(this.sources.map((s) => this.pollOnce(s)));
  }

  /** Stops the timers and waits for polls in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(source: Source, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const now = this.deps.now?.() ?? new Date();
      const due = isDue(this.deps.state.of(source.id), now);
      const run = due ? this.pollOnce(source) : Promise.resolve(undefined);
      void run.finally(() => this.schedule(source, source.everyMs));
    }, delayMs);
    // Polling alone must not keep a process alive that is otherwise done.
    timer.unref();
    this.timers.set(source.id, timer);
  }

  private async pollOnce(source: Source): Promise<PollSummary> {
    const task = (async () => {
      const { summary, change } = await pollSource(source, this.deps);
      if (change.added.length + change.removed.length > 0) {
        try {
          await this.onChange(change);
        } catch (err) {
          this.deps.logger.error({ source: source.id, err }, 'sources: applying a poll failed');
        }
      }
      try {
        await this.afterPoll?.();
      } catch (err) {
        this.deps.logger.error({ source: source.id, err }, 'sources: work after a poll failed');
      }
      this.deps.logger.info({ ...summary }, `sources: ${source.id}: ${summary.new} new, ${summary.updated} updated, ${summary.duplicates} duplicates${summary.failed ? ', failed' : ''}`);
      return summary;
    })();
    this.running.add(task);
    try {
      return await task;
    } finally {
      this.running.delete(task);
    }
  }
}
