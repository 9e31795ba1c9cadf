import path from 'node:path';
import type { Article, IngestWarning } from '../corpus/article.js';
import { loadCorpus, readCorpus, stampCorpus, type Corpus, type CorpusOptions, type CorpusSummary, type FileStamp } from '../corpus/load-corpus.js';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../shared/atomic-write.js';
import { Bm25Index } from './bm25.js';
import { indexedText, type Chunk } from './chunk.js';
import { ChunkStore } from './chunk-store.js';
import { chunkArticles } from './chunker.js';
import { discard, pendingFromArray, spoolCorpus, SpoolProgress, type PendingChunks, type Spool } from './build-spool.js';
import { IngestPipeline, MIN_CHUNKS_FOR_WORKERS, type PipelineResult } from './ingest-pipeline.js';
import type { Embedder } from './embedder.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import { hnswOptionsFor, type HnswOptions } from './hnsw-options.js';
import { writeGeneration } from './write-generation.js';
import { createPassageEncoder, type EncodedBatch } from './passage-encoder.js';
import {
  BM25_FILE,
  IndexError,
  loadIndex,
  type LoadedIndex,
} from './load-index.js';
import { corpusHash, FORMAT_VERSION, MANIFEST_FILE, PIPELINE, type IndexManifest } from './manifest.js';
import { itemAt } from '../shared/arrays.js';

export interface BuildOptions {
  dataDir: string;
  indexDir: string;
  /** Fitted (full build) or given the saved state (incremental): use a fresh instance for a background rebuild. */
  embedder: Embedder;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
  /** Rebuild from scratch even when the current index could be updated. */
  force?: boolean;
  /** Passages per embedding call (default 32 in this thread, 256 per worker message). */
  batchSize?: number;
  /**
   * Worker threads that analyse and embed while this thread inserts into the indexes (built-in
   * embedder only; 0 = all in this thread, the default). See passage-encoder.ts.
   */
  workers?: number;
  /**
   * HNSW graph shards grown in parallel worker threads in a full build that uses encode workers
   * (default 1: one graph in this thread). See parallel-graph.ts and DEFAULT_GRAPH_SHARDS.
   */
  graphShards?: number;
  hnsw?: Partial<HnswOptions>;
  /** Data files over this size are skipped with a warning (config MAX_FILE_MB). */
  maxFileBytes?: number;
  /** Corpus reading and chunking; the real modules unless a test hands in its own. */
  sources?: CorpusSources;
}

export interface CorpusSources {
  loadCorpus(dataDir: string, options?: CorpusOptions): Promise<Corpus>;
  /** The same corpus file by file (a full build streams it, see build-spool.ts); `loadCorpus` at once without it. */
  readCorpus?(dataDir: string, options: CorpusOptions, each: (articles: Article[], file: string) => void | Promise<void>): Promise<CorpusSummary>;
  chunkArticles(articles: Article[]): Chunk[];
  /** Size and mtime of the data files; when they all match the manifest the corpus is not read at all. */
  stampCorpus?(dataDir: string): Promise<FileStamp[]>;
}

export interface BuildCounts {
  files: number;
  articles: number;
  chunks: number;
  /** Chunks embedded in this build. */
  added: number;
  removed: number;
  /** Chunks whose vectors came from the previous index. */
  reused: number;
}

export interface BuildResult {
  /** `unchanged`: the data matched the index, nothing was written. */
  mode: 'full' | 'incremental' | 'unchanged';
  counts: BuildCounts;
  warnings: IngestWarning[];
  seconds: number;
  index: LoadedIndex;
}

const DEFAULT_BATCH = 32;
const WORKER_BATCH = 256;
/** Batches handed to each worker ahead of the one being inserted. */
const AHEAD_PER_WORKER = 2;

/**
 * One graph by default. Two shards in two threads were measured at 100k on the shared 2-core box
 * (bench/README.md, "Graph shards"): 11% less CPU and a better recall at the same query cost, but no
 * clear gain in wall time with the other sessions' load (665 s vs 415 s, back to back at load 6-11), so
 * they stay opt-in (BuildOptions.graphShards, `ingest-profile --shards 2`) until an idle machine shows it.
 */
export const DEFAULT_GRAPH_SHARDS = 1;

/**
 * Brings the index in line with the data directory and publishes it as a new generation.
 * Incremental when the current index fits the embedder: chunks of unchanged files are kept with
 * their vectors, only chunks with unseen ids are embedded, chunks no longer in the corpus go.
 * The index in use elsewhere is never touched: the previous generation is re-read from disk.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { logger } = options;
  const sources = options.sources ?? { loadCorpus, readCorpus, chunkArticles, stampCorpus };
  const previous = await loadPrevious(options);
  const seconds = () => Math.round((performance.now() - started) / 10) / 100;

  // A start with nothing changed must not read and parse a 1M-chunk corpus just to find that out.
  if (previous && sources.stampCorpus && sameStamps(previous.manifest, await sources.stampCorpus(options.dataDir))) {
    const { counts } = previous.manifest;
    logger.info({ chunks: counts.chunks }, `index: up to date (${counts.chunks} chunks; data files unchanged)`);
    const result = { ...counts, added: 0, removed: 0, reused: counts.chunks };
    return { mode: 'unchanged', counts: result, warnings: [], seconds: seconds(), index: previous };
  }

  if (!previous) return fullBuild(options, sources, seconds);
  // An update diffs the whole corpus against the index, and embeds only its new chunks, held in memory.
  const { articles, ...summary } = await sources.loadCorpus(options.dataDir, { maxFileBytes: options.maxFileBytes });
  const corpus: CorpusSummary = { ...summary, articleCount: articles.length };
  if (!corpusChanged(previous.manifest, corpus)) {
    // Same content under new stamps (a touched file, a skipped one added): record them, or every
    // later start would read the whole corpus again.
    if (!sameStamps(previous.manifest, corpusStamps(corpus))) await refreshStamps(previous, corpus);
    const chunks = previous.chunks.size;
    logger.info({ chunks }, `index: up to date (${chunks} chunks)`);
    const counts = { files: corpus.files.length, articles: corpus.articleCount, chunks, added: 0, removed: 0, reused: chunks };
    return { mode: 'unchanged', counts, warnings: corpus.warnings, seconds: seconds(), index: previous };
  }
  const plan = planUpdate(previous, { ...corpus, articles }, sources.chunkArticles);
  return updateIndex(options, { previous, corpus, plan, pending: pendingFromArray(plan.add), seconds });
}

/**
 * A full build in one pass (build-spool.ts, ingest-pipeline.ts): the corpus is read a file at a time and its
 * chunks spooled to a scratch store, and each chunk goes at once to the encode workers, whose vectors and terms
 * this thread puts into the vector store and BM25 between groups of articles.
 */
async function fullBuild(options: BuildOptions, sources: CorpusSources, seconds: () => number): Promise<BuildResult> {
  const { indexDir, embedder } = options;
  const progress = new SpoolProgress(sources.stampCorpus ? await sources.stampCorpus(options.dataDir) : []);
  const pipeline = new IngestPipeline({
    embedder,
    workers: options.workers ?? 0,
    batchSize: options.batchSize,
    hnsw: options.hnsw,
    graphShards: Math.max(1, options.graphShards ?? DEFAULT_GRAPH_SHARDS),
    estimate: () => progress.estimate(),
    onProgress: options.onProgress,
  });
  let spool: Spool | undefined;
  let built: PipelineResult;
  try {
    spool = await spoolCorpus(options.dataDir, indexDir, sources, { maxFileBytes: options.maxFileBytes }, { chunk: (c) => pipeline.push(indexedText(c)), drain: () => pipeline.drain() }, progress);
    built = await pipeline.finish();
  } catch (err) {
    await pipeline.close(true);
    if (spool) await discard(spool);
    throw err;
  }
  try {
    await pipeline.close();
    const { corpus, store } = spool;
    const added = built.count;
    const description = describeIndex(corpus, store, embedder, added);
    let written: Awaited<ReturnType<typeof writeGeneration>>;
    try {
      written = await writeGeneration(indexDir, { chunks: store, vectors: built.graph ?? built.vectors, bm25: built.bm25, embedder }, description);
    } finally {
      await built.graph?.close();
    }
    const { dir, manifest, saved } = written;
    // The builder's pool is freed before the file is read back: the two would overlap at the build's peak.
    await built.bm25.release();
    const served = await Bm25Index.load(path.join(dir, BM25_FILE));
    let vectors = built.vectors;
    // The shards were grown and written by the graph workers: the served store reads them back.
    if (built.graph) vectors = await HnswVectorStore.load(dir, embedder.dimension, hnswOptionsFor(embedder, options.hnsw));
    // A full build's graph store has no int8 copy yet: filled from the saved graph in the background, as a load does.
    else vectors.attachCopy(dir);
    const counts = { files: corpus.files.length, articles: corpus.articleCount, chunks: saved.size, added, removed: 0, reused: 0 };
    const index: LoadedIndex = { dir, manifest, embedder, chunks: saved, vectors, bm25: served, articles: saved.articles() };
    return finished(options, 'full', counts, corpus.warnings, seconds, index);
  } finally {
    await discard(spool);
  }
}

function finished(options: BuildOptions, mode: 'full' | 'incremental', counts: BuildCounts, warnings: IngestWarning[], seconds: () => number, index: LoadedIndex): BuildResult {
  const elapsed = seconds();
  options.logger.info(
    { ...counts, mode, seconds: elapsed },
    `index: ${mode} build: ${counts.chunks} chunks (${counts.added} embedded, ${counts.reused} reused, ${counts.removed} removed) in ${elapsed} s`,
  );
  return { mode, counts, warnings, seconds: elapsed, index };
}

interface Update {
  previous: LoadedIndex;
  corpus: CorpusSummary;
  plan: Plan;
  pending: PendingChunks;
  seconds: () => number;
}

/** Embeds and indexes an update's new chunks into the previous index, applies the plan's removals, and publishes the generation. */
async function updateIndex(options: BuildOptions, { previous, corpus, plan, pending, seconds }: Update): Promise<BuildResult> {
  const { indexDir, embedder } = options;
  const { chunks, bm25, vectors } = previous;
  const workers = pending.count >= MIN_CHUNKS_FOR_WORKERS ? (options.workers ?? 0) : 0;

  for (const label of plan.remove) {
    vectors.markDeleted(label);
    chunks.remove(label);
  }
  bm25.remove(plan.remove);
  for (const [label, chunk] of plan.refresh) chunks.replace(label, chunk);

  let nextLabel = previous.manifest.nextLabel;
  const batchSize = options.batchSize ?? (workers > 0 ? WORKER_BATCH : DEFAULT_BATCH);
  const encoder = createPassageEncoder(embedder, workers);
  try {
    // Batches are encoded ahead (in workers, when there are any) while this thread inserts the earlier ones, in order.
    const ahead: Array<{ batch: Chunk[]; encoded: Promise<EncodedBatch> }> = [];
    const submit = () => {
      const batch = pending.take(batchSize);
      if (batch.length > 0) ahead.push({ batch, encoded: encoder.encode(batch.map(indexedText)) });
    };
    for (let i = 0; i < Math.max(1, workers * AHEAD_PER_WORKER); i++) submit();
    for (let done = 0; done < pending.count; ) {
      const next = ahead.shift();
      if (!next) throw new Error('index: encoder queue ran dry (a bug)');
      const { batch } = next;
      const encoded = await next.encoded;
      submit();
      if (encoded.vectors.length !== batch.length) {
        throw new Error(`index: embedder ${embedder.id} returned ${encoded.vectors.length} vectors for ${batch.length} passages`);
      }
      const labels = batch.map(() => nextLabel++);
      vectors.add(labels, encoded.vectors);
      batch.forEach((chunk, i) => {
        chunks.add(itemAt(labels, i), chunk);
        bm25.add(itemAt(labels, i), itemAt(encoded.terms, i));
      });
      done += batch.length;
      options.onProgress?.(done, pending.count);
    }
  } finally {
    await encoder.close();
  }

  const description = describeIndex(corpus, chunks, embedder, nextLabel);
  const { dir, manifest, saved } = await writeGeneration(indexDir, { chunks, vectors, bm25, embedder }, description);
  // The build's store holds every added chunk in memory; the saved one reads them from disk.
  chunks.close();
  const counts = { files: corpus.files.length, articles: corpus.articleCount, chunks: saved.size, added: pending.count, removed: plan.remove.length, reused: plan.reused };
  const index: LoadedIndex = { dir, manifest, embedder, chunks: saved, vectors, bm25, articles: saved.articles() };
  return finished(options, 'incremental', counts, corpus.warnings, seconds, index);
}

/** The current index if it can be updated; otherwise logs (once) why the build starts from scratch. */
async function loadPrevious(options: BuildOptions): Promise<LoadedIndex | undefined> {
  if (options.force) {
    options.logger.info({ reason: 'forced' }, 'index: rebuilding: full rebuild requested');
    return undefined;
  }
  try {
    return await loadIndex(options.indexDir, options.embedder, { hnsw: options.hnsw });
  } catch (err) {
    if (!(err instanceof IndexError)) throw err;
    if (err.kind === 'missing') options.logger.info({ reason: err.reason }, `index: building: ${err.reason}`);
    else options.logger.warn({ reason: err.reason }, `index: rebuilding: ${err.reason}`);
    return undefined;
  }
}

/** A file is unchanged when its bytes and its article count (duplicates depend on other files) are. */
function changedFiles(manifest: IndexManifest | undefined, corpus: Pick<Corpus, 'files'>): Set<string> {
  return new Set(
    corpus.files
      .filter((f) => {
        const known = manifest?.files[f.file];
        return !known || known.hash !== f.hash || known.articles !== f.articles;
      })
      .map((f) => f.file),
  );
}

/** Same entry names (read or skipped) with the same size and mtime as when the index was built. */
export function sameStamps(manifest: IndexManifest, stamps: readonly FileStamp[]): boolean {
  const known = Object.keys(manifest.files).length + Object.keys(manifest.skipped).length;
  return (
    known === stamps.length &&
    stamps.every((s) => {
      const entry = manifest.files[s.file] ?? manifest.skipped[s.file];
      return entry !== undefined && entry.size === s.size && entry.mtimeMs === s.mtimeMs;
    })
  );
}

function corpusStamps(corpus: Pick<Corpus, 'files' | 'skipped'>): FileStamp[] {
  return [...corpus.files.map(({ file, size, mtimeMs }) => ({ file, size, mtimeMs })), ...corpus.skipped];
}

function skippedStamps(corpus: Pick<Corpus, 'skipped'>): IndexManifest['skipped'] {
  return Object.fromEntries(corpus.skipped.map(({ file, size, mtimeMs }) => [file, { size, mtimeMs }]));
}

/**
 * Rewrites the live generation's manifest with the corpus' current stamps. Only stamps change (the
 * content hashes matched), and the manifest is replaced atomically, so a concurrent reader sees either.
 */
async function refreshStamps(previous: LoadedIndex, corpus: Pick<Corpus, 'files' | 'skipped'>): Promise<void> {
  const files = { ...previous.manifest.files };
  for (const f of corpus.files) {
    const stamp = files[f.file];
    if (stamp) files[f.file] = { ...stamp, size: f.size, mtimeMs: f.mtimeMs };
  }
  const manifest: IndexManifest = { ...previous.manifest, files, skipped: skippedStamps(corpus) };
  await writeFileAtomic(path.join(previous.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  previous.manifest = manifest;
}

function corpusChanged(manifest: IndexManifest, corpus: Pick<Corpus, 'files'>): boolean {
  return changedFiles(manifest, corpus).size > 0 || Object.keys(manifest.files).length !== corpus.files.length;
}

interface Plan {
  /** Chunks to embed and index, in corpus order. */
  add: Chunk[];
  /** Labels whose chunks left the corpus. */
  remove: number[];
  /** Kept labels whose chunk came from a re-read file: same id and text, metadata may be new. */
  refresh: Array<[number, Chunk]>;
  reused: number;
}

/**
 * Pure diff between the previous index and the corpus, by file hash, then by chunk id. Stored chunks
 * are compared by id and file alone: only the changed files' chunks are ever materialised.
 */
export function planUpdate(previous: Pick<LoadedIndex, 'manifest' | 'chunks'> | undefined, corpus: Corpus, chunker: CorpusSources['chunkArticles']): Plan {
  const changed = changedFiles(previous?.manifest, corpus);
  const present = new Set(corpus.files.map((f) => f.file));
  const fresh = new Map<string, Chunk>();
  for (const chunk of chunker(corpus.articles.filter((a) => changed.has(a.file)))) {
    if (!fresh.has(chunk.id)) fresh.set(chunk.id, chunk);
  }
  const plan: Plan = { add: [], remove: [], refresh: [], reused: 0 };
  for (const { label, id, file } of previous?.chunks.refs() ?? []) {
    if (present.has(file) && !changed.has(file)) {
      plan.reused += 1;
      continue;
    }
    // A chunk of a changed or deleted file stays when the re-read corpus still has it (maybe elsewhere).
    const next = fresh.get(id);
    if (next) {
      plan.refresh.push([label, next]);
      plan.reused += 1;
    } else {
      plan.remove.push(label);
    }
  }
  for (const chunk of fresh.values()) {
    if (previous?.chunks.labelOf(chunk.id) === undefined) plan.add.push(chunk);
  }
  return plan;
}

function describeIndex(corpus: CorpusSummary, chunks: ChunkStore, embedder: Embedder, nextLabel: number): Omit<IndexManifest, 'contents'> {
  const perFile = new Map<string, number>();
  for (const { file } of chunks.refs()) perFile.set(file, (perFile.get(file) ?? 0) + 1);
  return {
    formatVersion: FORMAT_VERSION,
    pipeline: PIPELINE,
    embedder: { id: embedder.id, dimension: embedder.dimension },
    corpusHash: corpusHash(corpus.files),
    files: Object.fromEntries(
      corpus.files.map((f) => [f.file, { hash: f.hash, articles: f.articles, chunks: perFile.get(f.file) ?? 0, size: f.size, mtimeMs: f.mtimeMs }]),
    ),
    skipped: skippedStamps(corpus),
    counts: { files: corpus.files.length, articles: corpus.articleCount, chunks: chunks.size },
    nextLabel,
    builtAt: new Date().toISOString(),
  };
}
