import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { resolveFilters, searchIndexOf } from '../src/engine/local-engine.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { helperCounts } from '../src/index/bit-scan-helper.js';
import { loadIndex } from '../src/index/load-index.js';
import { QuantizedVectors } from '../src/index/quantized-vectors.js';
import type { Ranked } from '../src/retrieval/fusion.js';
import { DEFAULT_RETRIEVER, Retriever, type SearchIndex } from '../src/retrieval/retriever.js';
import { loadShippedThesaurus } from '../src/retrieval/shipped-thesaurus.js';
import { quantile } from './metrics.js';
import { latencyQueries } from './scale.js';
import { loadSeeds } from './generate-corpus.js';

/**
 * Where one hybrid `retrieve` spends its time on a built index, as the scale bench's serve phase calls it
 * (`engine.retrieve(q, resolveFilters(q), 10)`, the same 200 queries):
 *   npx tsx bench/retrieve-profile.ts --index DIR [--rounds 3] [--out top.json] [--compare top.json] [--worst N] [--scan-limit N]
 * Prints wall and CPU time (process.cpuUsage: the machine is shared, CPU time is what the code costs) per
 * query and per stage (BM25 search, vector search; the rest is analysis, expansion, fusion and chunk reads).
 * `--out` writes every query's top 10 (labels and scores: the fused passages', BM25's and the vector search's);
 * `--compare` checks them against such a file, so a speed change can be shown to return the very same passages
 * (the exit code fails where BM25's differ). `--worst N` lists the N slowest queries (CPU ms
 * per stage, filters); `--copy-rows` copies the prefilter's candidates into blocks for usearch (the code before round
 * 19) instead of ranking them where they lie; `--one-thread` keeps the sign-bit scan in the searching thread (no helper thread beside BM25:
 * the code before round 15); `--after-pass` waits for BM25's pass after load (bounds and impacts of the long lists,
 * `Bm25Index.boundsReady`) before the first question, as a server that has been idle a few seconds (without it the
 * questions start at once, as in the benches); `--scan-limit` sets the BM25 plan's threshold (0: always MaxScore), `--exact-limit` the vector store's exactSearchLimit, a cost in rows ranked in place (0: every search walks the graph).
 */
const { values } = parseArgs({
  options: {
    index: { type: 'string' },
    data: { type: 'string', default: 'data' },
    devset: { type: 'string', default: 'bench/devset.jsonl' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string' },
    compare: { type: 'string' },
    worst: { type: 'string', default: '0' },
    'scan-limit': { type: 'string' },
    'exact-limit': { type: 'string' },
    'one-thread': { type: 'boolean', default: false },
    'copy-rows': { type: 'boolean', default: false },
    'after-pass': { type: 'boolean', default: false },
  },
});
if (!values.index) throw new Error('retrieve-profile: --index DIR is required');

interface Stage {
  wall: number[];
  cpu: number[];
}
const stage = (): Stage => ({ wall: [], cpu: [] });
const stages = { lexical: stage(), vector: stage(), embed: stage(), total: stage() };
let current: Record<keyof typeof stages, { wall: number; cpu: number }> | undefined;

function timed<T>(name: keyof typeof stages, run: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    return run();
  } finally {
    const c = process.cpuUsage(c0);
    if (current) {
      current[name].wall += performance.now() - t0;
      current[name].cpu += (c.user + c.system) / 1000;
    }
  }
}

const load0 = os.loadavg()[0] ?? 0;
const embedder = new BuiltinEmbedder();
const t0 = performance.now();
// `--exact-limit 0`: every vector search walks the graph, as before the exact path (HnswOptions.exactSearchLimit).
const index = await loadIndex(values.index, embedder, values['exact-limit'] === undefined ? {} : { hnsw: { exactSearchLimit: Number(values['exact-limit']) } });
const { thesaurus } = await loadShippedThesaurus();
const loadedSeconds = (performance.now() - t0) / 1000;
if (values['one-thread']) QuantizedVectors.helperRows = Infinity;
if (values['copy-rows']) QuantizedVectors.rankInPlace = false;
// The vector store's int8 copy is read in the background once a search would use it (a graph store's on the
// first such search): one unfiltered search starts it, and every timed query should see it.
index.vectors.search(new Float32Array(embedder.dimension).fill(1), 1);
await index.vectors.settle?.();
const loadedRss = process.resourceUsage().maxRSS / 1024;
process.stderr.write(`retrieve-profile: loaded ${index.chunks.size} chunks in ${loadedSeconds.toFixed(1)} s, vectors settled after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
if (values['after-pass']) {
  // The pass runs on unref'd timers (a server's other handles keep it alive): a ref'd one here, or the process exits.
  const alive = setInterval(() => {}, 1000);
  await index.bm25.boundsReady;
  clearInterval(alive);
  process.stderr.write(`retrieve-profile: BM25's pass after load done after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
// Postings up to which BM25 scores every posting (0: always prune with MaxScore).
if (values['scan-limit'] !== undefined) index.bm25.scanLimit = Number(values['scan-limit']);
const plain = searchIndexOf(index);
/** Each leg's hits of the question being asked (the first ten of every search it made), for `--out` / `--compare`. */
let legs: { lexical: Ranked[]; vector: Ranked[] } = { lexical: [], vector: [] };
const kept = (leg: keyof typeof legs, hits: Ranked[]) => {
  legs[leg].push(...hits.slice(0, 10));
  return hits;
};
const search: SearchIndex = {
  ...plain,
  lexicalSearch: (terms, k, filter) => kept('lexical', timed('lexical', () => plain.lexicalSearch(terms, k, filter))),
  vectorSearch: (vector, k, filter) => kept('vector', timed('vector', () => plain.vectorSearch(vector, k, filter))),
  // The vector stage is this thread's part: beginning the search, and later waiting for and ranking its candidates.
  // CPU time is the process's, so a helper thread's scan counts in whichever stage it overlaps.
  vectorSearchSoon: (vector, k, filter) => {
    const hits = timed('vector', () => plain.vectorSearchSoon!(vector, k, filter));
    return () => kept('vector', timed('vector', hits));
  },
};
const embed = embedder.embedQuery.bind(embedder);
embedder.embedQuery = (text: string) => timed('embed', () => embed(text));
const retriever = new Retriever(search, embedder, thesaurus, { ...DEFAULT_RETRIEVER, vectorWeight: embedder.fusionWeight ?? DEFAULT_RETRIEVER.vectorWeight });

const queries = await latencyQueries(values.devset!, await loadSeeds(values.data!));
interface Tops {
  fused: Array<{ id: string; score: number }>;
  lexical: Ranked[];
  vector: Ranked[];
}
const tops: Tops[] = [];
const perQuery: Array<{ q: string; filters: string; lexical: number; vector: number; total: number }> = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [i, q] of queries.entries()) {
    current = { lexical: { wall: 0, cpu: 0 }, vector: { wall: 0, cpu: 0 }, embed: { wall: 0, cpu: 0 }, total: { wall: 0, cpu: 0 } };
    legs = { lexical: [], vector: [] };
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const passages = await retriever.retrieve(q, resolveFilters(q, {}), 10);
    const c = process.cpuUsage(c0);
    current.total = { wall: performance.now() - w0, cpu: (c.user + c.system) / 1000 };
    // The first round warms caches (posting-list bounds, the stemmer's memo): only later rounds count.
    if (round > 0 || Number(values.rounds) === 1) for (const name of Object.keys(stages) as Array<keyof typeof stages>) {
      stages[name].wall.push(current[name].wall);
      stages[name].cpu.push(current[name].cpu);
    }
    if (round === 0) tops[i] = { fused: passages.map((p) => ({ id: p.chunk.id, score: p.score })), ...legs };
    if (round === Number(values.rounds) - 1) perQuery[i] = { q, filters: JSON.stringify(resolveFilters(q, {})), lexical: current.lexical.cpu, vector: current.vector.cpu, total: current.total.cpu };
  }
}

const fmt = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(2)} p95 ${quantile(xs, 0.95).toFixed(2)} p99 ${quantile(xs, 0.99).toFixed(2)} mean ${(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)).toFixed(2)}`;
const lines = [
  `${queries.length} queries × ${Number(values.rounds) - 1 || 1} timed rounds, ${index.chunks.size} chunks, load ${load0.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
  `peak RSS MiB: after load ${loadedRss.toFixed(0)}, after the queries ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`,
];
if (helperCounts.handed + helperCounts.kept > 0) {
  const { handed, cancelled, kept } = helperCounts;
  lines.push(`sign-bit scans handed to the helper thread: ${handed} (${cancelled} of them cancelled before it took them), kept in the searching thread: ${kept}`);
}
for (const [name, s] of Object.entries(stages)) lines.push(`${name.padEnd(8)} wall ms ${fmt(s.wall)} | cpu ms ${fmt(s.cpu)}`);
for (const filtered of [false, true]) {
  const group = perQuery.filter((w) => (w.filters !== '{}') === filtered).map((w) => w.total);
  lines.push(`${filtered ? 'with a filter' : 'no filter'} (${group.length} queries, last round) total cpu ms ${fmt(group)}`);
}
for (const w of [...perQuery].sort((a, b) => b.total - a.total).slice(0, Number(values.worst))) {
  lines.push(`  cpu ms total ${w.total.toFixed(1)} lexical ${w.lexical.toFixed(1)} vector ${w.vector.toFixed(1)} ${w.filters} ${w.q}`);
}
process.stdout.write(lines.join('\n') + '\n');

if (values.out) await writeFile(values.out, JSON.stringify(tops) + '\n');
if (values.compare) {
  const before = JSON.parse(await readFile(values.compare, 'utf8')) as typeof tops;
  const key = (h: { id: string } | Ranked) => ('id' in h ? h.id : h.label);
  const same = (a: Array<{ id: string; score: number } | Ranked>, b: Array<{ id: string; score: number } | Ranked>) =>
    a.length === b.length && a.every((h, j) => key(h) === (b[j] ? key(b[j]) : undefined) && Math.abs(h.score - (b[j]?.score ?? NaN)) < 1e-12);
  // BM25's hits must not move; the vector leg's and so the fused ones may, where its ranking changed.
  for (const leg of ['lexical', 'vector', 'fused'] as const) {
    let [differ, order] = [0, 0];
    for (const [i, top] of tops.entries()) {
      const was = before[i]?.[leg] ?? [];
      if (same(top[leg], was)) continue;
      differ += 1;
      if (top[leg].map(key).join() !== was.map(key).join()) order += 1;
      if (leg === 'lexical' && differ <= 5) process.stdout.write(`differs: ${JSON.stringify(queries[i])}\n  before ${JSON.stringify(was.map(key))}\n  now    ${JSON.stringify(top[leg].map(key))}\n`);
    }
    process.stdout.write(`${leg} top 10 compared with ${values.compare}: ${differ} of ${tops.length} queries differ (${order} in their passages or order, the rest in scores alone)\n`);
    if (leg === 'lexical' && differ > 0) process.exitCode = 1;
  }
}
