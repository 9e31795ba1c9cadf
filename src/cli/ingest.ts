import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, configuredSecrets, loadConfig, loadDotEnv } from '../config.js';
import { fileBuildLock } from '../cluster/build-lock.js';
import { buildIndex } from '../index/build-index.js';
import { createEmbedder } from '../index/create-embedder.js';
import { createLogger } from '../logger.js';
import { startLiveNews } from '../engine/live-news.js';
import { emptySourceState, type SourceState } from '../sources/poll-state.js';
import { connectRedis } from '../state/redis.js';
import { RedisPollState } from '../state/subscriptions.js';

/**
 * `npm run ingest`: brings the index in line with the data directory (incremental; `--force`
 * rebuilds from scratch), with a progress bar on stderr and a summary on stdout.
 * `--sources` first polls every source of SOURCES_FILE once (new articles land in the data dir);
 * a failing source is reported and does not change the exit code.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, sources: { type: 'boolean', default: false } } });
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, configuredSecrets(config));
  const polled: string[] = [];
  if (values.sources) {
    // With REDIS_URL the poll state is the replicas' own (validators, seen URLs), not a file of this machine.
    const redis = config.redis && config.sources.file ? await connectRedis(config.redis.url, logger) : undefined;
    const pollState = redis ? await RedisPollState.open<SourceState>(redis, emptySourceState) : undefined;
    const news = await startLiveNews(config, logger, null, { schedule: false, onIndexChange: async () => undefined, ...(pollState ? { pollState } : {}) });
    if (news === null) {
      polled.push('sources: SOURCES_FILE=none, nothing polled');
    } else {
      const summaries = await news.pollAll();
      await news.stop();
      const sum = (k: 'new' | 'updated' | 'duplicates') => summaries.reduce((n, s) => n + s[k], 0);
      const failed = summaries.filter((s) => s.failed !== null);
      polled.push(`sources: ${summaries.length} polled: ${sum('new')} new, ${sum('updated')} updated, ${sum('duplicates')} duplicates, ${failed.length} failed`);
      for (const f of failed) polled.push(`failed: ${f.source}: ${f.failed}`);
    }
    await redis?.close();
  }
  const embedder = await createEmbedder(config.embeddings, logger);

  const bar = new SingleBar({ format: 'embedding {bar} {value}/{total} chunks | {eta_formatted} left', stream: process.stderr }, Presets.shades_classic);
  let started = false;
  // A running bot (or its replicas) may be building the same index directory: take turns.
  const result = await fileBuildLock(config.indexDir, logger).run(() => buildIndex({
    dataDir: config.dataDir,
    maxFileBytes: config.maxFileBytes,
    indexDir: config.indexDir,
    embedder,
    logger,
    force: values.force,
    workers: config.ingestWorkers,
    hnsw: config.vectorExactLimit === undefined ? undefined : { exactSearchLimit: config.vectorExactLimit },
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
  }));
  if (started) bar.stop();

  for (const w of result.warnings) process.stderr.write(`пропущено: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.reason}\n`);
  const c = result.counts;
  const summary = [
    ...polled,
    `index: ${result.mode} build in ${result.seconds.toFixed(2)} s → ${config.indexDir}`,
    `files: ${c.files}, articles: ${c.articles}, chunks: ${c.chunks} (embedded ${c.added}, reused ${c.reused}, removed ${c.removed})`,
    `embedder: ${embedder.id} (${embedder.dimension}-d)`,
    `warnings: ${result.warnings.length}`,
  ];
  process.stdout.write(`${summary.join('\n')}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`ingest: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
