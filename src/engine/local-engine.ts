import path from 'node:path';
import type { Answer, Answerer } from '../answer/answer.js';
import type { TermStats } from '../answer/evidence.js';
import { suggestTopics } from '../answer/suggestions.js';
import { NOT_FOUND, notFoundWithFilters } from '../texts/ru.js';
import { notFoundWithFiltersKk } from '../texts/kk.js';
import { detectRegions, namesAnyRegion, REGIONS, regionName } from '../corpus/regions.js';
import type { ArticleSummary, AskOptions, CorpusStats, Engine, RegionCount } from './engine.js';
import { readCurrent } from '../index/generations.js';
import type { LoadedIndex } from '../index/load-index.js';
import type { FollowUpCondenser } from '../conversation/exchange.js';
import { extractDateFilter } from '../retrieval/date-filter.js';
import type { RetrievalFilters } from '../shared/filters.js';
import type { RetrievedPassage } from '../retrieval/passage.js';
import { checkQuestion, findQuestion, UnusableQuestionError } from './question.js';
import { Retriever, type RetrievalMode, type SearchIndex } from '../retrieval/retriever.js';
import type { Thesaurus } from '../retrieval/thesaurus.js';
import { analyze, readsAsKazakh } from '../text/analyzer.js';
import { withoutQuoted } from '../text/quotes.js';
import type { SpellingCorrector } from '../text/spelling.js';

/** One loaded index with everything built on it; swapped whole on /reindex. */
export interface ServingState {
  index: LoadedIndex;
  retriever: Retriever;
  answerer: Answerer;
  /** Corrects typos, chat spellings and the wrong keyboard layout against the index's words. */
  speller: SpellingCorrector;
}

export function searchIndexOf(index: LoadedIndex): SearchIndex {
  return {
    chunk: (label) => index.chunks.get(label),
    filter: (filters) => index.chunks.matcher(filters),
    vectorSearch: (vector, k, filter) => index.vectors.search(vector, k, filter),
    vectorSearchSoon: (vector, k, filter) => index.vectors.searchSoon?.(vector, k, filter) ?? (() => index.vectors.search(vector, k, filter)),
    lexicalSearch: (terms, k, filter) => index.bm25.search(terms, k, filter),
  };
}

/**
 * Filters for one question: what the question itself names wins ("а в Шымкенте?" overrides a
 * region chosen earlier); otherwise the caller's explicit filters apply.
 */
export function resolveFilters(question: string, explicit: RetrievalFilters, regions = detectRegions(question)): RetrievalFilters {
  const dates = extractDateFilter(question);
  const filters: RetrievalFilters = {};
  const chosenRegions = regions.length > 0 ? regions : explicit.regions;
  if (chosenRegions && chosenRegions.length > 0) filters.regions = chosenRegions;
  const dateFrom = dates.dateFrom ?? explicit.dateFrom;
  const dateTo = dates.dateTo ?? explicit.dateTo;
  if (dateFrom) filters.dateFrom = dateFrom;
  if (dateTo) filters.dateTo = dateTo;
  return filters;
}

const PASSAGES = 10;
/**
 * Passages retrieved for the answerer: beyond the top ten it reads passages of other articles from further down
 * (candidatePassages), where a long speech that repeats the question's words fills the whole top.
 */
const ANSWERER_PASSAGES = 20;
/** Passages ranked for a follow-up's reading in the previous answer's articles (`sameSource`): the search's depth. */
const SAME_SOURCE_DEPTH = 50;
/** A name found in more articles than this tells none of them (`namedSource`). */
const MAX_NAMED_ARTICLES = 3;
/** A name: a capitalised word (Cyrillic or Latin, four letters at least) not opening a sentence, nor a region's. */
function namesIn(question: string): string[] {
  const words = [...question.matchAll(/(?<=[^\s.!?]\s+[«"(]?)(\p{Lu}[\p{Ll}]{3,}[\p{L}-]*)/gu)].map((m) => m[1] ?? '');
  return [...new Set(words.filter((w) => detectRegions(w).length === 0))];
}
/** What an answer shows of its passages (Answer.passages holds at most PASSAGES). */
const shown = <T extends { passages: RetrievedPassage[] }>(answer: T): T => ({ ...answer, passages: answer.passages.slice(0, PASSAGES) });

/** Content terms a message's last question needs to stand without the story before it. */
const MIN_STANDALONE_TERMS = 2;

/** Pronouns and demonstratives that point back to what a message said before its question. */
const REFERS_BACK = /(?<![\p{L}])(?:это\p{L}{0,2}|эт[аио]|эти\p{L}?|тот|та|те|того|той|тем|тех|он[аио]?|его|е[её]|их|н(?:его|ему|им|ём|ем|ей|ее|её|их|ими)|там|туда|оттуда|так(?:ой|ая|ое|ие|их)|данн\p{L}+|бұл|осы|сол|оның|олар\p{L}*)(?![\p{L}])/iu;

/**
 * A question asked in Kazakh is refused in Kazakh: "не нашёл" in Russian reads as if the bot had not understood it.
 * The engine's own refusals only (an LLM's wording is its own); an answer quotes the news as written.
 */
function inLanguageOf(question: string, answer: Answer): Answer {
  // A name in quotes is not the user's language: «Нұрлы жер» in a Russian question keeps the refusal Russian.
  if (answer.answered || !readsAsKazakh(withoutQuoted(question)) || !answer.answer.startsWith(NOT_FOUND.slice(0, -1))) return answer;
  return { ...answer, answer: notFoundWithFiltersKk(answer.filters, (answer.filters.regions ?? []).map(regionName)) };
}

export class LocalEngine implements Engine {
  private reindexing: Promise<CorpusStats> | undefined;
  private refreshing: Promise<ServingState> | undefined;
  /** Rebuilds and live updates of the index run one after another. */
  private indexWork: Promise<unknown> = Promise.resolve();

  constructor(
    private state: ServingState,
    private readonly condenser: FollowUpCondenser,
    /** Builds a fresh index and the state over it; used by reindex(). */
    private readonly rebuild: () => Promise<ServingState>,
    readonly thesaurus: Thesaurus,
    /** Loads the generation the index directory's CURRENT names; used by refresh(). */
    private readonly loadCurrent?: () => Promise<ServingState>,
  ) {}

  async ask(raw: string, options: AskOptions = {}): Promise<Answer> {
    const check = checkQuestion(raw);
    if (!check.ok) throw new UnusableQuestionError(check.reason);
    // Typos first: the follow-up rules and the filters read the corrected words ("в алмате" → "в алматы").
    const corrected = this.state.speller.correct(check.question);
    const read = { question: check.question, corrections: corrected.changes.map(({ from, to }) => ({ from, to })), truncated: check.truncated };
    const searched = await this.leaning(corrected.text, options, await this.answerText(corrected.text, options));
    const whole = await this.namedSource(options, await this.sameSource(corrected.text, options, searched));
    // A short story before the question ("Живу в многоэтажке, лифт старый. Когда в Алматы заменят лифты?")
    // dilutes the search with its own words; when the whole message finds nothing, its question alone is asked.
    const focused = findQuestion(corrected.text, 0);
    if (whole.answered || focused === corrected.text) return inLanguageOf(check.question, { ...whole, ...read });
    const alone = await this.answerText(focused, options);
    return inLanguageOf(check.question, { ...(alone.answered && this.keepsTheStory(corrected.text, focused, alone) ? alone : whole), ...read });
  }

  /**
   * A short question read as standalone that found nothing ("қанша бала қабылдайды?", "сколько детей примет?") is
   * asked once more with the previous question's topic; the answer stands only if that reading finds one.
   */
  private async leaning(text: string, options: AskOptions, first: Omit<Answer, 'question' | 'corrections' | 'truncated'>) {
    const previous = options.history;
    if (first.answered || !previous || first.standalone !== text) return first;
    const reading = this.condenser.withTopic?.(text, previous);
    if (reading === undefined) return first;
    const second = await this.answerText(reading, { ...options, history: undefined });
    return second.answered ? second : first;
  }

  /**
   * A follow-up refused by the search ("а рабочих мест?" after the number of small businesses, "а когда он будет?")
   * is read once more in the articles the previous answer cited, where a chat most often goes on. The standalone
   * reading first; then the message as typed, unless it points back ("а сколько на них выделили?"): in the same
   * article the previous topic needs no repeating, and its question words ("қай жылға" of the last turn) could ask
   * for the wrong kind of fact.
   */
  private async sameSource(text: string, options: AskOptions, first: Omit<Answer, 'question' | 'corrections' | 'truncated'>) {
    const sources = new Set(options.history?.sources ?? []);
    if (first.answered || sources.size === 0) return first;
    return this.inArticles(sources, REFERS_BACK.test(text) ? [first.standalone] : [first.standalone, text], options, first);
  }

  /**
   * A question refused that names someone or something found in few articles ("Аида Балаева … қай әкімнің
   * қатысуымен?"): the name tells which article it is about, though the sentence holding the answer may call them
   * otherwise ("Вице-премьер … с участием акима Алматы"); it is read once more in those articles.
   */
  private async namedSource(options: AskOptions, first: Omit<Answer, 'question' | 'corrections' | 'truncated'>) {
    if (first.answered) return first;
    const names = namesIn(first.standalone);
    if (names.length === 0) return first;
    const stems = names.map((name) => (analyze(name)[0] ?? name).toLowerCase());
    const ranked = await this.state.retriever.retrieve(names.join(' '), {}, SAME_SOURCE_DEPTH);
    const articles = new Set(ranked.filter((p) => stems.every((t) => `${p.chunk.title}\n${p.chunk.text}`.toLowerCase().includes(t))).map((p) => p.chunk.articleId));
    if (articles.size === 0 || articles.size > MAX_NAMED_ARTICLES) return first;
    return this.inArticles(articles, [first.standalone], options, first);
  }

  /**
   * `readings` of a question ranked by the same search under the same filters (a swapped place keeps its own, so the
   * old place's figure stays out), only `articles`' passages kept; an answer stands only if the answerer finds the
   * asked kind of fact there.
   */
  private async inArticles(articles: ReadonlySet<string>, readings: string[], options: AskOptions, first: Omit<Answer, 'question' | 'corrections' | 'truncated'>) {
    const { retriever, answerer } = this.state;
    const filters = resolveFilters(first.standalone, options);
    for (const question of new Set(readings)) {
      const ranked = await retriever.retrieve(question, filters, SAME_SOURCE_DEPTH);
      const passages = ranked.filter((p) => articles.has(p.chunk.articleId)).slice(0, ANSWERER_PASSAGES);
      if (passages.length === 0) continue;
      const request = { question, passages, filters, previous: options.history, onPartial: options.onPartial, signal: options.signal };
      const answer = await answerer.answer(request);
      if (answer.answered) return { ...shown(answer), standalone: first.standalone, relaxedRegions: [] };
    }
    return first;
  }

  /**
   * Whether an answer to the message's question alone, when the question points back into the story
   * ("этого бота", "в нём"), still speaks of the story around it: one of the
   * story's words is in its lead source. "TilOquBot платный? Сколько стоит обучение
   * через этого бота?" is not answered by a kindergarten's fee; "Во время поездки в Алматы говорили про вузы.
   * Сколько студентов…?" is answered by a sentence on Almaty's students.
   */
  private keepsTheStory(message: string, question: string, answer: Pick<Answer, 'answer' | 'citations'>): boolean {
    // A question that names all it asks about ("Когда в Алматы заменят лифты?") stands without its story; one
    // word of a topic ("Аты қалай?", its name) does not.
    if (!REFERS_BACK.test(question) && analyze(question).length >= MIN_STANDALONE_TERMS) return true;
    const asked = new Set(analyze(question));
    const story = analyze(message).filter((t) => !asked.has(t));
    if (story.length === 0) return true;
    // The lead source holds the answer; a second one may be only on the story's topic.
    const lead = answer.citations[0];
    const said = new Set(analyze(lead ? `${lead.title}\n${lead.quote}` : answer.answer));
    // The story's own words: a synonym ties too loosely ("платный" to "оплачивает" in the kindergarten's fee).
    return story.some((t) => said.has(t));
  }

  /** Retrieves and answers one reading of the question: under the filters it names, then without its regions. */
  private async answerText(text: string, options: AskOptions): Promise<Omit<Answer, 'question' | 'corrections' | 'truncated'>> {
    const { retriever, answerer } = this.state;
    const standalone = options.history ? await this.condenser.condense(text, options.history) : text;
    const read = { standalone, relaxedRegions: [] as string[] };
    // Regions named in the question are read once: they set the filters and, on a refusal, what to relax.
    const named = detectRegions(standalone);
    const filters = resolveFilters(standalone, options, named);
    const request = { question: standalone, onPartial: options.onPartial, signal: options.signal, previous: options.history };
    const passages = await retriever.retrieve(standalone, filters, ANSWERER_PASSAGES);
    const answer = await answerer.answer({ ...request, passages, filters });
    if (answer.answered || Object.keys(filters).length === 0) return { ...shown(answer), ...read };

    // A region the question names ranks and filters first; when nothing under it answers, an article
    // tagged otherwise may ("водохранилище Астаны" lies in the Akmola region), provided the quoted
    // passage names the place. A follow-up that swaps the place («а в Шымкенте?») is thereby refused
    // rather than answered with the old place's figure. A region chosen with /region stays hard.
    let wider: RetrievedPassage[] = [];
    if (named.length > 0) {
      const relaxed: RetrievalFilters = { ...filters };
      delete relaxed.regions;
      wider = await retriever.retrieve(standalone, relaxed, ANSWERER_PASSAGES);
      const second = await answerer.answer({ ...request, passages: wider, filters: relaxed });
      if (second.answered && second.citations.every((c) => namesAnyRegion(`${c.title}\n${c.quote}`, named))) {
        // Say so only when an answer came from outside the region's articles: a region-tagged passage that
        // was refused under the filter only because its region words were not counted needs no note.
        const tagged = (chunkId: string) => second.passages.some((p) => p.chunk.id === chunkId && p.chunk.regions.some((r) => named.includes(r)));
        const outside = second.citations.some((c) => !tagged(c.chunkId));
        return { ...shown(second), ...read, relaxedRegions: outside ? named.map(regionName) : [] };
      }
    }
    // Refused under filters: say which filters held, and when none passed them, suggest what the
    // whole base has nearby.
    // The wider search above already holds the nearby topics; a third search runs only without it.
    const nearby =
      passages.length > 0 ? answer.suggestions : suggestTopics(wider.length > 0 ? wider : await retriever.retrieve(standalone, {}, 3));
    return {
      ...shown(answer),
      ...read,
      answer: notFoundWithFilters(filters, (filters.regions ?? []).map(regionName)),
      suggestions: nearby,
    };
  }

  /** Retrieval alone, for evaluation and benchmarks. */
  retrieve(question: string, filters: RetrievalFilters = {}, k = PASSAGES, mode?: RetrievalMode) {
    return this.state.retriever.retrieve(question, filters, k, mode);
  }

  /** Corpus term statistics of the serving index (BM25 document frequencies). */
  termStats(): TermStats {
    return this.state.index.bm25;
  }

  stats(): CorpusStats {
    const { index } = this.state;
    const bySource = new Map<string, number>();
    for (const a of index.articles) bySource.set(a.source, (bySource.get(a.source) ?? 0) + 1);
    const dates = index.articles.map((a) => a.date).filter((d): d is string => d !== null).sort();
    return {
      articles: index.articles.length,
      chunks: index.chunks.size,
      sources: [...bySource].map(([source, articles]) => ({ source, articles })).sort((a, b) => b.articles - a.articles),
      dateFrom: dates[0] ?? null,
      dateTo: dates[dates.length - 1] ?? null,
      embedder: index.embedder.id,
    };
  }

  latest(count: number): ArticleSummary[] {
    return [...this.state.index.articles]
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
      .slice(0, count)
      .map(({ id, title, date, url, source }) => ({ id, title, date, url, source }));
  }

  regions(): RegionCount[] {
    const counts = new Map<string, number>();
    for (const a of this.state.index.articles) for (const r of a.regions) counts.set(r, (counts.get(r) ?? 0) + 1);
    return REGIONS.flatMap((r) => {
      const articles = counts.get(r.id);
      return articles === undefined ? [] : [{ id: r.id, name: r.name, articles }];
    });
  }

  /** The generation directory being served. */
  get generation(): string {
    return this.state.index.dir;
  }

  /**
   * Swaps in a newer generation published in the shared index directory (by the replica that built
   * it), without a restart. Returns whether it swapped. Questions keep the old state until the new
   * one is loaded; a refresh during this replica's own rebuild waits for that instead.
   */
  async refresh(): Promise<boolean> {
    if (!this.loadCurrent || this.reindexing) return false;
    const dir = this.state.index.dir;
    const current = await readCurrent(path.dirname(dir));
    if (current === null || current === path.basename(dir)) return false;
    this.refreshing ??= this.loadCurrent().finally(() => {
      this.refreshing = undefined;
    });
    const next = await this.refreshing;
    if (this.reindexing || next.index.dir === this.state.index.dir) return false;
    this.swap(next);
    return true;
  }

  /** One rebuild at a time; questions keep using the old state until the new one is complete. */
  reindex(): Promise<CorpusStats> {
    this.reindexing ??= this.exclusive(() => this.rebuild())
      .then((next) => {
        this.swap(next);
        return this.stats();
      })
      .finally(() => {
        this.reindexing = undefined;
      });
    return this.reindexing;
  }

  /** Serves `next`; the replaced index's helper thread stops (a question still on it finishes in its own thread). */
  private swap(next: ServingState): void {
    const old = this.state;
    this.state = next;
    if (old.index.vectors !== next.index.vectors) old.index.vectors.close?.();
  }

  close(): void {
    this.state.index.vectors.close?.();
  }

  /** Applies a live change (new articles) to the serving index in place; waits for a rebuild in progress. */
  updateIndex<T>(apply: (index: LoadedIndex) => Promise<T>): Promise<T> {
    return this.exclusive(() => apply(this.state.index));
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.indexWork.then(task);
    this.indexWork = run.catch(() => undefined);
    return run;
  }
}
