import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { parseJsonl } from '../src/corpus/parse-jsonl.js';
import { indexedText } from '../src/index/chunk.js';
import { chunkArticles } from '../src/index/chunker.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { generateArticles, generateQueries, seedsFrom } from './generate-corpus.js';
import { formatTable, mean, parseSize, quantile, recallAtK } from './metrics.js';

/**
 * `npx tsx bench/hnsw-sweep.ts --chunks 20k`: how HNSW's graph settings (M, efConstruction) trade
 * insertion time against recall@10 (vs exact search) at several efSearch values, on the realistic
 * generated corpus with the built-in embedder. Insertion time is CPU time of this thread
 * (process.cpuUsage), less sensitive than wall time to other processes on a shared machine.
 * Prints a Markdown table (for bench/README.md) and writes JSON to --out when given.
 */

const K = 10;

async function main() {
  const { values } = parseArgs({
    options: {
      chunks: { type: 'string', default: '20k' },
      m: { type: 'string', default: '8,16,32' },
      efc: { type: 'string', default: '64,100,200' },
      ef: { type: 'string', default: '64,128,256,512,1024' },
      queries: { type: 'string', default: '100' },
      out: { type: 'string' },
    },
  });
  const seeds = seedsFrom((await loadCorpus('data')).articles);
  const generated = [...generateArticles(seeds, { chunks: parseSize(values.chunks!) })];
  const { articles } = parseJsonl('gen.jsonl', generated.map((a) => JSON.stringify(a)).join('\n'));
  const texts = chunkArticles(articles).map(indexedText);
  const embedder = new BuiltinEmbedder();
  embedder.fit(texts);
  const vectors = texts.map((t) => embedder.embed(t));
  const queries = generateQueries(seeds, Number(values.queries)).map((q) => embedder.embed(q));
  const dim = embedder.dimension;
  const exact = queries.map((q) => {
    const scored = vectors.map((v, label) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += v[j]! * q[j]!;
      return { label, score: s };
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, K);
  });
  process.stderr.write(`hnsw-sweep: ${vectors.length} vectors, ${queries.length} queries\n`);

  const rows: Array<{ m: number; efConstruction: number; insertCpuSeconds: number; byEf: Array<{ ef: number; recall: number; p95Ms: number }> }> = [];
  const efs = values.ef!.split(',').map(Number);
  for (const m of values.m!.split(',').map(Number)) {
    for (const efConstruction of values.efc!.split(',').map(Number)) {
      const index = new hnswlib.HierarchicalNSW('cosine', dim);
      index.initIndex({ maxElements: vectors.length, m, efConstruction });
      const cpu = process.cpuUsage();
      vectors.forEach((v, label) => index.addPoint(Array.from(v), label));
      const used = process.cpuUsage(cpu);
      const byEf = efs.map((ef) => {
        index.setEf(ef);
        const times: number[] = [];
        const recall = mean(
          queries.map((q, i) => {
            const t = performance.now();
            const { neighbors, distances } = index.searchKnn(Array.from(q), K);
            times.push(performance.now() - t);
            return recallAtK(neighbors.map((label, j) => ({ label, score: 1 - distances[j]! })), exact[i]!, K);
          }),
        );
        return { ef, recall, p95Ms: quantile(times, 0.95) };
      });
      rows.push({ m, efConstruction, insertCpuSeconds: (used.user + used.system) / 1e6, byEf });
      process.stderr.write(`hnsw-sweep: M=${m} efC=${efConstruction} done\n`);
    }
  }
  const table = formatTable(
    ['M', 'efC', 'insert CPU s', 'inserts/CPU s', ...efs.map((ef) => `R@10 ef${ef} (p95 ms)`)],
    rows.map((r) => [
      String(r.m),
      String(r.efConstruction),
      r.insertCpuSeconds.toFixed(1),
      (vectors.length / r.insertCpuSeconds).toFixed(0),
      ...r.byEf.map((e) => `${e.recall.toFixed(3)} (${e.p95Ms.toFixed(2)})`),
    ]),
  );
  process.stdout.write(`${table}\n`);
  if (values.out) await writeFile(values.out, JSON.stringify({ chunks: vectors.length, rows }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`hnsw-sweep: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
