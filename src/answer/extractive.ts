import type { Chunk } from '../index/chunk.js';
import type { RetrievedPassage } from '../retrieval/passage.js';
import type { RetrievalFilters } from '../shared/filters.js';
import type { Thesaurus } from '../retrieval/thesaurus.js';
import { analyze, isKazakhWord, tokenize } from '../text/analyzer.js';
import { detectRegions } from '../corpus/regions.js';
import { splitSentences } from '../text/sentences.js';
import type { Answer, AnswerRequest, Answerer, Citation } from './answer.js';
import { answerId, citationOf } from './citations.js';
import { NOT_FOUND } from '../texts/ru.js';
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
  /**
   * Minimum evidence for an answer: the mean of the question's weighted-term coverage by the
   * quoted sentence and by its context (neighbour sentences and headline). Calibrated with
   * `npm run calibrate`.
   */
  minCoverage: number;
  maxChars: number;
  maxSentences: number;
  /** Passages (after ranking) whose sentences are candidates. */
  candidatePassages: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveSettings = {
  minCoverage: 0.2,
  maxChars: 600,
  maxSentences: 4,
  candidatePassages: 5,
};

/** A synonym found instead of the question's own word counts for this much. */
const SYNONYM_CREDIT = 0.7;
const TYPE_BONUS = 0.15;
const REGION_BONUS = 0.1;
/** Kazakh sentences yield to Russian ones of similar fit: answers are in Russian. */
const KAZAKH_FACTOR = 0.75;
const MIN_SENTENCE_WORDS = 4;
/** Distinct question terms an answer's context must cover (fewer when the question has fewer). */
const MIN_MATCHED_TERMS = 2;
/** Question types whose fact has a recognisable form (see typeFit). */
const PATTERN_TYPES = new Set<QuestionType>(['сколько', 'когда', 'кто', 'где']);
/** A typed sentence backs up the best one when it covers at least this share of what the best covers. */
const TYPED_BACKUP_RATIO = 0.5;
/** Extra sentences must be nearly as good as the best one. */
const FOLLOWER_RATIO = 0.6;
/** A headline repeats the question's words but rarely holds the specific fact. */
const TITLE_FACTOR = 0.7;

interface QueryTerm {
  term: string;
  idf: number;
  synonyms: readonly string[];
}

export interface Candidate {
  text: string;
  isTitle: boolean;
  passage: RetrievedPassage;
  /** Mean of sentence coverage and context coverage (see ExtractiveSettings.minCoverage). */
  coverage: number;
  /** How many distinct question terms the sentence and its context cover. */
  matched: number;
  /** The sentence's analysed terms. */
  terms: ReadonlySet<string>;
  score: number;
  order: number;
}

// Words that only say "some region": once a region filter holds, they prove nothing.
const AREA_TERMS = new Set(['област', 'облыс', 'регион', 'өңір', 'город', 'қала']);

/**
 * Stems of the question words that name a region. When retrieval already filters by that region,
 * every passage "covers" them, so counting them would let an article that merely lists
 * "Павлодарская область" answer "Кто аким Павлодарской области?".
 */
export function regionTerms(question: string): Set<string> {
  const mentioned = detectRegions(question).length;
  const words = [...question.matchAll(/[\p{L}-]+/gu)];
  const terms = new Set<string>(AREA_TERMS);
  for (const w of words) {
    const at = w.index ?? 0;
    const blanked = question.slice(0, at) + ' '.repeat(w[0].length) + question.slice(at + w[0].length);
    if (detectRegions(blanked).length < mentioned) for (const t of analyze(w[0])) terms.add(t);
  }
  return terms;
}

const CAPITALIZED = /^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/;

/**
 * Terms the evidence cannot do without: names, abbreviations and numbers the question states
 * ("министр энергетики", "МРП на 2026 год", "Fitch"). A passage about another ministry, year or
 * agency does not answer it, however many ordinary words it shares. The first word (capitalised
 * anyway) and the terms in `ignore` (region names a filter already enforces) do not count.
 */
export function requiredTerms(question: string, ignore: ReadonlySet<string>): Set<string> {
  const words = [...question.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)].map((m) => m[0]);
  const required = new Set<string>();
  words.forEach((word, i) => {
    const named = i > 0 && CAPITALIZED.test(word);
    if (!named && !/\d/.test(word)) return;
    for (const term of analyze(word)) if (!ignore.has(term)) required.add(term);
  });
  return required;
}

export function queryTerms(question: string, stats: TermStats, thesaurus: Thesaurus, ignore: ReadonlySet<string> = new Set()): QueryTerm[] {
  return [...new Set(analyze(question))].filter((term) => !ignore.has(term)).map((term) => ({
    term,
    idf: stats.idf(term),
    synonyms: thesaurus.get(term) ?? [],
  }));
}

/** The term itself or one of its synonyms is among `terms`. */
function covers(q: QueryTerm, terms: ReadonlySet<string>): boolean {
  return terms.has(q.term) || q.synonyms.some((s) => terms.has(s));
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

/** The question terms a sentence covers, itself or through a synonym. */
function coveredTerms(query: QueryTerm[], terms: ReadonlySet<string>): string[] {
  return query.filter((q) => covers(q, terms)).map((q) => q.term);
}

function isMostlyKazakh(sentence: string): boolean {
  const words = tokenize(sentence);
  return words.length > 0 && words.filter(isKazakhWord).length / words.length >= 0.2;
}

function sentencesOf(chunk: Chunk): Array<{ text: string; isTitle: boolean }> {
  const sentences = splitSentences(chunk.text).map((text) => ({ text, isTitle: false }));
  // A listing title is a statement of fact in its own right ("В Акмолинской области построят аквапарк").
  const titled = chunk.ordinal === 0 && chunk.title && !chunk.text.startsWith(chunk.title);
  return titled ? [{ text: chunk.title, isTitle: true }, ...sentences] : sentences;
}

export function scoreCandidates(
  query: QueryTerm[],
  question: string,
  passages: RetrievedPassage[],
  settings: ExtractiveSettings,
  required: ReadonlySet<string> = new Set(),
  regions: readonly string[] = [],
): Candidate[] {
  const type = questionType(question);
  const mustHave = query.filter((q) => required.has(q.term));
  const candidates: Candidate[] = [];
  let order = 0;
  for (const passage of passages.slice(0, settings.candidatePassages)) {
    const sentences = sentencesOf(passage.chunk);
    const termSets = sentences.map((s) => new Set(analyze(s.text)));
    const titleTerms = new Set(analyze(passage.chunk.title));
    const passageTerms = new Set([...titleTerms, ...termSets.flatMap((t) => [...t])]);
    if (!mustHave.every((q) => covers(q, passageTerms))) continue;
    sentences.forEach(({ text, isTitle }, i) => {
      const words = tokenize(text);
      if (words.length < MIN_SENTENCE_WORDS) return;
      const sentenceCoverage = coverage(query, termSets[i]!);
      if (sentenceCoverage === 0) return;
      // Its neighbours and the headline vouch for a sentence: a paraphrased question rarely shares
      // many words with one sentence, but a whole long passage covers words by chance.
      const context = new Set([...titleTerms, ...(termSets[i - 1] ?? []), ...termSets[i]!, ...(termSets[i + 1] ?? [])]);
      const cov = (sentenceCoverage + coverage(query, context)) / 2;
      const matched = query.filter((q) => covers(q, context)).length;
      const rankPrior = 0.05 / passage.rank;
      // Asked about a region, a sentence that names it is more on point than one from an article
      // that mentions the region elsewhere.
      const regionFit = regions.length > 0 && detectRegions(text).some((r) => regions.includes(r)) ? REGION_BONUS : 0;
      let score = cov + TYPE_BONUS * typeFit(type, text, question) + regionFit + rankPrior;
      if (isMostlyKazakh(text)) score *= KAZAKH_FACTOR;
      if (isTitle) score *= TITLE_FACTOR;
      candidates.push({ text, isTitle, passage, coverage: cov, matched, terms: termSets[i]!, score, order: order++ });
    });
  }
  return candidates.sort((a, b) => b.score - a.score || a.order - b.order);
}

/** Cuts an over-long sentence to the window holding most question words (and wanted facts), marking the cuts. */
export function clipSentence(sentence: string, query: QueryTerm[], maxChars: number, type: QuestionType = 'что'): string {
  if (sentence.length <= maxChars) return sentence;
  const wanted = new Set(query.flatMap((q) => [q.term, ...q.synonyms]));
  const words = [...sentence.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
  const factWord = type === 'сколько' || type === 'когда' ? /\d/ : type === 'кто' || type === 'где' ? /^[«"(]?[А-ЯЁӘҒҚҢӨҰҮҺІ]/ : undefined;
  const hits = words.map((w, i) => (analyze(w.text).some((t) => wanted.has(t)) ? 1 : 0) + (i > 0 && factWord?.test(w.text) ? 1 : 0));
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

/** Room a marker " [n]" and the joining space take. */
const MARKER_ROOM = 6;
/** Below this a clipped sentence says too little to be worth quoting. */
const MIN_CLIP = 150;

/**
 * Fits the chosen sentences into the answer budget in order of importance: each may use what
 * is left after reserving MIN_CLIP for every later one; one that no longer fits becomes null, so
 * the result stays aligned with the input (each sentence keeps its own source).
 */
export function fitToBudget(sentences: string[], query: QueryTerm[], type: QuestionType, maxChars: number): Array<string | null> {
  const out: Array<string | null> = [];
  let remaining = maxChars;
  sentences.forEach((sentence, i) => {
    const later = sentences.length - 1 - i;
    const cap = remaining - MARKER_ROOM - later * (MIN_CLIP + MARKER_ROOM);
    const room = Math.max(cap, remaining - MARKER_ROOM);
    if (room < MIN_CLIP && sentence.length > room) {
      out.push(null);
      return;
    }
    const text = clipSentence(sentence, query, Math.min(sentence.length, Math.max(cap, MIN_CLIP), room), type);
    out.push(text);
    remaining -= text.length + MARKER_ROOM;
  });
  return out;
}

function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

export interface Composition {
  answered: boolean;
  text: string;
  citations: Citation[];
  /** Coverage of the best candidate sentence: the evidence the refusal threshold is set on. */
  bestCoverage: number;
}

export function compose(
  question: string,
  passages: RetrievedPassage[],
  stats: TermStats,
  thesaurus: Thesaurus,
  settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
  filters: RetrievalFilters = {},
): Composition {
  const named = regionTerms(question);
  const ignore = filters.regions && filters.regions.length > 0 ? named : new Set<string>();
  const narrowed = queryTerms(question, stats, thesaurus, ignore);
  // "Что нового в Алматы?": when the region is all the question says, it is what must be covered.
  const query = narrowed.length > 0 ? narrowed : queryTerms(question, stats, thesaurus);
  // A year that set the date filter need not be written in the article's text.
  const datedYears = filters.dateFrom ? new Set([filters.dateFrom.slice(0, 4), (filters.dateTo ?? filters.dateFrom).slice(0, 4)]) : new Set<string>();
  // Region names are enforced by the retrieval filter, not here: "в Акмолинской области и в Алматы" needs two passages.
  const required = requiredTerms(question, new Set([...named, ...datedYears]));
  const candidates = scoreCandidates(query, question, passages, settings, required, filters.regions);
  const best = candidates[0];
  const bestCoverage = best?.coverage ?? 0;
  // One rare word in common ("доллар") is not an answer to "Какой курс доллара к тенге?".
  const enoughTerms = best !== undefined && best.matched >= Math.min(MIN_MATCHED_TERMS, query.length);
  if (!best || bestCoverage < settings.minCoverage || !enoughTerms) return { answered: false, text: NOT_FOUND, citations: [], bestCoverage };

  const type = questionType(question);
  const chosen: Candidate[] = [best];
  const fits = (c: Candidate) => typeFit(type, c.text, question) === 1;
  // "Кто президент НАН?": the sentence repeating the question's words may lack the name itself;
  // a sentence that holds the wanted kind of fact and covers enough of the question joins it.
  if (PATTERN_TYPES.has(type) && !fits(best)) {
    const typed = candidates.find((c) => fits(c) && c.coverage >= best.coverage * TYPED_BACKUP_RATIO && c.coverage >= settings.minCoverage * TYPED_BACKUP_RATIO);
    if (typed) chosen.push(typed);
  }
  // Further sentences must be nearly as good and say something the chosen ones do not: cover a
  // question word they miss, or (broad questions) come from another article. Four sentences that
  // repeat one fact only bury it.
  const covered = new Set(chosen.flatMap((c) => coveredTerms(query, c.terms)));
  for (const c of candidates.slice(1)) {
    if (chosen.length >= settings.maxSentences) break;
    if (c.score < best.score * FOLLOWER_RATIO || c.coverage < settings.minCoverage) break;
    if (chosen.some((x) => x.text === c.text || overlap(x.terms, c.terms) > 0.8)) continue;
    const adds = coveredTerms(query, c.terms).filter((t) => !covered.has(t));
    // A broad "что" question ("Что строят в Акмолинской области?") is answered better by several
    // articles than by one: another article's sentence counts as new even with the same words.
    const otherArticle = type === 'что' && !chosen.some((x) => x.passage.chunk.articleId === c.passage.chunk.articleId);
    if (adds.length === 0 && !otherArticle) continue;
    for (const t of adds) covered.add(t);
    chosen.push(c);
  }
  const clipped = fitToBudget(chosen.map((c) => c.text), query, type, settings.maxChars);

  const citations: Citation[] = [];
  const markerOf = (chunk: Chunk): number => {
    const existing = citations.find((c) => c.chunkId === chunk.id);
    if (existing) return existing.n;
    citations.push(citationOf(citations.length + 1, chunk));
    return citations.length;
  };
  // Marker numbers follow reading order; each sentence ends with its own source.
  const text = clipped
    .flatMap((sentence, i) => (sentence === null ? [] : [`${sentence} [${markerOf(chosen[i]!.passage.chunk)}]`]))
    .join(' ');
  return { answered: true, text, citations, bestCoverage };
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
    const result = compose(question, passages, this.stats, this.thesaurus, this.settings, filters);
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
