import { createHash } from 'node:crypto';
import type { Chunk } from '../index/chunk.js';
import type { RetrievedPassage } from '../retrieval/passage.js';
import type { Thesaurus } from '../retrieval/thesaurus.js';
import { analyze, isKazakhWord, tokenize } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import type { Answer, AnswerRequest, Answerer, Citation } from './answer.js';
import { NOT_FOUND } from './texts.js';
import { questionType, typeFit, type QuestionType } from './question-type.js';

/**
 * The default answerer: no LLM, no network. It quotes the sentences of the top passages that
 * best cover the question (weighted by how rare each question word is) and fit its type
 * ("сколько" wants a number), and refuses when no sentence covers enough of the question.
 */

export interface TermStats {
  /** Inverse document frequency of an analyzed term in the index (high for rare terms). */
  idf(term: string): number;
}

export interface ExtractiveSettings {
  /** Minimum share of the question's weighted terms a quoted sentence must cover. */
  minCoverage: number;
  maxChars: number;
  maxSentences: number;
  /** Passages (after ranking) whose sentences are candidates. */
  candidatePassages: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveSettings = {
  minCoverage: 0.5,
  maxChars: 600,
  maxSentences: 4,
  candidatePassages: 5,
};

/** A synonym found instead of the question's own word counts for this much. */
const SYNONYM_CREDIT = 0.7;
const TYPE_BONUS = 0.15;
/** Kazakh sentences yield to Russian ones of similar fit: answers are in Russian. */
const KAZAKH_FACTOR = 0.75;
const MIN_SENTENCE_WORDS = 4;
/** Extra sentences must be nearly as good as the best one. */
const FOLLOWER_RATIO = 0.7;

interface QueryTerm {
  term: string;
  idf: number;
  synonyms: readonly string[];
}

export interface Candidate {
  text: string;
  passage: RetrievedPassage;
  coverage: number;
  score: number;
  order: number;
}

export function queryTerms(question: string, stats: TermStats, thesaurus: Thesaurus): QueryTerm[] {
  return [...new Set(analyze(question))].map((term) => ({
    term,
    idf: stats.idf(term),
    synonyms: thesaurus.get(term) ?? [],
  }));
}

/** Weighted share of the question's terms present in `terms` (synonyms give partial credit). */
export function coverage(query: QueryTerm[], terms: ReadonlySet<string>): number {
  let total = 0;
  let hit = 0;
  for (const q of query) {
    total += q.idf;
    if (terms.has(q.term)) hit += q.idf;
    else if (q.synonyms.some((s) => terms.has(s))) hit += q.idf * SYNONYM_CREDIT;
  }
  return total > 0 ? hit / total : 0;
}

function isMostlyKazakh(sentence: string): boolean {
  const words = tokenize(sentence);
  return words.length > 0 && words.filter(isKazakhWord).length / words.length >= 0.2;
}

function sentencesOf(chunk: Chunk): string[] {
  const sentences = splitSentences(chunk.text);
  // A listing title is a statement of fact in its own right ("В Акмолинской области построят аквапарк").
  return chunk.ordinal === 0 && chunk.title && !chunk.text.startsWith(chunk.title) ? [chunk.title, ...sentences] : sentences;
}

export function scoreCandidates(
  query: QueryTerm[],
  type: QuestionType,
  passages: RetrievedPassage[],
  settings: ExtractiveSettings,
): Candidate[] {
  const candidates: Candidate[] = [];
  let order = 0;
  for (const passage of passages.slice(0, settings.candidatePassages)) {
    for (const text of sentencesOf(passage.chunk)) {
      const words = tokenize(text);
      if (words.length < MIN_SENTENCE_WORDS) continue;
      const cov = coverage(query, new Set(analyze(text)));
      if (cov === 0) continue;
      const rankPrior = 0.05 / passage.rank;
      let score = cov + TYPE_BONUS * typeFit(type, text) + rankPrior;
      if (isMostlyKazakh(text)) score *= KAZAKH_FACTOR;
      candidates.push({ text, passage, coverage: cov, score, order: order++ });
    }
  }
  return candidates.sort((a, b) => b.score - a.score || a.order - b.order);
}

/** Cuts an over-long sentence to the window holding most question words, marking the cuts. */
export function clipSentence(sentence: string, query: QueryTerm[], maxChars: number): string {
  if (sentence.length <= maxChars) return sentence;
  const wanted = new Set(query.flatMap((q) => [q.term, ...q.synonyms]));
  const words = [...sentence.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
  const hits = words.map((w) => (analyze(w.text).some((t) => wanted.has(t)) ? 1 : 0));
  let best = { from: 0, to: 0, hits: -1 };
  for (let from = 0; from < words.length; from++) {
    let to = from;
    let count = 0;
    const start = words[from]!.start;
    while (to < words.length && words[to]!.start + words[to]!.text.length - start <= maxChars - 2) {
      count += hits[to]!;
      to++;
    }
    if (count > best.hits) best = { from, to, hits: count };
  }
  const first = words[best.from]!;
  const last = words[Math.max(best.from, best.to - 1)]!;
  const body = sentence.slice(first.start, last.start + last.text.length);
  return `${best.from > 0 ? '…' : ''}${body}${best.to < words.length ? '…' : ''}`;
}

function overlap(a: string, b: string): number {
  const x = new Set(analyze(a));
  const y = new Set(analyze(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

export interface Composition {
  answered: boolean;
  text: string;
  citations: Citation[];
}

export function compose(
  question: string,
  passages: RetrievedPassage[],
  stats: TermStats,
  thesaurus: Thesaurus,
  settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
): Composition {
  const query = queryTerms(question, stats, thesaurus);
  const candidates = scoreCandidates(query, questionType(question), passages, settings);
  const best = candidates[0];
  if (!best || best.coverage < settings.minCoverage) return { answered: false, text: NOT_FOUND, citations: [] };

  const chosen: Candidate[] = [best];
  let length = Math.min(best.text.length, settings.maxChars);
  for (const c of candidates.slice(1)) {
    if (chosen.length >= settings.maxSentences) break;
    if (c.score < best.score * FOLLOWER_RATIO || c.coverage < settings.minCoverage) break;
    if (length + c.text.length + 5 > settings.maxChars) continue;
    if (chosen.some((x) => x.text === c.text || overlap(x.text, c.text) > 0.8)) continue;
    chosen.push(c);
    length += c.text.length + 5;
  }

  const citations: Citation[] = [];
  const markerOf = (chunk: Chunk): number => {
    const existing = citations.find((c) => c.chunkId === chunk.id);
    if (existing) return existing.n;
    citations.push({
      n: citations.length + 1,
      title: chunk.title,
      date: chunk.date,
      url: chunk.url,
      source: chunk.source,
      quote: chunk.text,
      chunkId: chunk.id,
      articleId: chunk.articleId,
    });
    return citations.length;
  };
  // Marker numbers follow reading order; each sentence ends with its own source.
  const budget = Math.floor((settings.maxChars - 5 * chosen.length) / chosen.length);
  const text = chosen
    .map((c) => `${clipSentence(c.text, query, chosen.length === 1 ? settings.maxChars - 5 : Math.max(budget, 200))} [${markerOf(c.passage.chunk)}]`)
    .join(' ');
  return { answered: true, text, citations };
}

export function answerId(question: string, chunkIds: string[]): string {
  return createHash('sha256').update(`${question}\n${chunkIds.join(',')}`).digest('hex').slice(0, 16);
}

/** Titles of the closest distinct articles, offered when the answer is "не нашёл". */
export function suggestTopics(passages: RetrievedPassage[], count = 3): string[] {
  return [...new Set(passages.map((p) => p.chunk.title))].slice(0, count);
}

export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;

  constructor(
    private readonly stats: TermStats,
    private readonly thesaurus: Thesaurus,
    private readonly settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
  ) {}

  async answer({ question, passages, filters }: AnswerRequest): Promise<Answer> {
    const result = compose(question, passages, this.stats, this.thesaurus, this.settings);
    return {
      id: answerId(question, result.citations.map((c) => c.chunkId)),
      question,
      answered: result.answered,
      answer: result.text,
      citations: result.citations,
      passages,
      mode: this.mode,
      suggestions: result.answered ? [] : suggestTopics(passages),
      filters,
    };
  }
}
