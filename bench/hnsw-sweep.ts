import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { parseJsonl } from '../src/corpus/parse-jsonl.js';
import { indexedText } from '../src/index/chunk.js';
import { chunkArticles } from '../src/index/chunker.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { readCurrent } from '../src/index/generations.js';
import { HnswVectorStore } from '../src/index/hnsw-vector-store.js';
import { DEFAULT_HNSW } from '../src/index/hnsw-options.js';
import { shardFiles } from '../src/index/vector-files.js';
import { EMBEDDER_STATE_FILE } from '../src/index/load-index.js';
import { ParallelGraphBuilder } from '../src/index/parallel-graph.js';
import { generateArticles, generateQueries, seedsFrom } from './generate-corpus.js';
import { formatTable, mean, parseSize, quantile, recallAtK } from './metrics.js';

/**
 * `npx tsx bench/hnsw-sweep.ts --chunks 20k`: how HNSW's graph settings (M, efConstruction, and the
 * number of shards a full build grows in parallel threads) trade insertion time against recall@10
 * (vs exact search) at several efSearch values (each shard searched at that ef, hits merged, as the
 * store serves), on the realistic generated corpus with the built-in embedder.
 * `--index DIR` takes the vectors of an index already built (e.g. by bench/ingest-profile.ts) instead
 * of generating and embedding a corpus. Insertion time: CPU seconds of the whole process (all threads,
 * process.cpuUsage), less sensitive than wall time to other processes on a shared machine; wall seconds
 * beside it. Prints a Markdown table (for bench/README.md) and writes JSON to --out when given.
 */

const K = 10;
const BATCH = 256;

async function vectorsOf(values: { chunks?: string; index?: string }, queryTexts: string[]) {
  if (values.index) {
    const dir = path.join(values.index, (await readCurrent(values.index)) ?? '');
    const embedder = new BuiltinEmbedder();
    embedder.importState(await readFile(path.join(dir, EMBEDDER_STATE_FILE)));
    const vectors: Float32Array[] = [];
    for (const file of await shardFiles(dir).catch(() => ['vectors.hnsw'])) {
      const graph = new hnswlib.HierarchicalNSW('cosine', embedder.dimension);
      await graph.readIndex(path.join(dir, file));
      for (const label of graph.getIdsList()) vectors.push(Float32Array.from(graph.getPoint(label)));
    }
    return { vectors, queries: queryTexts.map((q) => embedder.embed(q)), dim: embedder.dimension };
  }
  const seeds = seedsFrom((await loadCorpus('data')).articles);
  const generated = [...generateArticles(seeds, { chunks: parseSize(values.chunks ?? '20k') })];
  const { articles } = parseJsonl('gen.jsonl', generated.map((a) => JSON.stringify(a)).join('\n'));
  const texts = chunkArticles(articles).map(indexedText);
  const embedder = new BuiltinEmbedder();
  embedder.fit(texts);
  return { vectors: texts.map((t) => embedder.embed(t)), queries: queryTexts.map((q) => embedder.embed(q)), dim: embedder.dimension };
}

/** Builds the graph(s) into dir as a full build would: one in this thread, or shards in worker threads. */
async function build(dir: string, dim: number, vectors: readonly Float32Array[], m: number, efConstruction: number, shards: number) {
  const options = { ...DEFAULT_HNSW, m, efConstruction };
  const labels = vectors.map((_, i) => i);
  if (shards === 1) {
    const store = HnswVectorStore.create(dim, { ...options, initialCapacity: vectors.length });
    for (let i = 0; i < vectors.length; i += BATCH) store.add(labels.slice(i, i + BATCH), vectors.slice(i, i + BATCH));
    await store.save(dir);
    return;
  }
  const builder = ParallelGraphBuilder.start(dim, options, shards, vectors.length);
  try {
    for (let i = 0; i < vectors.length; i += BATCH) await builder.add(labels.slice(i, i + BATCH), vectors.slice(i, i + BATCH));
    await builder.save(dir);
  } finally {
    await builder.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      chunks: { type: 'string', default: '20k' },
      index: { type: 'string' },
      m: { type: 'string', default: '8,16,32' },
      efc: { type: 'string', default: '64,100,200' },
      shards: { type: 'string', default: '1' },
      ef: { type: 'string', default: '64,128,256,512,1024' },
      queries: { type: 'string', default: '100' },
      out: { type: 'string' },
    },
  });
  const seeds = seedsFrom((await loadCorpus('data')).articles);
  const { vectors, queries, dim } = await vectorsOf(values, generateQueries(seeds, Number(values.queries)));
  // Unit length, as the cosine space stores them (queries too), so a dot product is the cosine the store returns.
  for (const v of [...vectors, ...queries]) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += v[j]! * v[j]!;
    if (norm > 0) for (let j = 0; j < dim; j++) v[j]! /= Math.sqrt(norm);
  }
  const exact = queries.map((q) => {
    const scored = vectors.map((v, label) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += v[j]! * q[j]!;
      return { label, score: s };
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, K);
  });
  process.stderr.write(`hnsw-sweep: ${vectors.length} vectors, ${queries.length} queries\n`);

  const rows: Array<{ m: number; efConstruction: number; shards: number; insertCpuSeconds: number; insertWallSeconds: number; load: number[]; byEf: Array<{ ef: number; recall: number; cpuMsPerQuery: number; p95Ms: number }> }> = [];
  const efs = values.ef!.split(',').map(Number);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zhauap-hnsw-sweep-'));
  try {
    for (const m of values.m!.split(',').map(Number)) {
      for (const efConstruction of values.efc!.split(',').map(Number)) {
        for (const shards of values.shards!.split(',').map(Number)) {
          const dir = path.join(tmp, `m${m}-efc${efConstruction}-s${shards}`);
          await rm(dir, { recursive: true, force: true });
          await mkdir(dir);
          const load0 = os.loadavg()[0]!;
          const cpu = process.cpuUsage();
          const t0 = performance.now();
          await build(dir, dim, vectors, m, efConstruction, shards);
          const used = process.cpuUsage(cpu);
          const insertWallSeconds = (performance.now() - t0) / 1000;
          const load = [load0, os.loadavg()[0]!];
          const byEf = [];
          for (const ef of efs) {
            const store = await HnswVectorStore.load(dir, dim, { efSearch: ef, maxEfSearch: ef });
            const times: number[] = [];
            const c0 = process.cpuUsage();
            const recall = mean(
              queries.map((q, i) => {
                const t = performance.now();
                const hits = store.search(q, K);
                times.push(performance.now() - t);
                return recallAtK(hits, exact[i]!, K);
              }),
            );
            const c = process.cpuUsage(c0);
            byEf.push({ ef, recall, cpuMsPerQuery: (c.user + c.system) / 1e3 / queries.length, p95Ms: quantile(times, 0.95) });
          }
          rows.push({ m, efConstruction, shards, insertCpuSeconds: (used.user + used.system) / 1e6, insertWallSeconds, load, byEf });
          process.stderr.write(`hnsw-sweep: M=${m} efC=${efConstruction} shards=${shards} done\n`);
          await rm(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const table = formatTable(
    ['M', 'efC', 'shards', 'insert CPU s', 'inserts/CPU s', 'wall s', 'load', ...efs.map((ef) => `R@10 ef${ef} (CPU ms/query)`)],
    rows.map((r) => [
      String(r.m),
      String(r.efConstruction),
      String(r.shards),
      r.insertCpuSeconds.toFixed(1),
      (vectors.length / r.insertCpuSeconds).toFixed(0),
      r.insertWallSeconds.toFixed(1),
      r.load.map((l) => l.toFixed(1)).join('→'),
      ...r.byEf.map((e) => `${e.recall.toFixed(3)} (${e.cpuMsPerQuery.toFixed(2)})`),
    ]),
  );
  process.stdout.write(`${table}\n`);
  if (values.out) await writeFile(values.out, JSON.stringify({ chunks: vectors.length, source: values.index ? 'index' : 'generated', rows }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`hnsw-sweep: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
