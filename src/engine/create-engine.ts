import { ExtractiveAnswerer } from '../answer/extractive.js';
import { createLlm } from './create-llm.js';
import type { Config } from '../config.js';
import type { Engine } from './engine.js';
import { buildIndex, type BuildOptions } from '../index/build-index.js';
import { createEmbedder } from '../index/create-embedder.js';
import type { LoadedIndex } from '../index/load-index.js';
import { LocalEngine, searchIndexOf, type ServingState } from './local-engine.js';
import type { Logger } from '../logger.js';
import { HeuristicCondenser } from '../conversation/follow-up.js';
import { DEFAULT_RETRIEVER, Retriever } from '../retrieval/retriever.js';
import { buildThesaurus, type Thesaurus } from '../retrieval/thesaurus.js';

/** Logs build progress at most every few seconds, so the first start does not look hung. */
function progressLogger(logger: Logger): BuildOptions['onProgress'] {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done === total || now - last > 2000) {
      last = now;
      logger.info({ done, total }, 'index: embedding chunks');
    }
  };
}

/**
 * The answer engine as configured: embedder (neural or built-in), the index (loaded, or built on
 * first start), hybrid retrieval, the extractive answerer, and the LLM on top when configured.
 */
export async function createEngine(
  config: Config,
  logger: Logger,
  options: { thesaurus?: Thesaurus; vectorWeight?: number } = {},
): Promise<LocalEngine & Engine> {
  const thesaurus = options.thesaurus ?? buildThesaurus();
  const llm = createLlm(config.llm, logger);
  const heuristic = new HeuristicCondenser();
  const condenser = llm ? llm.condenser(heuristic) : heuristic;

  const serve = (index: LoadedIndex): ServingState => {
    const extractive = new ExtractiveAnswerer(index.bm25, thesaurus);
    return {
      index,
      retriever: new Retriever(searchIndexOf(index), index.embedder, thesaurus, {
        ...DEFAULT_RETRIEVER,
        vectorWeight: options.vectorWeight ?? index.embedder.fusionWeight ?? DEFAULT_RETRIEVER.vectorWeight,
      }),
      answerer: llm ? llm.answerer(extractive) : extractive,
    };
  };
  const buildOptions = async (): Promise<BuildOptions> => ({
    dataDir: config.dataDir,
    indexDir: config.indexDir,
    // Each build gets its own embedder: a full build refits corpus statistics.
    embedder: await createEmbedder(config.embeddings, logger),
    logger,
    workers: config.ingestWorkers,
    onProgress: progressLogger(logger),
  });

  // An incremental build, not a plain load: data files added, changed or removed since the last
  // run are picked up at start (an unchanged corpus only costs reading and hashing the files).
  const { index, warnings } = await buildIndex(await buildOptions());
  for (const w of warnings) logger.warn({ file: w.file, line: w.line }, `corpus: skipped: ${w.reason}`);
  logger.info({ articles: index.articles.length, chunks: index.chunks.size, embedder: index.embedder.id }, 'engine: ready');
  const rebuild = async () => serve((await buildIndex(await buildOptions())).index);
  return new LocalEngine(serve(index), condenser, rebuild, thesaurus);
}
