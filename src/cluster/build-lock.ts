/**
 * Two index builds must never run at once on one INDEX_DIR: they would both publish generations
 * built from the same previous one, and the later would drop the earlier's additions. Replicas share
 * the index directory (a volume), so the lock lives there: a lock file that works on local and
 * network filesystems (proper-lockfile: an atomic mkdir, kept fresh while held, taken over when
 * its holder died and stopped refreshing it). The same lock serves one process, N replicas, and
 * `npm run ingest` run beside a live bot.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Logger } from '../logger.js';

export const BUILD_LOCK = 'build.lock';
/** A holder that has not refreshed the lock for this long is taken to be dead. */
const STALE_MS = 60_000;
const REFRESH_MS = 5_000;

export interface BuildLock {
  /** Waits for the lock, runs `build`, releases the lock (also when `build` throws). */
  run<T>(build: () => Promise<T>): Promise<T>;
}

export function fileBuildLock(indexDir: string, logger: Logger, opts: { retryMs?: number } = {}): BuildLock {
  const lockPath = path.join(indexDir, BUILD_LOCK);
  return {
    async run(build) {
      await mkdir(indexDir, { recursive: true });
      const options = {
        lockfilePath: lockPath,
        stale: STALE_MS,
        update: REFRESH_MS,
        onCompromised: (err: Error) => logger.error({ err }, 'index: build lock lost (another process took it over)'),
      };
      const release = await lockfile.lock(indexDir, options).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ELOCKED') throw new Error(`index: cannot lock ${lockPath}: ${err.message}`);
        logger.info({ lock: lockPath }, 'index: another build is running, waiting for it');
        const retryMs = opts.retryMs ?? 200;
        return lockfile.lock(indexDir, { ...options, retries: { forever: true, minTimeout: retryMs, maxTimeout: 2_000, factor: 1.5 } });
      });
      try {
        return await build();
      } finally {
        await release().catch((err: unknown) => logger.warn({ err }, 'index: build lock could not be released'));
      }
    },
  };
}
