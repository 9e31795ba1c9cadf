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
const devset = await loadDevset('bench/devset.jsonl');
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
let best = { t: 0, cost: Infinity, refA: 0, refO: 0 };
for (let t = 0.2; t <= 0.9; t += 0.01) {
  const refA = points.filter((p) => p.answerable && p.coverage < t).length / points.filter((p) => p.answerable).length;
  const refO = points.filter((p) => !p.answerable && p.coverage < t).length / points.filter((p) => !p.answerable).length;
  // Wrongly refusing an answerable question costs more than answering an off-corpus one from real sources.
  const cost = 2 * refA + (1 - refO);
  if (cost < best.cost) best = { t, cost, refA, refO };
}
console.log(`best threshold ${best.t.toFixed(2)}: refusal on answerable ${best.refA.toFixed(2)}, on off-corpus ${best.refO.toFixed(2)}`);
