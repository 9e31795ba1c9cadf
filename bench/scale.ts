import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart } from './chart.js';
import { loadDevset } from './devset.js';
import { generateQueries, loadSeeds, writeCorpus, type CorpusStyle, type SeedArticle } from './generate-corpus.js';
import type { FreshMemoryReport } from './fresh-memory.js';
import { formatTable, mib, sizeLabel } from './metrics.js';
import { findPostgresBin } from './postgres.js';
import { PEERS, type PeerBuildReport, type PeerName, type PeerServeReport } from './peer-worker.js';
import type { BuildReport, ServeReport } from './scale-worker.js';

/**
 * The scale benchmark: for each size, a generated corpus in a temp dir, a build and a serve phase
 * each in its own child process (bench/scale-worker.ts), and the two reports side by side.
 */

export interface ScaleResult {
  size: string;
  /** Generator style (bench/generate-corpus.ts); results before it existed are the worst case. */
  style?: CorpusStyle;
  measuredAt: string;
  targetChunks: number;
  corpus: { files: number; articles: number; bytes: number; generateSeconds: number };
  build: BuildReport;
  serve: ServeReport;
  /**
   * Fresh memory's fill rate just before the serve phase (bench/fresh-memory.ts): on a VM whose first touch of a page
   * varies run to run, start-up times are only comparable alongside it. Rows before it existed have none.
   */
  freshMemory?: FreshMemoryReport;
  /** Load average (1 min) when the size started and ended: the machine is shared, timings are only as good as this. */
  load?: { start: number; end: number };
  peers?: Array<{ peer: PeerName; build: PeerBuildReport; serve: PeerServeReport }>;
}

export interface ScaleOptions {
  dataDir: string;
  devsetFile: string;
  /** Keep the temp dirs (generated data and index) for inspection. */
  keep: boolean;
  style: CorpusStyle;
  /** Sizes up to this run the peers too (MiniSearch, SQLite FTS5, PostgreSQL when its binaries are there). */
  peersUpTo: number;
  log: (line: string) => void;
  /** Called with each size's result as soon as it is measured. */
  onResult?: (result: ScaleResult) => Promise<void>;
}

export const QUERY_COUNT = 200;
export const RECALL_SAMPLE = 100;
export const TARGETS = { retrieveP95Ms: 20, recallAt10: 0.98, chunksPerSecond: 2_000, peakRssBytes: 3 * 2 ** 30, loadSeconds: 10 };

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const WORKER = path.join(BENCH_DIR, 'scale-worker.ts');
const PEER_WORKER = path.join(BENCH_DIR, 'peer-worker.ts');
const FRESH_MEMORY = path.join(BENCH_DIR, 'fresh-memory.ts');
/** Generous heap for the workers (a 1M build holds texts, chunks and vectors at once); RSS is what is measured. */
const WORKER_HEAP_MB = Math.floor((os.totalmem() / 2 ** 20) * 0.75);

/** Runs a worker script with tsx's loader and returns its JSON report. */
async function runWorker<T>(args: string[], out: string, script = WORKER): Promise<T> {
  const child = spawn(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, '--import', 'tsx', script, ...args, '--out', out], {
    cwd: path.dirname(BENCH_DIR),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(signal ? -1 : c));
  });
  if (code !== 0) throw new Error(`scale: ${path.basename(script)} ${args.join(' ')} exited with ${code}`);
  return JSON.parse(await readFile(out, 'utf8')) as T;
}

/** The 200 latency queries: the dev questions first, then generated ones. */
export async function latencyQueries(devsetFile: string, seeds: readonly SeedArticle[]): Promise<string[]> {
  const dev = (await loadDevset(devsetFile)).map((q) => q.question).slice(0, QUERY_COUNT);
  return [...dev, ...generateQueries(seeds, QUERY_COUNT - dev.length)];
}

export async function runScale(sizes: readonly number[], options: ScaleOptions): Promise<ScaleResult[]> {
  const seeds = await loadSeeds(options.dataDir);
  const queries = await latencyQueries(options.devsetFile, seeds);
  const results: ScaleResult[] = [];
  for (const targetChunks of sizes) {
    const size = sizeLabel(targetChunks);
    const tmp = await mkdtemp(path.join(os.tmpdir(), `zhauap-bench-${size}-${options.style}-`));
    try {
      const dataDir = path.join(tmp, 'data');
      const indexDir = path.join(tmp, 'index');
      const queriesFile = path.join(tmp, 'queries.json');
      await writeFile(queriesFile, JSON.stringify(queries));
      const started = performance.now();
      options.log(`scale ${size}: generating ${targetChunks} chunks (${options.style}) into ${dataDir}`);
      const written = await writeCorpus(dataDir, seeds, { chunks: targetChunks, style: options.style });
      // The seed articles themselves go in too, so the dev questions have their answers among the distractors.
      await copySeedFiles(options.dataDir, dataDir);
      const generateSeconds = (performance.now() - started) / 1000;
      const loadStart = os.loadavg()[0]!;
      options.log(`scale ${size}: ${written.articles} articles, ${mib(written.bytes).toFixed(0)} MiB in ${generateSeconds.toFixed(1)} s; building`);
      const build = await runWorker<BuildReport>(['--phase', 'build', '--data', dataDir, '--index', indexDir], path.join(tmp, 'build.json'));
      // In its own process right before the serve worker: its buffer must not count in the serve phase's RSS.
      const freshMemory = await runWorker<FreshMemoryReport>([], path.join(tmp, 'fresh-memory.json'), FRESH_MEMORY);
      options.log(`scale ${size}: built ${build.chunks} chunks in ${build.seconds.toFixed(1)} s; fresh memory ${freshMemory.secondsPerGiB.toFixed(2)} s/GiB; serving ${queries.length} queries`);
      const serve = await runWorker<ServeReport>(
        ['--phase', 'serve', '--data', dataDir, '--index', indexDir, '--queries', queriesFile, '--recall-sample', String(RECALL_SAMPLE), '--devset', options.devsetFile, '--seed', options.dataDir],
        path.join(tmp, 'serve.json'),
      );
      const peers: NonNullable<ScaleResult['peers']> = [];
      if (targetChunks <= options.peersUpTo) {
        for (const peer of PEERS) {
          if (peer === 'postgres') {
            const found = await findPostgresBin();
            if ('missing' in found) {
              options.log(`scale ${size}: peer postgres skipped: ${found.missing}`);
              continue;
            }
          }
          const dir = path.join(tmp, `peer-${peer}`);
          await mkdir(dir);
          options.log(`scale ${size}: peer ${peer}: building`);
          const common = ['--peer', peer, '--dir', dir];
          try {
            const peerBuild = await runWorker<PeerBuildReport>([...common, '--phase', 'build', '--data', dataDir], path.join(tmp, `${peer}-build.json`), PEER_WORKER);
            const peerServe = await runWorker<PeerServeReport>(
              [...common, '--phase', 'serve', '--queries', queriesFile, '--devset', options.devsetFile, '--seed', options.dataDir],
              path.join(tmp, `${peer}-serve.json`),
              PEER_WORKER,
            );
            peers.push({ peer, build: peerBuild, serve: peerServe });
          } catch (err) {
            // A peer that cannot run (e.g. its native module failed to build) must not cost the engine's numbers.
            options.log(`scale ${size}: peer ${peer} failed: ${(err as Error).message}`);
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        }
      }
      const load = { start: loadStart, end: os.loadavg()[0]! };
      const result: ScaleResult = { size, style: options.style, measuredAt: new Date().toISOString(), targetChunks, corpus: { files: written.files, articles: written.articles, bytes: written.bytes, generateSeconds }, build, serve, freshMemory, load, peers };
      results.push(result);
      await options.onResult?.(result);
    } finally {
      if (options.keep) options.log(`scale ${size}: kept ${tmp}`);
      else await rm(tmp, { recursive: true, force: true });
    }
  }
  return results;
}

export const styleOf = (r: ScaleResult): CorpusStyle => r.style ?? 'worst';

async function copySeedFiles(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('.')) await copyFile(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/** Earlier results with the fresh ones replacing those of the same size and style, ordered by style, then size. */
export function mergeScaleResults(earlier: readonly ScaleResult[], fresh: readonly ScaleResult[]): ScaleResult[] {
  const key = (r: ScaleResult) => `${styleOf(r)}:${r.size}`;
  const bySize = new Map(earlier.map((r) => [key(r), r]));
  for (const r of fresh) bySize.set(key(r), r);
  return [...bySize.values()].sort((a, b) => styleOf(b).localeCompare(styleOf(a)) || a.targetChunks - b.targetChunks);
}

const ms = (n: number) => n.toFixed(1);

const PEER_LABELS: Record<PeerName, string> = {
  minisearch: 'MiniSearch (1000-char windows)',
  sqlite: 'SQLite FTS5 (unicode61)',
  postgres: 'PostgreSQL (russian, GIN)',
};
const mb = (bytes: number) => mib(bytes).toFixed(0);

export function formatScale(results: readonly ScaleResult[]): string {
  const build = formatTable(
    ['size', 'corpus', 'chunks', 'chunks/s', 'chunks/CPU s', 'build s', 'prepare s', 'index s', 'write s', 'disk MiB', 'build RSS MiB', 'vocabulary', 'longest list'],
    results.map((r) => [
      r.size,
      styleOf(r),
      String(r.build.chunks),
      r.build.chunksPerSecond.toFixed(0),
      r.build.cpuSeconds ? (r.build.chunks / r.build.cpuSeconds).toFixed(0) : '—',
      r.build.seconds.toFixed(1),
      r.build.prepareSeconds.toFixed(1),
      r.build.indexSeconds.toFixed(1),
      r.build.writeSeconds.toFixed(1),
      mb(r.build.diskBytes),
      mb(r.build.peakRssBytes),
      r.build.vocabulary?.toLocaleString('en-US') ?? '—',
      r.build.longestPostingList?.toLocaleString('en-US') ?? '—',
    ]),
  );
  const efs = [...new Set(results.flatMap((r) => r.serve.recall.byEf.map((e) => e.efSearch)))].sort((a, b) => a - b);
  const serve = formatTable(
    ['size', 'corpus', 'startup s', 'index load s', 'fresh mem s/GiB', 'serve RSS MiB', 'retrieve p50', 'p95', 'p99', 'CPU p50', 'CPU p95', 'ask p50', 'ask p95', 'R@10 served', ...efs.map((ef) => `R@10 ef${ef}`)],
    results.map((r) => [
      r.size,
      styleOf(r),
      r.serve.loadSeconds.toFixed(2),
      r.serve.indexLoadSeconds.toFixed(2),
      r.freshMemory ? r.freshMemory.secondsPerGiB.toFixed(2) : '—',
      mb(r.serve.peakRssBytes),
      ms(r.serve.retrieveMs.p50),
      ms(r.serve.retrieveMs.p95),
      ms(r.serve.retrieveMs.p99),
      r.serve.retrieveCpuMs ? ms(r.serve.retrieveCpuMs.p50) : '—',
      r.serve.retrieveCpuMs ? ms(r.serve.retrieveCpuMs.p95) : '—',
      ms(r.serve.askMs.p50),
      ms(r.serve.askMs.p95),
      r.serve.recall.served ? `${r.serve.recall.served.recallAt10.toFixed(3)} (${r.serve.recall.served.mode ?? (r.serve.recall.served.exact ? 'exact' : 'graph')})` : '—',
      ...efs.map((ef) => r.serve.recall.byEf.find((e) => e.efSearch === ef)?.recallAt10.toFixed(3) ?? '—'),
    ]),
  );
  const hnsw = results[0]?.serve.hnsw;
  const withPeers = results.filter((r) => r.peers && r.peers.length > 0);
  const rate = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
  const peerTable = formatTable(
    ['size', 'corpus', 'system', 'passages', 'build s', 'disk MiB', 'build RSS MiB', 'serve RSS MiB', 'query p50', 'p95', 'hit@5 (dev)'],
    withPeers.flatMap((r) => [
      [r.size, styleOf(r), 'zhauap (hybrid retrieve)', String(r.build.chunks), r.build.seconds.toFixed(1), mb(r.build.diskBytes), mb(r.build.peakRssBytes), mb(r.serve.peakRssBytes), ms(r.serve.retrieveMs.p50), ms(r.serve.retrieveMs.p95), rate(r.serve.hit5)],
      ...r.peers!.map((p) => [
        r.size,
        styleOf(r),
        PEER_LABELS[p.peer],
        String(p.build.passages),
        p.build.seconds.toFixed(1),
        mb(p.build.diskBytes),
        mb(p.build.peakRssBytes),
        mb(p.serve.peakRssBytes),
        ms(p.serve.queryMs.p50),
        ms(p.serve.queryMs.p95),
        rate(p.serve.hit5),
      ]),
    ]),
  );
  const loads = results.filter((r) => r.load).map((r) => `${r.size} ${styleOf(r)} ${r.load!.start.toFixed(1)}→${r.load!.end.toFixed(1)}`);
  return [
    'Scale: build (one child process per size)',
    build,
    '',
    `Scale: serve (latencies in ms over ${results[0]?.serve.queries ?? QUERY_COUNT} queries; recall@10 of HNSW vs exact search on ${results[0]?.serve.recall.sample ?? RECALL_SAMPLE} queries)`,
    serve,
    hnsw ? `HNSW: M=${hnsw.m}, efConstruction=${hnsw.efConstruction}; efSearch served = clamp(2·√(chunks per shard), 128, 1024), every shard searched at it: ${results.map((r) => (r.serve.hnsw.shards === 0 ? `${r.size} no graph (flat: every search exact)` : `${r.size} ${r.serve.hnsw.efSearch} × ${r.serve.hnsw.shards ?? 1} shard(s)`)).join(', ')} (the other ef columns are what-ifs)` : '',
    ...(withPeers.length > 0
      ? ['', 'Peers (same corpus, same 200 queries, same machine; hit@5 over the answerable dev questions, seed articles among the generated ones)', peerTable]
      : []),
    ...(loads.length > 0 ? ['', `Load average (1 min) at start→end of each size, on 2 shared cores: ${loads.join('; ')}`] : []),
  ].join('\n');
}

/** Latency p95 and peak RSS against corpus size, with the targets as dashed lines. */
export function scaleChart(results: readonly ScaleResult[]): string {
  const points = (y: (r: ScaleResult) => number) => results.map((r) => ({ x: r.build.chunks, y: y(r) }));
  return renderChart([
    {
      title: 'Latency p95 vs corpus size',
      xLabel: 'chunks (log scale)',
      yLabel: 'ms',
      series: [
        { name: 'retrieve p95', points: points((r) => r.serve.retrieveMs.p95) },
        { name: 'ask p95', points: points((r) => r.serve.askMs.p95) },
      ],
      target: { y: TARGETS.retrieveP95Ms, label: `target retrieve p95 ≤ ${TARGETS.retrieveP95Ms} ms` },
    },
    {
      title: 'Peak RSS vs corpus size',
      xLabel: 'chunks (log scale)',
      yLabel: 'MiB',
      series: [
        { name: 'serve', points: points((r) => mib(r.serve.peakRssBytes)) },
        { name: 'build', points: points((r) => mib(r.build.peakRssBytes)) },
      ],
      target: { y: mib(TARGETS.peakRssBytes), label: 'target ≤ 3 GiB at 1M' },
    },
  ]);
}
