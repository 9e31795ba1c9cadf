import { mib } from './metrics.js';
import { hybridWins, type QualityReport } from './quality.js';
import { styleOf, TARGETS, type ScaleResult } from './scale.js';

/** The project's performance and quality targets, each judged on the results at hand. */

export interface TargetCheck {
  target: string;
  /** null: not measured in these results (e.g. no 1M run). */
  met: boolean | null;
  measured: string;
}

const find = (results: readonly ScaleResult[], size: string) => results.find((r) => r.size === size && styleOf(r) === 'realistic') ?? results.find((r) => r.size === size);

export function checkTargets(quality: QualityReport | undefined, scale: readonly ScaleResult[]): TargetCheck[] {
  const at100k = find(scale, '100k');
  const at1m = find(scale, '1m');
  // The search as served where measured (exact over the int8 copy within VECTOR_EXACT_LIMIT), else the graph at the served ef.
  const chosen = (r: ScaleResult) => r.serve.recall.served?.recallAt10 ?? r.serve.recall.byEf.find((e) => e.efSearch === r.serve.hnsw.efSearch)?.recallAt10 ?? NaN;
  const how = (r: ScaleResult) => (r.serve.recall.served ? (r.serve.recall.served.exact ? 'exact search as served' : `the graph as served, efSearch ${r.serve.hnsw.efSearch}`) : `efSearch ${r.serve.hnsw.efSearch}`);
  const checks: TargetCheck[] = [
    {
      target: `100k chunks: retrieval p95 ≤ ${TARGETS.retrieveP95Ms} ms`,
      met: at100k ? at100k.serve.retrieveMs.p95 <= TARGETS.retrieveP95Ms : null,
      measured: at100k ? `${at100k.serve.retrieveMs.p95.toFixed(1)} ms${at100k.serve.retrieveCpuMs ? ` (CPU ${at100k.serve.retrieveCpuMs.p95.toFixed(1)} ms)` : ''}` : 'not run',
    },
    {
      target: `100k chunks: vector recall@10 ≥ ${TARGETS.recallAt10} (as served)`,
      met: at100k ? chosen(at100k) >= TARGETS.recallAt10 : null,
      measured: at100k ? `${chosen(at100k).toFixed(3)}, ${how(at100k)}` : 'not run',
    },
    {
      target: `100k chunks: ingest ≥ ${TARGETS.chunksPerSecond} chunks/s`,
      met: at100k ? at100k.build.chunksPerSecond >= TARGETS.chunksPerSecond : null,
      measured: scale.length > 0 ? scale.map((r) => `${r.size} ${styleOf(r)}: ${r.build.chunksPerSecond.toFixed(0)}/s`).join(', ') : 'not run',
    },
    {
      target: '100k chunks: retrieval p95 below every peer\'s query p95',
      met: at100k?.peers?.length ? at100k.peers.every((p) => at100k.serve.retrieveMs.p95 < p.serve.queryMs.p95) : null,
      measured: at100k?.peers?.length
        ? `${at100k.serve.retrieveMs.p95.toFixed(1)} ms vs ${at100k.peers.map((p) => `${p.peer} ${p.serve.queryMs.p95.toFixed(1)} ms`).join(', ')}`
        : 'not run',
    },
    {
      target: `1M chunks: retrieval p95 ≤ ${TARGETS.retrieveP95Ms} ms`,
      met: at1m ? at1m.serve.retrieveMs.p95 <= TARGETS.retrieveP95Ms : null,
      measured: at1m ? `${at1m.serve.retrieveMs.p95.toFixed(1)} ms (${styleOf(at1m)} corpus)` : 'not run',
    },
    {
      target: `1M chunks: build and serve peak RSS ≤ ${mib(TARGETS.peakRssBytes) / 1024} GiB`,
      met: at1m ? at1m.serve.peakRssBytes <= TARGETS.peakRssBytes && at1m.build.peakRssBytes <= TARGETS.peakRssBytes : null,
      measured: at1m ? `serve ${(mib(at1m.serve.peakRssBytes) / 1024).toFixed(2)} GiB, build ${(mib(at1m.build.peakRssBytes) / 1024).toFixed(2)} GiB` : 'not run',
    },
    {
      target: `1M chunks: index loads in ≤ ${TARGETS.loadSeconds} s`,
      met: at1m ? at1m.serve.indexLoadSeconds <= TARGETS.loadSeconds : null,
      measured: at1m ? `loadIndex ${at1m.serve.indexLoadSeconds.toFixed(1)} s; bot startup (corpus check + load) ${at1m.serve.loadSeconds.toFixed(1)} s` : 'not run',
    },
  ];
  if (quality) {
    const wins = hybridWins(quality);
    const all = quality.systems;
    const best = (metric: 'hit1' | 'hit5') =>
      Math.max(...(['bm25-plain', 'bm25-stem', 'vector'] as const).map((s) => all[s].groups.all![metric]));
    checks.push({
      target: 'hybrid beats every baseline on hit@1 and hit@5',
      met: wins.hit1 && wins.hit5,
      measured: `hit@1 ${all.hybrid.groups.all!.hit1.toFixed(2)} vs best baseline ${best('hit1').toFixed(2)}, hit@5 ${all.hybrid.groups.all!.hit5.toFixed(2)} vs ${best('hit5').toFixed(2)}`,
    });
  }
  return checks;
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  const mark = (m: boolean | null) => (m === null ? 'n/a ' : m ? 'MET ' : 'MISS');
  return ['Targets', ...checks.map((c) => `  [${mark(c.met)}] ${c.target}: ${c.measured}`)].join('\n');
}
