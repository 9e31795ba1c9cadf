import { parseArgs } from 'node:util';
import { compose, DEFAULT_EXTRACTIVE } from '../src/answer/composition.js';
import { loadConfig } from '../src/config.js';
import { createEngine } from '../src/engine/create-engine.js';
import { resolveFilters } from '../src/engine/local-engine.js';
import { createLogger } from '../src/logger.js';
import { loadDevset } from './devset.js';

/**
 * `npm run calibrate`: the refusal threshold's evidence. For every dev question, the coverage of
 * the best candidate sentence; answerable questions should sit above the threshold, off-corpus
 * ones below it. Prints both distributions and the threshold that best separates them.
 */
const config = loadConfig();
const engine = await createEngine(config, createLogger('warn'));
// `--devset FILE` (repeatable) adds development sets, e.g. bench/devset-chat.jsonl with its near misses.
const { values } = parseArgs({ options: { devset: { type: 'string', multiple: true, default: ['bench/devset.jsonl'] } } });
const devset = (await Promise.all((values.devset ?? []).map((f) => loadDevset(f)))).flat();
const open = { ...DEFAULT_EXTRACTIVE, minCoverage: 0 };
const points: Array<{ coverage: number; answerable: boolean; id: string }> = [];
for (const q of devset) {
  const filters = resolveFilters(q.question, {});
  const passages = await engine.retrieve(q.question, filters);
  const result = compose(q.question, passages, engine.termStats(), engine.thesaurus, open, filters);
  const coverage = result.answered ? result.bestCoverage : 0;
  points.push({ coverage, answerable: q.kind !== 'offcorpus', id: q.id });
}
const fmt = (xs: typeof points) => xs.map((p) => `${p.id}:${p.coverage.toFixed(2)}`).join(' ');
console.log('answerable:', fmt(points.filter((p) => p.answerable).sort((a, b) => a.coverage - b.coverage)));
console.log('off-corpus:', fmt(points.filter((p) => !p.answerable).sort((a, b) => a.coverage - b.coverage)));
// Swept from 0 so the chosen threshold is never the sweep's own edge; every threshold of minimal cost is
// reported as a range, and the current setting is shown against it.
const sweep: Array<{ t: number; cost: number; refA: number; refO: number }> = [];
for (let step = 0; step <= 90; step++) {
  const t = step / 100;
  const refA = points.filter((p) => p.answerable && p.coverage < t).length / points.filter((p) => p.answerable).length;
  const refO = points.filter((p) => !p.answerable && p.coverage < t).length / points.filter((p) => !p.answerable).length;
  // Wrongly refusing an answerable question costs more than answering an off-corpus one from real sources.
  sweep.push({ t, cost: 2 * refA + (1 - refO), refA, refO });
}
const minCost = Math.min(...sweep.map((s) => s.cost));
const optimal = sweep.filter((s) => s.cost === minCost);
const lo = optimal[0]!;
const hi = optimal[optimal.length - 1]!;
console.log(`minimal cost ${minCost.toFixed(2)} for thresholds ${lo.t.toFixed(2)}–${hi.t.toFixed(2)}: refusal on answerable ${lo.refA.toFixed(2)}, on off-corpus ${lo.refO.toFixed(2)}`);
const current = sweep.find((s) => Math.abs(s.t - DEFAULT_EXTRACTIVE.minCoverage) < 1e-9);
console.log(`current minCoverage ${DEFAULT_EXTRACTIVE.minCoverage.toFixed(2)}: ${current && current.cost === minCost ? 'inside' : 'outside'} that range`);
