import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Article, IngestWarning } from '../corpus/article.js';
import { loadCorpus, stampCorpus, type Corpus, type CorpusOptions, type FileStamp } from '../corpus/load-corpus.js';
import type { Logger } from '../logger.js';
import { writeDurably, writeFileAtomic } from '../shared/atomic-write.js';
import { Bm25Index } from './bm25.js';
import { indexedText, type Chunk } from './chunk.js';
import { ChunkStore } from './chunk-store.js';
import { chunkArticles } from './chunker.js';
import { evenSample, FIT_SAMPLE } from './builtin-embedder.js';
import type { Embedder } from './embedder.js';
import { createGeneration, digestFile, publishGeneration } from './generations.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import { DEFAULT_HNSW, hnswOptionsFor, type HnswOptions } from './hnsw-options.js';
import { vectorFormOf } from './vector-files.js';
import { ParallelGraphBuilder } from './parallel-graph.js';
import { createPassageEncoder, type EncodedBatch } from './passage-encoder.js';
import {
  BM25_FILE,
  EMBEDDER_STATE_FILE,
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
 * Below this many new chunks, embedding runs in this thread: a worker costs about a second of CPU to
 * start (it loads the analyzer and the embedder), more than the seed corpus takes to embed.
 */
const MIN_CHUNKS_FOR_WORKERS = 2_000;

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
  const { indexDir, embedder, logger } = options;
  const sources = options.sources ?? { loadCorpus, chunkArticles, stampCorpus };
  const previous = await loadPrevious(options);
  const seconds = () => Math.round((performance.now() - started) / 10) / 100;

  // A start with nothing changed must not read and parse a 1M-chunk corpus just to find that out.
  if (previous && sources.stampCorpus && sameStamps(previous.manifest, await sources.stampCorpus(options.dataDir))) {
    const { counts } = previous.manifest;
    logger.info({ chunks: counts.chunks }, `index: up to date (${counts.chunks} chunks; data files unchanged)`);
    const result = { ...counts, added: 0, removed: 0, reused: counts.chunks };
    return { mode: 'unchanged', counts: result, warnings: [], seconds: seconds(), index: previous };
  }

  const corpus = await sources.loadCorpus(options.dataDir, { maxFileBytes: options.maxFileBytes });
  const totals = { files: corpus.files.length, articles: corpus.articles.length };

  if (previous && !corpusChanged(previous.manifest, corpus)) {
    // Same content under new stamps (a touched file, a skipped one added): record them, or every
    // later start would read the whole corpus again.
    if (!sameStamps(previous.manifest, corpusStamps(corpus))) await refreshStamps(previous, corpus);
    const chunks = previous.chunks.size;
    logger.info({ chunks }, `index: up to date (${chunks} chunks)`);
    const counts = { ...totals, chunks, added: 0, removed: 0, reused: chunks };
    return { mode: 'unchanged', counts, warnings: corpus.warnings, seconds: seconds(), index: previous };
  }

  const plan = planUpdate(previous, corpus, sources.chunkArticles);
  const chunks = previous?.chunks ?? new ChunkStore();
  const bm25 = previous?.bm25 ?? new Bm25Index();
  const workers = plan.add.length >= MIN_CHUNKS_FOR_WORKERS ? (options.workers ?? 0) : 0;
  // Without a graph while every search of the planned index will be exact (the flat form, see HnswVectorStore).
  let vectors = previous?.vectors ?? HnswVectorStore.create(embedder.dimension, hnswOptionsFor(embedder, options.hnsw), plan.add.length);
  const flat = vectors instanceof HnswVectorStore && vectors.form === 'flat';
  // A full build with worker threads grows the graph (if any) as shards in threads of their own; an update adds
  // to the loaded graph (its smallest shard) in this thread.
  const shards = !previous && workers > 0 && !flat ? Math.max(1, options.graphShards ?? DEFAULT_GRAPH_SHARDS) : 1;
  const graph = shards > 1 ? ParallelGraphBuilder.start(embedder.dimension, { ...DEFAULT_HNSW, ...options.hnsw }, shards, plan.add.length) : undefined;

  for (const label of plan.remove) {
    vectors.markDeleted(label);
    chunks.remove(label);
  }
  bm25.remove(plan.remove);
  for (const [label, chunk] of plan.refresh) chunks.replace(label, chunk);

  let nextLabel = previous?.manifest.nextLabel ?? 0;
  const batchSize = options.batchSize ?? (workers > 0 ? WORKER_BATCH : DEFAULT_BATCH);
  const encoder = createPassageEncoder(embedder, workers);
  try {
    // Only the sample the fit reads is turned into texts: at 1M chunks all of them would be a second copy of the corpus.
    if (!previous) await encoder.fit(evenSample(plan.add, FIT_SAMPLE).map(indexedText));
    // Batches are encoded ahead (in workers, when there are any) while this thread inserts the earlier ones, in order.
    const ahead: Array<Promise<EncodedBatch>> = [];
    let submitted = 0;
    const submit = () => {
      if (submitted >= plan.add.length) return;
      ahead.push(encoder.encode(plan.add.slice(submitted, submitted + batchSize).map(indexedText)));
      submitted += batchSize;
    };
    for (let i = 0; i < Math.max(1, workers * AHEAD_PER_WORKER); i++) submit();
    for (let start = 0; start < plan.add.length; start += batchSize) {
      const batch = plan.add.slice(start, start + batchSize);
      const next = ahead.shift();
      if (!next) throw new Error('index: encoder queue ran dry (a bug)');
      const encoded = await next;
      submit();
      if (encoded.vectors.length !== batch.length) {
        throw new Error(`index: embedder ${embedder.id} returned ${encoded.vectors.length} vectors for ${batch.length} passages`);
      }
      const labels = batch.map(() => nextLabel++);
      if (graph) await graph.add(labels, encoded.vectors);
      else vectors.add(labels, encoded.vectors);
      batch.forEach((chunk, i) => {
        chunks.add(itemAt(labels, i), chunk);
        bm25.add(itemAt(labels, i), itemAt(encoded.terms, i));
      });
      options.onProgress?.(start + batch.length, plan.add.length);
    }
  } catch (err) {
    await graph?.close();
    throw err;
  } finally {
    await encoder.close();
  }

  const description = describeIndex(corpus, chunks, embedder, nextLabel);
  let written: Awaited<ReturnType<typeof writeGeneration>>;
  try {
    written = await writeGeneration(indexDir, { chunks, vectors: graph ?? vectors, bm25, embedder }, description);
  } finally {
    await graph?.close();
  }
  const { dir, manifest, saved } = written;
  // The shards were grown and written by the graph workers: the served store reads them back.
  if (graph) vectors = await HnswVectorStore.load(dir, embedder.dimension, hnswOptionsFor(embedder, options.hnsw));
  // The build's store holds every added chunk in memory; the saved one reads them from disk.
  chunks.close();
  const counts = { ...totals, chunks: saved.size, added: plan.add.length, removed: plan.remove.length, reused: plan.reused };
  const mode = previous ? 'incremental' : 'full';
  const index: LoadedIndex = { dir, manifest, embedder, chunks: saved, vectors, bm25, articles: saved.articles() };
  const elapsed = seconds();
  logger.info(
    { ...counts, mode, seconds: elapsed },
    `index: ${mode} build: ${counts.chunks} chunks (${counts.added} embedded, ${counts.reused} reused, ${counts.removed} removed) in ${elapsed} s`,
  );
  return { mode, counts, warnings: corpus.warnings, seconds: elapsed, index };
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
function changedFiles(manifest: IndexManifest | undefined, corpus: Corpus): Set<string> {
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

function corpusStamps(corpus: Corpus): FileStamp[] {
  return [...corpus.files.map(({ file, size, mtimeMs }) => ({ file, size, mtimeMs })), ...corpus.skipped];
}

function skippedStamps(corpus: Corpus): IndexManifest['skipped'] {
  return Object.fromEntries(corpus.skipped.map(({ file, size, mtimeMs }) => [file, { size, mtimeMs }]));
}

/**
 * Rewrites the live generation's manifest with the corpus' current stamps. Only stamps change (the
 * content hashes matched), and the manifest is replaced atomically, so a concurrent reader sees either.
 */
async function refreshStamps(previous: LoadedIndex, corpus: Corpus): Promise<void> {
  const files = { ...previous.manifest.files };
  for (const f of corpus.files) {
    const stamp = files[f.file];
    if (stamp) files[f.file] = { ...stamp, size: f.size, mtimeMs: f.mtimeMs };
  }
  const manifest: IndexManifest = { ...previous.manifest, files, skipped: skippedStamps(corpus) };
  await writeFileAtomic(path.join(previous.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  previous.manifest = manifest;
}

function corpusChanged(manifest: IndexManifest, corpus: Corpus): boolean {
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

function describeIndex(corpus: Corpus, chunks: ChunkStore, embedder: Embedder, nextLabel: number): Omit<IndexManifest, 'contents'> {
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
    counts: { files: corpus.files.length, articles: corpus.articles.length, chunks: chunks.size },
    nextLabel,
    builtAt: new Date().toISOString(),
  };
}

type IndexParts = Pick<LoadedIndex, 'chunks' | 'bm25' | 'embedder'> & { vectors: Pick<LoadedIndex['vectors'], 'save'> };

/**
 * Writes a new generation (manifest last, with every file's checksum) and makes it current.
 * Returns the chunk store read back from it.
 */
export async function writeGeneration(
  indexDir: string,
  parts: IndexParts,
  description: Omit<IndexManifest, 'contents'>,
  options: { skipChunks?: ReadonlySet<number> } = {},
): Promise<{ dir: string; manifest: IndexManifest; saved: ChunkStore }> {
  const dir = await createGeneration(indexDir);
  let manifest: IndexManifest;
  let saved: ChunkStore;
  try {
    const names = await parts.vectors.save(dir);
    const vectorForm = vectorFormOf(names);
    await parts.bm25.save(path.join(dir, BM25_FILE));
    names.push(BM25_FILE, ...(await parts.chunks.save(dir, options.skipChunks)));
    const state = parts.embedder.exportState?.();
    if (state) {
      await writeDurably(path.join(dir, EMBEDDER_STATE_FILE), state);
      names.push(EMBEDDER_STATE_FILE);
    }
    const contents = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await digestFile(path.join(dir, n))] as const)));
    manifest = { ...description, vectorForm, contents };
    await writeDurably(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    saved = await ChunkStore.load(dir);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  await publishGeneration(indexDir, dir);
  return { dir, manifest, saved };
}
