import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { buildIndex } from '../index/build-index.js';
import { createEmbedder } from '../index/create-embedder.js';
import { createLogger } from '../logger.js';

/**
 * `npm run ingest`: brings the index in line with the data directory (incremental; `--force`
 * rebuilds from scratch), with a progress bar on stderr and a summary on stdout.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, [config.telegram.token, config.llm?.apiKey]);
  const embedder = await createEmbedder(config.embeddings, logger);

  const bar = new SingleBar({ format: 'embedding {bar} {value}/{total} chunks | {eta_formatted} left', stream: process.stderr }, Presets.shades_classic);
  let started = false;
  const result = await buildIndex({
    dataDir: config.dataDir,
    indexDir: config.indexDir,
    embedder,
    logger,
    force: values.force,
    workers: config.ingestWorkers,
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
  });
  if (started) bar.stop();

  for (const w of result.warnings) process.stderr.write(`пропущено: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.reason}\n`);
  const c = result.counts;
  const summary = [
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
