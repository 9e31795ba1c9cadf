import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { indexedText } from '../src/index/chunk.js';
import { ChunkStore } from '../src/index/chunk-store.js';
import { readCurrent } from '../src/index/generations.js';
import { loadIndex } from '../src/index/load-index.js';
import { QuantizedVectors } from '../src/index/quantized-vectors.js';
import { loadSeeds } from './generate-corpus.js';
import { mean, quantile, recallAtK } from './metrics.js';
import { latencyQueries, RECALL_SAMPLE } from './scale.js';

/**
 * Recall@10 of the vector store as served (the scale bench's `served` figure: `store.search(v, 10)`, unfiltered,
 * against the exact float top 10 over every chunk's vector, embedded again as the build did), on the bench's
 * 200 latency queries, with the prefilter's candidates ranked where they lie and copied for usearch (the code
 * before round 19), alternated per query:
 *   npx tsx bench/vector-recall.ts --index DIR [--truth FILE]
 * The truth (≈ 2 minutes of embedding at 1M chunks) is written to --truth and read from there next time.
 */
const { values } = parseArgs({
  options: {
    index: { type: 'string' },
    data: { type: 'string', default: 'data' },
    devset: { type: 'string', default: 'bench/devset.jsonl' },
    truth: { type: 'string' },
  },
});
if (!values.index) throw new Error('vector-recall: --index DIR is required');
const K = 10;

type Hit = { label: number; score: number };
const embedder = new BuiltinEmbedder();
const queries = await latencyQueries(values.devset!, await loadSeeds(values.data!));
const index = await loadIndex(values.index, embedder);
const vectors = queries.map((q) => normalized(embedder.embed(q)));
const truth = await cachedTruth(values.truth);

const load0 = os.loadavg()[0] ?? 0;
index.vectors.search(new Float32Array(embedder.dimension).fill(1), 1);
await index.vectors.settle?.();
const modes = { 'in place': true, copied: false };
const results = Object.fromEntries(Object.keys(modes).map((mode) => [mode, { recall: [] as number[], cpu: [] as number[] }]));
for (let round = 0; round < 2; round++) {
  for (const [i, v] of vectors.entries()) {
    for (const [mode, inPlace] of Object.entries(modes)) {
      QuantizedVectors.rankInPlace = inPlace;
      const c = process.cpuUsage();
      const hits = index.vectors.search(v, K);
      const used = process.cpuUsage(c);
      // The first round warms: only the second counts.
      if (round === 0) continue;
      results[mode]!.recall.push(recallAtK(hits, truth[i]!, K));
      results[mode]!.cpu.push((used.user + used.system) / 1000);
    }
  }
}
process.stdout.write(`${index.chunks.size} chunks, ${vectors.length} queries, load ${load0.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}\n`);
for (const [mode, r] of Object.entries(results)) {
  const first = r.recall.slice(0, RECALL_SAMPLE);
  process.stdout.write(
    `${mode.padEnd(9)} recall@10 ${mean(r.recall).toFixed(4)} (first ${RECALL_SAMPLE}: ${mean(first).toFixed(4)}) | search cpu ms p50 ${quantile(r.cpu, 0.5).toFixed(2)} p95 ${quantile(r.cpu, 0.95).toFixed(2)}\n`,
  );
}
index.vectors.close?.();

/** The exact float top 10 of every query, over every chunk's vector (the queries are sparse: only their non-zero components are multiplied). */
async function cachedTruth(file: string | undefined): Promise<Hit[][]> {
  if (file) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Hit[][];
    } catch {
      // not there yet
    }
  }
  const generation = await readCurrent(values.index!);
  const dir = path.join(values.index!, generation ?? '');
  const sparse = vectors.map((v) => [...v.keys()].filter((d) => v[d] !== 0).map((d) => [d, v[d]!] as const));
  const tops: Hit[][] = vectors.map(() => []);
  const chunks = await ChunkStore.load(dir);
  for (const { label } of chunks.refs()) {
    const x = normalized(embedder.embed(indexedText(chunks.get(label))));
    sparse.forEach((q, i) => {
      let score = 0;
      for (const [d, w] of q) score += x[d]! * w;
      const top = tops[i]!;
      if (top.length === K && score <= top[K - 1]!.score) return;
      const at = top.findIndex((h) => h.score < score);
      top.splice(at < 0 ? top.length : at, 0, { label, score });
      if (top.length > K) top.pop();
    });
  }
  chunks.close();
  if (file) await writeFile(file, JSON.stringify(tops) + '\n');
  return tops;
}

function normalized(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= Math.sqrt(norm);
  return v;
}
