import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExtractiveAnswerer } from '../src/answer/extractive.js';
import { loadConfig } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { createEngine } from '../src/engine/create-engine.js';
import { resolveFilters } from '../src/engine/local-engine.js';
import { createLogger } from '../src/logger.js';
import type { RetrievedPassage } from '../src/retrieval/passage.js';
import type { RetrievalFilters } from '../src/shared/filters.js';
import { MiniSearchBaseline } from './baselines/minisearch.js';
import { containsFact, expectedArticleId, loadDevset, type DevQuestion } from './devset.js';
import { firstRank, formatTable, mean } from './metrics.js';

/**
 * Retrieval and answer quality on the dev set, the engine against baselines, from one run:
 * every system's passages go through the same extractive answerer and the same checks.
 * Hit = the expected article among the retrieved passages (top 10, as `ask` uses).
 */

export const SYSTEMS = ['bm25-plain', 'bm25-stem', 'vector', 'hybrid'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export const SYSTEM_DESCRIPTIONS: Record<SystemName, string> = {
  'bm25-plain': 'MiniSearch BM25, no stemming, 1000-char chunks / 200 overlap',
  'bm25-stem': "engine, mode 'lexical' (stemmed BM25 + thesaurus)",
  vector: "engine, mode 'vector'",
  hybrid: "engine, mode 'hybrid' (RRF of both)",
};

const PASSAGES = 10;

export interface QuestionResult {
  id: string;
  kind: DevQuestion['kind'];
  qtype: string;
  /** 1-based rank of the first passage from the expected article; undefined when absent or off-corpus. */
  rank: number | undefined;
  answered: boolean;
  fact: boolean;
}

export interface GroupScores {
  n: number;
  hit1: number;
  hit5: number;
  mrr: number;
  fact: number;
  /** Refusal rate on off-corpus questions of the group (null when it has none). */
  refusedOffCorpus: number | null;
}

export interface QualityReport {
  devset: string;
  questions: number;
  embedder: string;
  chunks: { engine: number; minisearch: number };
  systems: Record<SystemName, { description: string; questions: QuestionResult[]; groups: Record<string, GroupScores> }>;
}

export interface QualityOptions {
  dataDir: string;
  devsetFile: string;
  embeddings: 'builtin' | 'auto' | 'transformers';
}

type Retrieve = (question: string, filters: RetrievalFilters) => Promise<RetrievedPassage[]>;

/** Scores of a set of results: hit rates over answerable questions, refusals over off-corpus ones. */
export function scoreGroup(results: readonly QuestionResult[]): GroupScores {
  const answerable = results.filter((r) => r.kind !== 'offcorpus');
  const off = results.filter((r) => r.kind === 'offcorpus');
  const share = (pass: (r: QuestionResult) => boolean) => (answerable.length === 0 ? 0 : answerable.filter(pass).length / answerable.length);
  return {
    n: answerable.length,
    hit1: share((r) => r.rank === 1),
    hit5: share((r) => r.rank !== undefined && r.rank <= 5),
    mrr: mean(answerable.map((r) => (r.rank ? 1 / r.rank : 0))),
    fact: share((r) => r.fact),
    refusedOffCorpus: off.length === 0 ? null : off.filter((r) => !r.answered).length / off.length,
  };
}

/** "all", then one group per kind and per question type. */
export function groupScores(results: readonly QuestionResult[]): Record<string, GroupScores> {
  const groups: Record<string, GroupScores> = { all: scoreGroup(results) };
  for (const kind of [...new Set(results.map((r) => r.kind))]) groups[`kind:${kind}`] = scoreGroup(results.filter((r) => r.kind === kind));
  for (const qtype of [...new Set(results.map((r) => r.qtype))]) groups[`type:${qtype}`] = scoreGroup(results.filter((r) => r.qtype === qtype));
  return groups;
}

export async function runQuality(options: QualityOptions): Promise<QualityReport> {
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-quality-'));
  try {
    const config = loadConfig({ DATA_DIR: options.dataDir, INDEX_DIR: indexDir, EMBEDDINGS: options.embeddings, LOG_LEVEL: 'warn' });
    const engine = await createEngine(config, createLogger('warn'));
    const { articles } = await loadCorpus(config.dataDir);
    const devset = await loadDevset(options.devsetFile);
    const minisearch = MiniSearchBaseline.build(articles);
    const answerer = new ExtractiveAnswerer(engine.termStats(), engine.thesaurus);

    const retrievers: Record<SystemName, { retrieve: Retrieve; filtered: boolean }> = {
      // A quick RAG knows nothing of regions or dates: no filters, for retrieval or the answerer.
      'bm25-plain': { retrieve: async (q) => minisearch.retrieve(q, PASSAGES), filtered: false },
      'bm25-stem': { retrieve: (q, f) => engine.retrieve(q, f, PASSAGES, 'lexical'), filtered: true },
      vector: { retrieve: (q, f) => engine.retrieve(q, f, PASSAGES, 'vector'), filtered: true },
      hybrid: { retrieve: (q, f) => engine.retrieve(q, f, PASSAGES, 'hybrid'), filtered: true },
    };

    const systems = {} as QualityReport['systems'];
    for (const name of SYSTEMS) {
      const { retrieve, filtered } = retrievers[name];
      const questions: QuestionResult[] = [];
      for (const q of devset) {
        const expected = expectedArticleId(q, articles);
        // The same filters `ask` would apply (regions and dates named in the question).
        const filters = filtered ? resolveFilters(q.question, {}) : {};
        const passages = await retrieve(q.question, filters);
        const answer = await answerer.answer({ question: q.question, passages, filters });
        questions.push({
          id: q.id,
          kind: q.kind,
          qtype: q.qtype,
          rank: expected === undefined ? undefined : firstRank(passages, (p) => p.chunk.articleId === expected),
          answered: answer.answered,
          fact: answer.answered && containsFact(answer.answer, q.facts ?? []),
        });
      }
      systems[name] = { description: SYSTEM_DESCRIPTIONS[name], questions, groups: groupScores(questions) };
    }
    return {
      devset: options.devsetFile,
      questions: devset.length,
      embedder: engine.stats().embedder,
      chunks: { engine: engine.stats().chunks, minisearch: minisearch.size },
      systems,
    };
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

/** Whether the hybrid beats every baseline on hit@1 and hit@5 (strictly), over all answerable questions. */
export function hybridWins(report: QualityReport): { hit1: boolean; hit5: boolean } {
  const all = (name: SystemName) => report.systems[name].groups.all!;
  const baselines = SYSTEMS.filter((s) => s !== 'hybrid');
  return {
    hit1: baselines.every((s) => all('hybrid').hit1 > all(s).hit1),
    hit5: baselines.every((s) => all('hybrid').hit5 > all(s).hit5),
  };
}

const f2 = (n: number) => n.toFixed(2);

export function formatQuality(report: QualityReport): string {
  const groupNames = Object.keys(report.systems.hybrid.groups);
  const rows = groupNames.flatMap((group) =>
    SYSTEMS.map((name) => {
      const g = report.systems[name].groups[group]!;
      const rate = (v: number | null) => (v === null ? '—' : f2(v));
      const hits = g.n === 0 ? [null, null, null, null] : [g.hit1, g.hit5, g.mrr, g.fact];
      return [group, name, String(g.n), ...hits.map(rate), rate(g.refusedOffCorpus)];
    }),
  );
  const wins = hybridWins(report);
  return [
    `Quality: ${report.devset} (${report.questions} questions), embedder ${report.embedder}, ` +
      `${report.chunks.engine} engine chunks, ${report.chunks.minisearch} MiniSearch chunks`,
    formatTable(['group', 'system', 'n', 'hit@1', 'hit@5', 'MRR', 'fact', 'refO'], rows),
    ...SYSTEMS.map((s) => `  ${s}: ${SYSTEM_DESCRIPTIONS[s]}`),
    'columns: n = answerable questions; hit@k = expected article among the top k passages; MRR over the top 10;',
    '  fact = the extractive answer over that system\'s passages contains every expected fact; refO = refusal rate on off-corpus questions',
    `hybrid beats every baseline: hit@1 ${wins.hit1 ? 'yes' : 'NO'}, hit@5 ${wins.hit5 ? 'yes' : 'NO'}`,
  ].join('\n');
}
