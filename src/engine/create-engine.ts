import { ExtractiveAnswerer } from '../answer/extractive.js';
import { configuredSecrets, type Config } from '../config.js';
import type { Engine } from './engine.js';
import { buildIndex, type BuildOptions } from '../index/build-index.js';
import { createEmbedder } from '../index/create-embedder.js';
import { loadIndex, type LoadedIndex } from '../index/load-index.js';
import { fileBuildLock, type BuildLock } from '../cluster/build-lock.js';
import { LocalEngine, resolveFilters, searchIndexOf, type ServingState } from './local-engine.js';
import type { Logger } from '../logger.js';
import { HeuristicCondenser } from '../conversation/follow-up.js';
import { DEFAULT_RETRIEVER, Retriever } from '../retrieval/retriever.js';
import { loadShippedThesaurus, THESAURUS_FILE } from '../retrieval/shipped-thesaurus.js';
import type { Thesaurus } from '../retrieval/thesaurus.js';
import { loadChatSpellings, type LexiconResources } from '../text/lexicon.js';
import { loadRussianDictionary, type RussianDictionary } from '../text/russian-dictionary.js';
import { createSpellingCorrector, type SpellingCorrector } from '../text/spelling.js';
import { isStopword, readsAsKazakh, stem } from '../text/analyzer.js';
import { indexVocabulary } from '../retrieval/vocabulary.js';
import { warmUp } from './warm-up.js';

/** A warm-up never holds a start longer than this, whatever the machine. */
const WARMUP_BUDGET_MS = 5_000;
/** What a warm-up question retrieves: as many passages as a question's first search. */
const WARMUP_PASSAGES = 10;

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
 * Typo correction against the index's words. Built on the first question that needs it, not at start:
 * reading the word forms of a big index takes a moment.
 */
function lazySpeller(index: LoadedIndex, chat: LexiconResources['chat'], dictionary: RussianDictionary): SpellingCorrector {
  let speller: SpellingCorrector | undefined;
  return {
    correct(text) {
      speller ??= createSpellingCorrector(
        indexVocabulary({
          size: index.chunks.size,
          labels: () => index.chunks.labels(),
          chunk: (label) => index.chunks.get(label),
          docFreq: (term) => index.bm25.docFreq(term),
        }),
        {
          chat,
          stem: (word) => stem(word),
          foreign: readsAsKazakh,
          keep: (word) => isStopword(word) || dictionary.knows(word),
          // Only a correction that helps: a question word, or a word the index holds ("воами" is not "ворами").
          dictionaryFix: (word) => {
            const fixed = dictionary.nearest(word);
            return fixed !== undefined && (isStopword(fixed) || index.bm25.docFreq(stem(fixed)) > 0) ? fixed : undefined;
          },
        },
      );
      return speller.correct(text);
    },
  };
}

// The lexicon ships with the code and does not change while the process runs, so its chat spellings
// and the thesaurus are read once per process, not once per engine: the CLI, replicas' index swaps and
// the tests create many engines.
let resourcesOnce: Promise<{ chat: LexiconResources['chat']; thesaurus: Thesaurus }> | undefined;

function shippedResources(logger: Logger): Promise<{ chat: LexiconResources['chat']; thesaurus: Thesaurus }> {
  resourcesOnce ??= Promise.all([loadChatSpellings(), loadShippedThesaurus()]).then(
    ([chat, { thesaurus, prebuilt }]) => {
      if (!prebuilt) logger.warn(`thesaurus: data/lexicon/${THESAURUS_FILE} does not match the lexicon, so it was stemmed at start (npm run thesaurus rebuilds the file)`);
      return { chat, thesaurus };
    },
    (err: unknown) => {
      resourcesOnce = undefined; // a failed read is retried by the next engine, not remembered
      throw err;
    },
  );
  return resourcesOnce;
}

/**
 * The answer engine as configured: embedder (neural or built-in), the index (loaded, or built on
 * first start), hybrid retrieval, the extractive answerer, and the LLM on top when configured.
 */
export async function createEngine(
  config: Config,
  logger: Logger,
  /** `warmUp`: the bot's start (and its index swaps) retrieve `config.warmupQuestions` questions first; the CLI's do not. */
  options: { thesaurus?: Thesaurus; vectorWeight?: number; buildLock?: BuildLock; warmUp?: boolean } = {},
): Promise<LocalEngine & Engine> {
  // Replicas share INDEX_DIR: builds (this start's incremental one included) take turns.
  const lock = options.buildLock ?? fileBuildLock(config.indexDir, logger);
  const [shipped, dictionary] = await Promise.all([shippedResources(logger), loadRussianDictionary()]);
  const thesaurus = options.thesaurus ?? shipped.thesaurus;
  // LangChain's OpenAI client costs seconds of CPU to load: only a configured LLM pays for it.
  const llm = config.llm ? (await import('./create-llm.js')).createLlm(config.llm, logger, undefined, configuredSecrets(config)) : undefined;
  const heuristic = new HeuristicCondenser();
  const condenser = llm ? llm.condenser(heuristic) : heuristic;

  const serve = async (index: LoadedIndex): Promise<ServingState> => {
    const extractive = new ExtractiveAnswerer(index.bm25, thesaurus);
    const state: ServingState = {
      index,
      retriever: new Retriever(searchIndexOf(index), index.embedder, thesaurus, {
        ...DEFAULT_RETRIEVER,
        vectorWeight: options.vectorWeight ?? index.embedder.fusionWeight ?? DEFAULT_RETRIEVER.vectorWeight,
      }),
      answerer: llm ? llm.answerer(extractive) : extractive,
      speller: lazySpeller(index, shipped.chat, dictionary),
    };
    // Before the state serves: a swapped index warms while the old one still answers.
    if (options.warmUp && config.warmupQuestions > 0) {
      const source = { size: index.chunks.size, labels: () => index.chunks.labels(), chunk: (label: number) => index.chunks.get(label) };
      const report = await warmUp(source, (q) => state.retriever.retrieve(q, resolveFilters(q, {}), WARMUP_PASSAGES), config.warmupQuestions, WARMUP_BUDGET_MS);
      logger.info({ questions: report.questions, ms: Math.round(report.ms) }, 'engine: warmed');
    }
    return state;
  };
  // The exact path's int8 copy costs memory at a million chunks: the operator may resize or turn it off.
  const hnsw = config.vectorExactLimit === undefined ? undefined : { exactSearchLimit: config.vectorExactLimit };
  const buildOptions = async (): Promise<BuildOptions> => ({
    dataDir: config.dataDir,
    maxFileBytes: config.maxFileBytes,
    indexDir: config.indexDir,
    // Each build gets its own embedder: a full build refits corpus statistics.
    embedder: await createEmbedder(config.embeddings, logger),
    logger,
    workers: config.ingestWorkers,
    hnsw,
    onProgress: progressLogger(logger),
  });

  // An incremental build, not a plain load: data files added, changed or removed since the last
  // run are picked up at start (an unchanged corpus only costs reading and hashing the files).
  const { index, warnings } = await lock.run(async () => buildIndex(await buildOptions()));
  for (const w of warnings) logger.warn({ file: w.file, line: w.line }, `corpus: skipped: ${w.reason}`);
  logger.info({ articles: index.articles.length, chunks: index.chunks.size, embedder: index.embedder.id }, 'engine: ready');
  const rebuild = async () => serve((await lock.run(async () => buildIndex(await buildOptions()))).index);
  // A generation published by another replica (or by `npm run ingest`): read with its own embedder,
  // whose corpus statistics come from that generation.
  const loadCurrent = async () => serve(await loadIndex(config.indexDir, await createEmbedder(config.embeddings, logger), { hnsw }));
  return new LocalEngine(await serve(index), condenser, rebuild, thesaurus, loadCurrent);
}
