import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { loadConfig, type Config } from '../src/config.js';
import { createEngine } from '../src/engine/create-engine.js';
import { buildIndex } from '../src/index/build-index.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { createEmbedder } from '../src/index/create-embedder.js';
import { readCurrent } from '../src/index/generations.js';
import { HnswVectorStore } from '../src/index/hnsw-vector-store.js';
import { DEFAULT_HNSW, efFor, hnswOptionsFor } from '../src/index/hnsw-options.js';
import { shardFiles, type VectorForm } from '../src/index/vector-files.js';
import { ChunkStore } from '../src/index/chunk-store.js';
import { indexedText } from '../src/index/chunk.js';
import { MANIFEST_FILE, parseManifest } from '../src/index/manifest.js';
import { EMBEDDER_STATE_FILE, loadIndex } from '../src/index/load-index.js';
import { resolveFilters } from '../src/engine/local-engine.js';
import { createLogger } from '../src/logger.js';
import { devsetTargets, type DevTarget } from './dev-targets.js';
import { mean, quantile, recallAtK } from './metrics.js';

/**
 * One phase of the scale benchmark for one corpus size, in its own process so that its RSS
 * high-water mark (process.resourceUsage().maxRSS) belongs to that phase alone:
 *   build: full index build from the data dir (ingest throughput, build time, size on disk, peak RSS);
 *   serve: load the index as the bot does, then retrieval and ask latency, peak RSS, and afterwards
 *          (outside the RSS figure) HNSW recall@10 against exact search over the stored vectors.
 * Writes its result as JSON to --out.
 */

export interface BuildReport {
  chunks: number;
  articles: number;
  files: number;
  seconds: number;
  chunksPerSecond: number;
  /** Reading, parsing, chunking and fitting the embedder, before the first batch is embedded. */
  prepareSeconds: number;
  /** Embedding + BM25 + HNSW insertion of all chunks. */
  indexSeconds: number;
  /** Saving the generation (HNSW, BM25, chunks, checksums). */
  writeSeconds: number;
  diskBytes: number;
  diskFiles: Record<string, number>;
  peakRssBytes: number;
  /** Distinct BM25 terms and the longest posting list (documents of the most common term). */
  vocabulary?: number;
  longestPostingList?: number;
  /** Worker threads that embedded beside the inserting thread. */
  workers?: number;
  /** CPU time of the build process, all threads (user + system): less sensitive than wall time to other load. */
  cpuSeconds?: number;
}

export interface RecallAtEf {
  efSearch: number;
  recallAt10: number;
  /** Pure vector search latency at this ef (hnswlib call only). */
  p50Ms: number;
  p95Ms: number;
}

export interface ServeReport {
  chunks: number;
  /** createEngine as the bot starts: reads and hashes the data files, checks them against the index, loads it. */
  loadSeconds: number;
  /** loadIndex alone (checksums, HNSW, BM25, chunk store), timed after the RSS figure was taken. */
  indexLoadSeconds: number;
  queries: number;
  retrieveMs: { p50: number; p95: number; p99: number; mean: number };
  /** CPU time of the same retrieves (process.cpuUsage): what the code costs, without the other processes' load. */
  retrieveCpuMs?: { p50: number; p95: number; p99: number; mean: number };
  askMs: { p50: number; p95: number; mean: number };
  /** RSS high-water mark after loading and serving every query (before the recall check). */
  peakRssBytes: number;
  heapUsedBytes: number;
  /** shards: graph shards in the index (grown in parallel by a full build with workers); each is searched at efSearch. 0: no graph (the flat form). */
  hnsw: { m: number; efConstruction: number; efSearch: number; shards?: number };
  /** Answerable dev questions whose seed article (copied into the corpus) is in the hybrid top 5, as `ask` retrieves. */
  hit5?: number;
  recall: {
    sample: number;
    k: number;
    exactMs: number;
    byEf: RecallAtEf[];
    /**
     * The vector search as served (the built-in embedder's store: exact over the int8 copy while the index is
     * within VECTOR_EXACT_LIMIT's default, else the graph at the served ef); CPU ms per search.
     */
    served?: { exact: boolean; mode?: 'exact' | 'prefilter' | 'graph'; recallAt10: number; cpuP50Ms: number; cpuP95Ms: number };
  };
}

const K = 10;
const WARMUP = 10;
/** Progress lines on stderr during a build, so a long (1M) run shows it is alive. */
const PROGRESS_EVERY_MS = 30_000;

function benchConfig(dataDir: string, indexDir: string): Config {
  // WARMUP_QUESTIONS from the environment, as the bot reads it (0: the serve phase times a cold start).
  return loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir, EMBEDDINGS: 'builtin', LOG_LEVEL: 'warn', ...(process.env.WARMUP_QUESTIONS ? { WARMUP_QUESTIONS: process.env.WARMUP_QUESTIONS } : {}) });
}

async function directoryBytes(dir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const name of await readdir(dir)) sizes[name] = (await stat(path.join(dir, name))).size;
  return sizes;
}

export async function runBuild(dataDir: string, indexDir: string): Promise<BuildReport> {
  const config = benchConfig(dataDir, indexDir);
  const logger = createLogger('warn');
  const embedder = await createEmbedder(config.embeddings, logger);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let firstBatch: number | undefined;
  let lastBatch = started;
  let lastReport = started;
  const result = await buildIndex({
    dataDir,
    indexDir,
    embedder,
    logger,
    force: true,
    workers: config.ingestWorkers,
    onProgress: (done, total) => {
      lastBatch = performance.now();
      firstBatch ??= lastBatch;
      if (lastBatch - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = lastBatch;
        process.stderr.write(`scale-worker: indexed ${done}/${total} chunks after ${Math.round((lastBatch - started) / 1000)} s\n`);
      }
    },
  });
  const ended = performance.now();
  const diskFiles = await directoryBytes(result.index.dir);
  const lexicon = result.index.bm25.stats();
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (ended - started) / 1000;
  return {
    chunks: result.counts.chunks,
    articles: result.counts.articles,
    files: result.counts.files,
    seconds,
    chunksPerSecond: result.counts.chunks / seconds,
    prepareSeconds: ((firstBatch ?? started) - started) / 1000,
    indexSeconds: (lastBatch - (firstBatch ?? started)) / 1000,
    writeSeconds: (ended - lastBatch) / 1000,
    diskBytes: Object.values(diskFiles).reduce((s, b) => s + b, 0),
    diskFiles,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    vocabulary: lexicon.terms,
    longestPostingList: lexicon.longestList,
    workers: config.ingestWorkers,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** Wall and CPU milliseconds per query, after a warm-up. */
async function timeEach(queries: readonly string[], run: (q: string) => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  for (const q of queries.slice(0, WARMUP)) await run(q);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run(q);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const summary = (times: number[]) => ({ p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), mean: mean(times) });

export async function runServe(dataDir: string, indexDir: string, queries: readonly string[], recallSample: number, efValues: readonly number[], targets: readonly DevTarget[]): Promise<ServeReport> {
  const config = benchConfig(dataDir, indexDir);
  const generation = await readCurrent(config.indexDir);
  const t0 = performance.now();
  // As the bot starts (run-bot.ts): warmed by questions made from the index's passages, part of the start-up time.
  const engine = await createEngine(config, createLogger('warn'), { warmUp: true });
  const loadSeconds = (performance.now() - t0) / 1000;
  // Startup updates the index when the data differ from it; a rebuild here would time a build, not a load.
  const after = await readCurrent(config.indexDir);
  if (after !== generation) throw new Error(`scale-worker: startup rebuilt the index in ${config.indexDir} (${generation} → ${after}); the build phase's index was not usable`);

  const retrieveTimes = await timeEach(queries, (q) => engine.retrieve(q, resolveFilters(q, {}), K));
  // A generated question may be unusable (checkQuestion); the time to say so is still the ask's time.
  const askTimes = (await timeEach(queries, (q) => engine.ask(q).catch(() => undefined))).wall;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const heapUsedBytes = process.memoryUsage().heapUsed;
  let found = 0;
  for (const t of targets) {
    const passages = await engine.retrieve(t.question, resolveFilters(t.question, {}), K);
    if (passages.slice(0, 5).some((p) => p.chunk.articleId === t.articleId)) found += 1;
  }

  const t1 = performance.now();
  const { chunks } = await loadIndex(config.indexDir, new BuiltinEmbedder());
  const indexLoadSeconds = (performance.now() - t1) / 1000;
  if (chunks.size !== engine.stats().chunks) throw new Error(`scale-worker: loadIndex saw ${chunks.size} chunks, the engine ${engine.stats().chunks}`);

  // The ef the store uses at this size (per shard, for a shard's size) is always among the measured ones.
  // A flat index (no graph: every search is exact) has no shards and no ef to measure.
  const form = await vectorFormIn(path.join(config.indexDir, after ?? ''));
  const shards = form === 'flat' ? 0 : (await shardFiles(path.join(config.indexDir, after ?? ''))).length;
  const served = efFor(Math.ceil(engine.stats().chunks / Math.max(1, shards)), DEFAULT_HNSW);
  const recall = await measureRecall(config.indexDir, queries.slice(0, recallSample), form === 'flat' ? [] : [...new Set([served, ...efValues])].sort((a, b) => a - b));
  return {
    chunks: engine.stats().chunks,
    loadSeconds,
    indexLoadSeconds,
    queries: queries.length,
    retrieveMs: summary(retrieveTimes.wall),
    retrieveCpuMs: summary(retrieveTimes.cpu),
    askMs: { p50: quantile(askTimes, 0.5), p95: quantile(askTimes, 0.95), mean: mean(askTimes) },
    peakRssBytes,
    heapUsedBytes,
    hit5: targets.length > 0 ? found / targets.length : undefined,
    hnsw: { m: DEFAULT_HNSW.m, efConstruction: DEFAULT_HNSW.efConstruction, efSearch: served, shards },
    recall,
  };
}

/**
 * HNSW recall@10 of the index's own file against brute force over the vectors stored in it
 * (hnswlib's cosine space keeps them normalized, so a dot product is the exact similarity).
 * Query vectors come from a built-in embedder with the index's saved statistics, as at serving.
 */
async function measureRecall(indexDir: string, queries: readonly string[], efValues: readonly number[]): Promise<ServeReport['recall']> {
  const generation = await readCurrent(indexDir);
  if (generation === null) throw new Error(`scale-worker: no index in ${indexDir}`);
  const dir = path.join(indexDir, generation);
  const embedder = new BuiltinEmbedder();
  embedder.importState(await readFile(path.join(dir, EMBEDDER_STATE_FILE)));
  const form = await vectorFormIn(dir);
  // Every graph shard's points (deleted ones included: a fresh build has none); a flat index keeps int8 codes
  // only, so its float vectors are embedded again from the chunks, as the build made them.
  // Rows go straight into float32 matrices: at 1M chunks a JavaScript array per point took the worker past 17 GiB.
  const dim = embedder.dimension;
  const labels: number[] = [];
  const parts: Float32Array[] = [];
  if (form === 'flat') {
    const chunks = await ChunkStore.load(dir);
    const part = new Float32Array(chunks.size * dim);
    for (const { label } of chunks.refs()) {
      part.set(normalized(embedder.embed(indexedText(chunks.get(label)))), labels.length * dim);
      labels.push(label);
    }
    parts.push(part);
    chunks.close();
  }
  for (const file of form === 'flat' ? [] : await shardFiles(dir)) {
    const shard = new hnswlib.HierarchicalNSW('cosine', embedder.dimension);
    await shard.readIndex(path.join(dir, file));
    const ids = shard.getIdsList();
    const part = new Float32Array(ids.length * dim);
    ids.forEach((label, row) => part.set(shard.getPoint(label), row * dim));
    for (const label of ids) labels.push(label);
    parts.push(part);
  }
  let matrix = parts[0] ?? new Float32Array(0);
  if (parts.length > 1) {
    matrix = new Float32Array(labels.length * dim);
    let at = 0;
    for (const part of parts) {
      matrix.set(part, at);
      at += part.length;
    }
  }
  parts.length = 0;

  const vectors = queries.map((q) => normalized(embedder.embed(q)));
  const t0 = performance.now();
  const exact = vectors.map((v) => exactTopK(matrix, labels, v, K));
  const exactMs = (performance.now() - t0) / Math.max(1, vectors.length);

  const byEf: RecallAtEf[] = [];
  for (const efSearch of efValues) {
    // The store as served (every shard searched, hits merged), with efSearch pinned.
    const store = await HnswVectorStore.load(dir, dim, { efSearch, maxEfSearch: efSearch });
    const times: number[] = [];
    const recalls = vectors.map((v, i) => {
      const t = performance.now();
      const hits = store.search(v, K);
      times.push(performance.now() - t);
      return recallAtK(hits, exact[i]!, K);
    });
    byEf.push({ efSearch, recallAt10: mean(recalls), p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95) });
  }
  // As served: the store with the built-in embedder's options, its int8 copy read.
  const store = await HnswVectorStore.load(dir, dim, hnswOptionsFor(embedder), form);
  await store.settle();
  const cpu: number[] = [];
  const recalls = vectors.map((v, i) => {
    const c = process.cpuUsage();
    const hits = store.search(v, K);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    return recallAtK(hits, exact[i]!, K);
  });
  const exactServed = store.copyError === undefined && DEFAULT_HNSW.exactSearchLimit >= labels.length;
  // Past the exact budget a flat index (no graph) is searched through the sign-bit prefilter.
  const mode = exactServed ? 'exact' : form === 'flat' ? 'prefilter' : 'graph';
  const served = { exact: exactServed, mode, recallAt10: mean(recalls), cpuP50Ms: quantile(cpu, 0.5), cpuP95Ms: quantile(cpu, 0.95) } as const;
  return { sample: vectors.length, k: K, exactMs, byEf, served };
}

async function vectorFormIn(dir: string): Promise<VectorForm> {
  return parseManifest(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')).vectorForm ?? 'graph';
}

function normalized(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= Math.sqrt(norm);
  return v;
}

/** Exact top-k by dot product, keeping a small sorted list (k is tiny next to the corpus). */
function exactTopK(matrix: Float32Array, labels: readonly number[], query: Float32Array, k: number): Array<{ label: number; score: number }> {
  const dim = query.length;
  const top: Array<{ label: number; score: number }> = [];
  for (let row = 0; row < labels.length; row++) {
    let score = 0;
    const base = row * dim;
    for (let j = 0; j < dim; j++) score += matrix[base + j]! * query[j]!;
    if (top.length < k || score > top[top.length - 1]!.score) {
      const at = top.findIndex((h) => h.score < score);
      top.splice(at < 0 ? top.length : at, 0, { label: labels[row]!, score });
      if (top.length > k) top.pop();
    }
  }
  return top;
}

async function main() {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      data: { type: 'string' },
      index: { type: 'string' },
      queries: { type: 'string' },
      out: { type: 'string' },
      'recall-sample': { type: 'string', default: '100' },
      devset: { type: 'string' },
      seed: { type: 'string', default: 'data' },
      ef: { type: 'string', default: '128,256,512,1024,2048' },
    },
  });
  const { phase, data, index, out } = values;
  if (!data || !index || !out) throw new Error('scale-worker: --data, --index and --out are required');
  let report: BuildReport | ServeReport;
  if (phase === 'build') {
    report = await runBuild(data, index);
  } else if (phase === 'serve') {
    if (!values.queries) throw new Error('scale-worker: --queries <file.json> is required for the serve phase');
    const queries = JSON.parse(await readFile(values.queries, 'utf8')) as string[];
    const efValues = values.ef!.split(',').map(Number);
    const targets = values.devset ? await devsetTargets(values.devset, values.seed!) : [];
    report = await runServe(data, index, queries, Number(values['recall-sample']), efValues, targets);
  } else {
    throw new Error(`scale-worker: --phase must be build or serve, got ${JSON.stringify(phase)}`);
  }
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`scale-worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
