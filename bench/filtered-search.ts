import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFilters } from '../src/engine/local-engine.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { readCurrent } from '../src/index/generations.js';
import { HnswVectorStore } from '../src/index/hnsw-vector-store.js';
import { shardFiles } from '../src/index/vector-files.js';
import { loadIndex } from '../src/index/load-index.js';
import { readGraphVectors } from '../src/index/graph-vectors.js';
import type { LabelFilter } from '../src/index/vector-store.js';
import { loadSeeds } from './generate-corpus.js';
import { parseSize, quantile, rng } from './metrics.js';
import { latencyQueries } from './scale.js';

/**
 * Filtered vector search on a built index, the two ways `HnswVectorStore.search` can take:
 *   npx tsx bench/filtered-search.ts --index DIR [--allowed 1k,2k,5k,10k,20k,30k,50k] [--k 50] [--queries 100] [--resolved]
 * For each size, a random set of that many live labels is the filter (the generated corpora spread regions
 * and dates at random, so a region's chunks are such a set); each query (the scale bench's, embedded) is
 * searched by hnswlib's filtered graph search (a plain filter function) and by the exact path (the same
 * filter with its accepted labels), CPU ms per search (process.cpuUsage) and recall@k against exact float32
 * search over the allowed labels (vectors read back from the graph file). Where the two CPU times cross is
 * the `exactSearchLimit` to pick. `--resolved`: instead of random sets, each of the scale bench's 200 queries
 * that names a region or a date, with the filter `ask` resolves for it (the chunk store's matcher), both paths.
 * `--unfiltered`: every query without a filter, the graph (a second copy of the store, exact path off) against
 * exact search over all vectors (`HnswOptions.exactUnfiltered`), recall@k against exact float32 search.
 */
const { values } = parseArgs({
  options: {
    index: { type: 'string' },
    data: { type: 'string', default: 'data' },
    devset: { type: 'string', default: 'bench/devset.jsonl' },
    allowed: { type: 'string', default: '1k,2k,5k,10k,20k,30k,50k' },
    k: { type: 'string', default: '50' },
    queries: { type: 'string', default: '100' },
    resolved: { type: 'boolean', default: false },
    unfiltered: { type: 'boolean', default: false },
  },
});
if (!values.index) throw new Error('filtered-search: --index DIR is required');
const k = Number(values.k);

const embedder = new BuiltinEmbedder();
// Every filter here takes the path the test asks for: the limit is what this bench measures.
const index = await loadIndex(values.index, embedder, { hnsw: { exactSearchLimit: Number.MAX_SAFE_INTEGER, exactUnfiltered: true } });
const store = index.vectors;
// A graph store fills its int8 copy only once a search would rank exactly: one search starts it, settle waits for it
// (without it the exact column of a graph index measured the graph).
store.search(new Float32Array(embedder.dimension).fill(1), 1);
await store.settle?.();
const generation = path.join(values.index, (await readCurrent(values.index)) ?? '');
const dimension = embedder.dimension;
const floats = new Map<number, Float32Array>();
for (const file of await shardFiles(generation)) {
  await readGraphVectors(path.join(generation, file), dimension, (label, vector) => {
    if (store.has(label)) floats.set(label, Float32Array.from(vector));
  });
}
const live = [...floats.keys()].sort((a, b) => a - b);
const allQuestions = await latencyQueries(values.devset!, await loadSeeds(values.data!));
const questions = values.resolved || values.unfiltered ? allQuestions : allQuestions.slice(0, Number(values.queries));
const queries = await Promise.all(questions.map((q) => embedder.embedQuery(q)));

/** Deterministic shuffle. */
const random = rng(7);

const cpu = (run: () => unknown) => {
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const load0 = os.loadavg()[0] ?? 0;
const rows: string[] = [];
for (const size of values.resolved || values.unfiltered ? [] : values.allowed!.split(',').map(parseSize)) {
  const chosen = [...live];
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
  }
  const labels = Uint32Array.from(chosen.slice(0, Math.min(size, chosen.length))).sort();
  rows.push(measure(labels, queries));
  process.stderr.write(`filtered-search: ${rows.at(-1)}\n`);
}
if (values.resolved) {
  // Per query its own filter; rows by the number of labels the filter allows, and all together.
  const buckets = [0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, Infinity];
  const runs: Array<{ allowed: number } & Run> = [];
  for (const [i, question] of questions.entries()) {
    const matcher = index.chunks.matcher(resolveFilters(question, {}));
    if (!matcher?.accepted) continue;
    const labels = matcher.accepted.labels().filter((label) => floats.has(label));
    runs.push({ allowed: labels.length, ...run(labels, [queries[i]!]) });
  }
  const merged = (group: typeof runs): Run => ({
    graphMs: group.flatMap((r) => r.graphMs),
    exactMs: group.flatMap((r) => r.exactMs),
    graphFound: group.reduce((sum, r) => sum + r.graphFound, 0),
    exactFound: group.reduce((sum, r) => sum + r.exactFound, 0),
    wanted: group.reduce((sum, r) => sum + r.wanted, 0),
  });
  for (let b = 0; b + 1 < buckets.length; b++) {
    const group = runs.filter((r) => r.allowed >= buckets[b]! && r.allowed < buckets[b + 1]!);
    if (group.length > 0) rows.push(row(`${buckets[b]}–${buckets[b + 1]} (${group.length} queries)`, merged(group)));
  }
  const counts = runs.map((r) => r.allowed);
  rows.push(row(`all ${runs.length} filtered queries, allowed median ${quantile(counts, 0.5)} (${Math.min(...counts)}–${Math.max(...counts)})`, merged(runs)));
}

if (values.unfiltered) {
  const graph = await HnswVectorStore.load(generation, dimension, { exactSearchLimit: 0 });
  rows.push(row(`all ${live.length} (${queries.length} queries, no filter)`, run(Uint32Array.from(live), queries, graph)));
}

function measure(labels: Uint32Array, queries: Float32Array[]): string {
  return row(String(labels.length), run(labels, queries));
}

interface Run {
  graphMs: number[];
  exactMs: number[];
  graphFound: number;
  exactFound: number;
  wanted: number;
}

function row(name: string, r: Run): string {
  const f = (xs: number[]) => `${quantile(xs, 0.5).toFixed(2)} / ${quantile(xs, 0.95).toFixed(2)}`;
  return `| ${name} | ${f(r.graphMs)} | ${(r.graphFound / r.wanted).toFixed(3)} | ${f(r.exactMs)} | ${(r.exactFound / r.wanted).toFixed(3)} |`;
}

/** With `graph`: the searches are unfiltered, the graph's by that store and the exact ones by the index's. */
function run(labels: Uint32Array, queries: Float32Array[], graph?: HnswVectorStore): Run {
  const allowed = new Set(labels);
  const plain: LabelFilter = (label) => allowed.has(label);
  const exact: LabelFilter = Object.assign((label: number) => allowed.has(label), { accepted: { count: labels.length, labels: () => labels } });
  const graphMs: number[] = [];
  const exactMs: number[] = [];
  let graphFound = 0;
  let exactFound = 0;
  let wanted = 0;
  for (const query of queries) {
    let norm = 0;
    for (const x of query) norm += x * x;
    const scores = [...labels].map((label) => {
      const v = floats.get(label)!;
      let dot = 0;
      for (let d = 0; d < dimension; d++) dot += v[d]! * query[d]!;
      return dot / Math.sqrt(norm);
    });
    const sorted = [...scores].sort((a, b) => b - a);
    const kth = sorted[Math.min(k, sorted.length) - 1] ?? -Infinity;
    const truth = new Set([...labels].filter((_, i) => scores[i]! >= kth - 1e-6));
    wanted += Math.min(k, labels.length);
    let hits = graph ? graph.search(query, k) : store.search(query, k, plain);
    graphMs.push(cpu(() => (hits = graph ? graph.search(query, k) : store.search(query, k, plain))));
    graphFound += hits.filter((h) => truth.has(h.label)).length;
    exactMs.push(cpu(() => (hits = graph ? store.search(query, k) : store.search(query, k, exact))));
    exactFound += hits.filter((h) => truth.has(h.label)).length;
  }
  return { graphMs, exactMs, graphFound, exactFound, wanted };
}
process.stdout.write(
  [
    `${queries.length} queries, k ${k}, ${live.length} vectors, load ${load0.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    `| allowed | graph CPU ms p50 / p95 | graph recall@${k} | exact CPU ms p50 / p95 | exact recall@${k} |`,
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n') + '\n',
);
