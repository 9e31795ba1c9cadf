import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { createEngine } from '../src/engine/create-engine.js';
import type { Thesaurus } from '../src/retrieval/thesaurus.js';
import { createLogger } from '../src/logger.js';
import { containsFact, expectedArticleId, loadDevset, type DevQuestion } from './devset.js';
import { quantile } from './metrics.js';

/**
 * `npm run eval`: quality of the engine on the dev set — hit@1, hit@5, answer-contains-fact,
 * refusal rates, answer length and latency — overall, per kind and per question type.
 */

interface Row {
  q: DevQuestion;
  answered: boolean;
  rank: number | undefined;
  fact: boolean;
  chars: number;
  ms: number;
  answer: string;
}

const pct = (n: number, d: number) => (d === 0 ? '   —' : (n / d).toFixed(2).padStart(4));

function summarize(label: string, rows: Row[]): string {
  const answerable = rows.filter((r) => r.q.kind !== 'offcorpus');
  const off = rows.filter((r) => r.q.kind === 'offcorpus');
  const hit1 = answerable.filter((r) => r.rank === 1).length;
  const hit5 = answerable.filter((r) => r.rank !== undefined && r.rank <= 5).length;
  const facts = answerable.filter((r) => r.fact).length;
  const refusedAns = answerable.filter((r) => !r.answered).length;
  const refusedOff = off.filter((r) => !r.answered).length;
  return [
    label.padEnd(12),
    String(rows.length).padStart(3),
    pct(hit1, answerable.length),
    pct(hit5, answerable.length),
    pct(facts, answerable.length),
    pct(refusedAns, answerable.length),
    pct(refusedOff, off.length),
  ].join('  ');
}

export async function runEval(devsetFile: string, withThesaurus = true, vectorWeight?: number, thesaurus?: Thesaurus) {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // Without the thesaurus: measures what query expansion adds for paraphrased and Kazakh questions.
  const engine = await createEngine(config, logger, {
    ...(withThesaurus ? (thesaurus ? { thesaurus } : {}) : { thesaurus: new Map() }),
    ...(vectorWeight === undefined ? {} : { vectorWeight }),
  });
  const { articles } = await loadCorpus(config.dataDir);
  const devset = await loadDevset(devsetFile);

  const rows: Row[] = [];
  for (const q of devset) {
    const expected = expectedArticleId(q, articles);
    const t0 = performance.now();
    const answer = await engine.ask(q.question);
    const ms = performance.now() - t0;
    const idx = answer.passages.findIndex((p) => p.chunk.articleId === expected);
    rows.push({
      q,
      answered: answer.answered,
      rank: idx >= 0 ? idx + 1 : undefined,
      fact: answer.answered && containsFact(answer.answer, q.facts ?? []),
      chars: answer.answered ? answer.answer.length : 0,
      ms,
      answer: answer.answer,
    });
  }
  return { rows, embedder: engine.stats().embedder };
}

async function main() {
  const { values } = parseArgs({
    options: {
      devset: { type: 'string', default: path.join('bench', 'devset.jsonl') },
      verbose: { type: 'boolean', short: 'v', default: false },
      'no-thesaurus': { type: 'boolean', default: false },
    },
  });
  const { rows, embedder } = await runEval(values.devset!, !values['no-thesaurus']);
  const out: string[] = [];
  out.push(`dev set: ${values.devset} (${rows.length} questions), embedder: ${embedder}${values['no-thesaurus'] ? ', thesaurus OFF' : ''}`);
  out.push(['group'.padEnd(12), '  n', 'hit1', 'hit5', 'fact', 'refA', 'refO'].join('  '));
  out.push(summarize('all', rows));
  for (const kind of ['fact', 'paraphrase', 'kazakh', 'offcorpus']) out.push(summarize(`kind:${kind}`, rows.filter((r) => r.q.kind === kind)));
  for (const qtype of [...new Set(rows.map((r) => r.q.qtype))]) out.push(summarize(`type:${qtype}`, rows.filter((r) => r.q.qtype === qtype)));
  const answered = rows.filter((r) => r.answered);
  const overLimit = answered.filter((r) => r.chars > 600).length;
  out.push(`answers over 600 chars: ${overLimit}/${answered.length}; max ${Math.max(0, ...answered.map((r) => r.chars))} chars`);
  out.push(`latency per question (index loaded): p50 ${quantile(rows.map((r) => r.ms), 0.5).toFixed(1)} ms, p95 ${quantile(rows.map((r) => r.ms), 0.95).toFixed(1)} ms`);
  out.push('columns: hit1/hit5 = expected article at rank 1 / in top 5; fact = answer contains the expected fact(s); refA = refusal rate on answerable; refO = refusal rate on off-corpus');
  if (values.verbose) {
    for (const r of rows) {
      const bad = r.q.kind === 'offcorpus' ? r.answered : !r.fact || r.rank !== 1;
      if (bad) out.push(`\n✗ ${r.q.id} [${r.q.kind}/${r.q.qtype}] ${r.q.question}\n  rank=${r.rank ?? '-'} answered=${r.answered} facts=${JSON.stringify(r.q.facts ?? [])}\n  → ${r.answer.slice(0, 300)}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

// Also imported by bench/fusion.ts: run only as a script.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main().catch((err: unknown) => {
  process.stderr.write(`eval: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
