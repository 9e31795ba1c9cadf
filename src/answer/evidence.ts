import type { Chunk } from '../index/chunk.js';
import type { RetrievedPassage } from '../retrieval/passage.js';
import { joinPhrases, relatedOf, type Related, type Thesaurus } from '../retrieval/thesaurus.js';
import { SOURCE_OF_STATEMENT, topicTerms } from '../retrieval/asking-words.js';
import { analyze, analyzeAs, isKazakhWord, kazakhContextOf, tokenize } from '../text/analyzer.js';
import { countRegionMentions, detectRegions, namesAnyRegion } from '../corpus/regions.js';
import { splitSentences } from '../text/sentences.js';
import { boundedDistance } from '../text/spelling.js';
import type { ExtractiveSettings } from './composition.js';
import { questionType, typeFit } from './question-type.js';
import { itemAt } from '../shared/arrays.js';
import { spellsCompound } from './acronyms.js';
import { quotedTexts } from '../text/quotes.js';

/**
 * The evidence an extractive answer rests on: the question's weighted terms, and every sentence of
 * the top passages scored by how much of the question it and its context cover.
 */

export interface TermStats {
  /** Inverse document frequency of an analyzed term in the index (high for rare terms). */
  idf(term: string): number;
}
/** A synonym found instead of the question's own word counts for this much. */
const SYNONYM_CREDIT = 0.7;
/** The most a phrase's translated words add up to: the glossary's weight (a translation is not the user's own word). */
const PHRASE_CREDIT_CAP = 0.9;
const TYPE_BONUS = 0.15;
const REGION_BONUS = 0.1;
/** Kazakh sentences yield to Russian ones of similar fit: answers are in Russian. */
const KAZAKH_FACTOR = 0.75;
const MIN_SENTENCE_WORDS = 4;
/** A headline repeats the question's words but rarely holds the specific fact. */
const TITLE_FACTOR = 0.7;
export interface QueryTerm {
  term: string;
  idf: number;
  synonyms: readonly Related[];
}
export interface Candidate {
  text: string;
  isTitle: boolean;
  passage: RetrievedPassage;
  /** Mean of sentence coverage and context coverage (see ExtractiveSettings.minCoverage). */
  coverage: number;
  /**
   * Coverage by the sentence alone. 0 for a sentence that shares no word with the question but sits
   * next to one that does ("Компания намерена инвестировать 1,8 млрд тенге." after the sentence naming
   * the project): it may hold the asked fact, never lead an answer.
   */
  ownCoverage: number;
  /** How many distinct question terms the sentence and its context cover. */
  matched: number;
  /** The sentence's analysed terms. */
  terms: ReadonlySet<string>;
  /** The sentence names a region the question asks about (the retrieval filter's). */
  namesRegion: boolean;
  /** The terms of the sentence and its two neighbours (no headline). */
  near: ReadonlySet<string>;
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
  // Mentions, not regions: "под Астаной в Акмолинской области" names one region twice, and both names are the filter's.
  const mentioned = countRegionMentions(question);
  const words = [...question.matchAll(/[\p{L}-]+/gu)];
  const terms = new Set<string>(AREA_TERMS);
  for (const w of words) {
    const at = w.index ?? 0;
    const blanked = question.slice(0, at) + ' '.repeat(w[0].length) + question.slice(at + w[0].length);
    if (countRegionMentions(blanked) < mentioned) for (const t of analyze(w[0])) terms.add(t);
  }
  return terms;
}

const CAPITALIZED = /^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/;

/**
 * The country every article is about: the news often leaves it unsaid ("в водохранилищах накоплено…"),
 * so "…водохранилищах Казахстана" asks nothing a passage must repeat.
 */
export const COUNTRY_TERMS = new Set(['Казахстан', 'Қазақстан', 'РК', 'ҚР', 'Kazakhstan'].flatMap((w) => analyze(w)));

/** An aside that glosses what was asked ("…малого и среднего бизнеса, ну ИП и фирм", "…фронт-офисов, типа как ЦОНы"). */
const ASIDE = /,\s*(?:ну|типа|то есть|т\.\s?е\.|вроде|например|короче)(?:\s+(?:как|там))?\s+[^,.!?;()]*/giu;
/** Who asks, introduced ("Я ИП из Усть-Каменогорска, хочу…"): the asker's words, not what the news must name. */
const SELF_INTRODUCTION = /(?<![\p{L}])[Яя]\s+(?:[\p{L}-]+\s+){0,1}(?:из|с|со)\s+[^,.!?;()]*|(?<![\p{L}])[Яя]\s+\p{Lu}{2,5}(?![\p{L}])/gu;

/**
 * Terms the evidence cannot do without: names, abbreviations and numbers the question states
 * ("министр энергетики", "МРП на 2026 год", "Fitch"). A passage about another ministry, year or
 * agency does not answer it, however many ordinary words it shares. The first word (capitalised
 * anyway) and the terms in `ignore` (region names a filter already enforces) do not count.
 */
export function requiredTerms(question: string, ignore: ReadonlySet<string>): Set<string> {
  // Who said it ("по данным Минздрава", "по словам акима Сагинтаева") is rarely in the sentence that states the fact;
  // nor is an aside's word: it explains the question's own words to a person.
  const stated = question.replace(SOURCE_OF_STATEMENT, ' ').replace(ASIDE, ' ').replace(SELF_INTRODUCTION, ' ');
  const found = [...stated.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)];
  const required = new Set<string>();
  const kazakh = kazakhContextOf(question);
  found.forEach((m, i) => {
    const word = m[0];
    // A sentence's first word is capitalised anyway: "…бар ма? Аты қалай?" names nothing with "Аты". What stands
    // between the last word and this one tells.
    const previous = found[i - 1];
    const opensSentence = previous === undefined || /[.!?]\s*$/u.test(stated.slice(previous.index + previous[0].length, m.index));
    const named = !opensSentence && CAPITALIZED.test(word);
    if (!named && !/\d/.test(word)) return;
    // "в 2020-м", "к 2025-му": the analyzer reads the number without its case ending.
    for (const term of analyzeAs(word, kazakh)) if (!ignore.has(term) && !COUNTRY_TERMS.has(term)) required.add(term);
  });
  // A name in quotes («Трудовой путь») is named by all its words, the lower-case ones too: "трудовой" alone is
  // any article's word. Not in a Kazakh question: its quoted name («Болашақ мектептері») is translated in the news.
  if (!kazakh) for (const name of quotedTexts(stated, 2, 60)) for (const term of analyze(name)) if (!ignore.has(term) && !COUNTRY_TERMS.has(term)) required.add(term);
  return required;
}
/**
 * Names in who said it ("по плану Сагинтаева", "по данным Минздрава"): not required of the answer's sentence, which
 * rarely repeats them, but of its article: a plan of someone the article never names is not the asked one.
 */
export function sourceNames(question: string): Set<string> {
  const names = new Set<string>();
  for (const m of question.matchAll(SOURCE_OF_STATEMENT)) {
    for (const w of m[0].matchAll(/[\p{L}-]+/gu)) if (CAPITALIZED.test(w[0]) && w.index > 0) for (const t of analyze(w[0])) names.add(t);
  }
  return names;
}

export function queryTerms(question: string, stats: TermStats, thesaurus: Thesaurus, ignore: ReadonlySet<string> = new Set()): QueryTerm[] {
  const terms = joinPhrases(topicTerms(question).filter((term) => !ignore.has(term)), thesaurus);
  return [...new Set(terms)].map((term) => ({
    term,
    // A joined phrase ("елд мек") weighs as its rarest word.
    idf: term.includes(' ') ? Math.max(...term.split(' ').map((t) => stats.idf(t))) : stats.idf(term),
    synonyms: relatedOf(thesaurus, term),
  }));
}

/** The term is among `terms`; a joined phrase ("аварийн дом") when all its words are. */
function holdsTerm(terms: ReadonlySet<string>, term: string): boolean {
  return terms.has(term) || (term.includes(' ') && term.split(' ').every((t) => terms.has(t)));
}

/**
 * Snowball cuts some words unevenly: names ("Китая" → "кит", "Китаем" → "кита"; "Ахметжанова" →
 * "ахметжанов", "Ахметжанов" → "ахметжан") and nouns it reads as participles ("замены" → "зам", "заменят"
 * → "замен"). A stem that extends another by at most two letters is read as the same word.
 */
const STEM_SLACK = 2;
const MIN_NEAR_STEM = 3;
/** What Russian adds to a name to make its adjective (stemmed): -ийск-, -инск-, -ск-, -овск-. */
const NAME_ADJECTIVE = /^(?:ий|и|ы|а)?(?:н|ов|ев)?ск$/;
const MIN_NAME_STEM = 4;
/** What Snowball leaves of "-овать" verbs beyond their present stem ("инвестир-ова-ть", "финансир-ован-ие"). */
const VERB_STEM_SUFFIX = /^(?:ова|ева|ован|еван)$/;
/** A near stem counts like a close synonym: most likely the same word, but not for certain. */
const NEAR_CREDIT = 0.8;
export function holdsNear(terms: ReadonlySet<string>, term: string, synonyms: readonly Related[] = []): boolean {
  if (terms.has(term)) return true;
  if (term.length < MIN_NEAR_STEM || term.includes(' ') || /\d/.test(term)) return false;
  for (const t of terms) {
    // A stem the thesaurus relates to the term ("садик" → "сад") counts with the relation's own weight.
    if (synonyms.some((s) => s.term === t)) continue;
    const [short, long] = t.length < term.length ? [t, term] : [term, t];
    if (short.length >= MIN_NEAR_STEM && long.length - short.length <= STEM_SLACK && long.startsWith(short) && !/\d/.test(long)) return true;
    // A verb's present stem and its infinitive or noun: "инвестирует" → "инвестир", "инвестировать" → "инвестирова".
    if (short.length >= MIN_NAME_STEM && long.startsWith(short) && VERB_STEM_SUFFIX.test(long.slice(short.length))) return true;
    // A name and its adjective: "Каспий" → "касп", "Каспийское море" → "каспийск"; "Иртыш" → "иртышск".
    if (short.length >= MIN_NAME_STEM && long.startsWith(short) && NAME_ADJECTIVE.test(long.slice(short.length))) return true;
    // A noun in "-ика" and its adjective: "статистика" → "статистик", "статистические данные" → "статистическ".
    if (short.length >= MIN_NAME_STEM && short.endsWith('ик') && long === `${short.slice(0, -2)}ическ`) return true;
  }
  return false;
}

/** A Kazakh name's transliteration this long may differ from the Russian spelling by TRANSLIT_SLACK letters. */
const MIN_TRANSLIT_STEM = 7;
const TRANSLIT_SLACK = 2;
const SOFT_SIGNS = /[ьъ]/g;
/**
 * A Kazakh name written the Russian way: "Бұқтырма" transliterates to "буктырм", the news writes
 * "Бухтарминское" (қ → х, ы → а). A stem that starts like the transliteration, within two letters, is the name.
 */
export function holdsTransliterated(terms: ReadonlySet<string>, term: string, synonyms: readonly Related[]): boolean {
  if (!isKazakhWord(term)) return false;
  for (const s of synonyms) {
    if (s.weight < NEAR_CREDIT || s.term.includes(' ')) continue;
    for (const word of terms) {
      // Kazakh has no soft sign where Russian writes one: "Шүлбі" → "шулб", "Шульбинского" → "шульбинск".
      const t = word.replace(SOFT_SIGNS, '');
      // The name's adjective: "Кеңгір" → "кенгир", "Кенгирского водохранилища" → "кенгирск".
      if (s.term.length >= MIN_NAME_STEM && t.startsWith(s.term) && NAME_ADJECTIVE.test(t.slice(s.term.length))) return true;
      if (s.term.length < MIN_TRANSLIT_STEM) continue;
      if (t[0] === s.term[0] && t.length >= s.term.length && boundedDistance(s.term, t.slice(0, s.term.length), TRANSLIT_SLACK) <= TRANSLIT_SLACK) return true;
    }
  }
  return false;
}

/** The term itself, a near stem of it or one of its synonyms is among `terms`. */
export function covers(q: QueryTerm, terms: ReadonlySet<string>): boolean {
  return holdsTerm(terms, q.term) || q.synonyms.some((s) => terms.has(s.term)) || holdsNear(terms, q.term, q.synonyms) || holdsTransliterated(terms, q.term, q.synonyms);
}

/** Weighted share of the question's terms present in `terms` (synonyms give partial credit). */
export function coverage(query: QueryTerm[], terms: ReadonlySet<string>): number {
  let total = 0;
  let hit = 0;
  for (const q of query) {
    total += q.idf;
    if (holdsTerm(terms, q.term)) hit += q.idf;
    else {
      const present = q.synonyms.filter((s) => terms.has(s.term)).map((s) => s.weight);
      // A Kazakh phrase's translation is split into its words, each with a share of the weight ("медициналық ұйым"
      // → "медицинск" 0.45, "организац" 0.45): a sentence with all of them states the whole translation.
      const best = q.term.includes(' ') ? Math.min(PHRASE_CREDIT_CAP, present.reduce((a, b) => a + b, 0)) : Math.max(0, ...present);
      const near = holdsNear(terms, q.term, q.synonyms) || holdsTransliterated(terms, q.term, q.synonyms);
      hit += q.idf * Math.max(SYNONYM_CREDIT * best, near ? NEAR_CREDIT : 0);
    }
  }
  return total > 0 ? hit / total : 0;
}

/** The question terms a sentence covers, itself or through a synonym. */
export function coveredTerms(query: QueryTerm[], terms: ReadonlySet<string>): string[] {
  return query.filter((q) => covers(q, terms)).map((q) => q.term);
}

export function isMostlyKazakh(sentence: string): boolean {
  const words = tokenize(sentence);
  return words.length > 0 && words.filter(isKazakhWord).length / words.length >= 0.2;
}

function sentencesOf(chunk: Chunk): Array<{ text: string; isTitle: boolean }> {
  const sentences = splitSentences(chunk.text).map((text) => ({ text, isTitle: false }));
  // A listing title is a statement of fact in its own right ("В Акмолинской области построят аквапарк").
  const titled = chunk.ordinal === 0 && chunk.title && !chunk.text.startsWith(chunk.title);
  return titled ? [{ text: chunk.title, isTitle: true }, ...sentences] : sentences;
}

interface ReadPassage {
  /** What was read, so a reused id with other words (a fake's "c1") is read anew. */
  title: string;
  text: string;
  ordinal: number;
  sentences: Array<{ text: string; isTitle: boolean }>;
  termSets: ReadonlyArray<ReadonlySet<string>>;
  titleTerms: ReadonlySet<string>;
}
/**
 * A passage's sentences and their terms, by chunk id (a hash of the article and the text): a chat asks about
 * the same passages again and again, and analysing them was most of an answer's time. Bounded; emptied when full.
 */
const readPassages = new Map<string, ReadPassage>();
const READ_PASSAGES_LIMIT = 5_000;
function readPassage(chunk: Chunk): ReadPassage {
  let read = readPassages.get(chunk.id);
  if (read === undefined || read.text !== chunk.text || read.title !== chunk.title || read.ordinal !== chunk.ordinal) {
    if (readPassages.size >= READ_PASSAGES_LIMIT) readPassages.clear();
    const sentences = sentencesOf(chunk);
    const termSets = sentences.map((s) => new Set(analyze(s.text)));
    read = { title: chunk.title, text: chunk.text, ordinal: chunk.ordinal, sentences, termSets, titleTerms: new Set(analyze(chunk.title)) };
    readPassages.set(chunk.id, read);
  }
  return read;
}

/** At most this many of the candidate passages come from one article while others were retrieved. */
const MAX_PASSAGES_PER_ARTICLE = 3;
/** The passages ranked first, among which the candidates are chosen as above. */
const RANKED_FIRST = 10;
/** Passages of articles not among those, from further down the ranking, that join the candidates. */
const OTHER_ARTICLES_PASSAGES = 4;
const PASSAGES_PER_OTHER_ARTICLE = 2;

/**
 * The passages whose sentences are candidates: the top ones, with room kept for other articles. A long
 * speech that repeats the question's words fills the whole top with itself ("дефицит", "учителей"), while
 * the report that states the asked figure ranks just below: passages of articles the top does not hold
 * join from further down.
 */
export function candidatePassages(passages: readonly RetrievedPassage[], count: number): RetrievedPassage[] {
  const perArticle = new Map<string, number>();
  const chosen: RetrievedPassage[] = [];
  const deferred: RetrievedPassage[] = [];
  const first = passages.slice(0, RANKED_FIRST);
  for (const p of first) {
    if (chosen.length >= count) break;
    const n = perArticle.get(p.chunk.articleId) ?? 0;
    if (n >= MAX_PASSAGES_PER_ARTICLE) {
      deferred.push(p);
      continue;
    }
    perArticle.set(p.chunk.articleId, n + 1);
    chosen.push(p);
  }
  // Fewer articles than room: the deferred passages fill it, in rank order.
  for (const p of deferred) if (chosen.length < count) chosen.push(p);
  const seen = new Set(first.map((p) => p.chunk.articleId));
  const others = new Map<string, number>();
  for (const p of passages.slice(RANKED_FIRST)) {
    if (chosen.length >= count + OTHER_ARTICLES_PASSAGES) break;
    const n = others.get(p.chunk.articleId) ?? 0;
    if (seen.has(p.chunk.articleId) || n >= PASSAGES_PER_OTHER_ARTICLE) continue;
    others.set(p.chunk.articleId, n + 1);
    chosen.push(p);
  }
  return chosen.sort((a, b) => a.rank - b.rank);
}

/** The terms of everything retrieved from each article (headline and passages), by article id. */
export function termsByArticle(passages: readonly RetrievedPassage[]): Map<string, Set<string>> {
  const byArticle = new Map<string, Set<string>>();
  for (const p of passages) {
    const terms = byArticle.get(p.chunk.articleId) ?? new Set(analyze(p.chunk.title));
    for (const t of analyze(p.chunk.text)) terms.add(t);
    byArticle.set(p.chunk.articleId, terms);
  }
  return byArticle;
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
  const sources = sourceNames(question);
  // The names a question states may sit anywhere in the article ("…совещании с вице-премьером Аидой
  // Балаевой": her name is two passages away from the аким's), so they are looked for in everything
  // retrieved from the passage's article.
  // Most questions state no name: the retrieved text is then not analysed a second time.
  const articleTerms = mustHave.length > 0 || sources.size > 0 ? termsByArticle(passages) : new Map<string, Set<string>>();
  // A translated name is cut by Snowball like the name itself ("Қытай" → "китай" → "кита"; "Китая" → "кит").
  const named = (terms: ReadonlySet<string>) => (q: QueryTerm) =>
    holdsNear(terms, q.term) || q.synonyms.some((s) => terms.has(s.term) || (s.weight >= NEAR_CREDIT && holdsNear(terms, s.term))) || holdsTransliterated(terms, q.term, q.synonyms);
  const candidates: Candidate[] = [];
  let order = 0;
  for (const passage of candidatePassages(passages, settings.candidatePassages)) {
    const { sentences, termSets, titleTerms } = readPassage(passage.chunk);
    const inArticle = articleTerms.get(passage.chunk.articleId) ?? titleTerms;
    if (!mustHave.every(named(inArticle)) || ![...sources].every((t) => holdsNear(inArticle, t) || spellsCompound(inArticle, t))) continue;
    // An article led by another region mentions the asked one in passing: a sentence from it counts only
    // when it or its neighbours name the asked region, so Almaty's figure never answers for Shymkent.
    const lead = passage.chunk.regions[0];
    const mixed = regions.length > 0 && lead !== undefined && !regions.includes(lead);
    sentences.forEach(({ text, isTitle }, i) => {
      const words = tokenize(text);
      if (words.length < MIN_SENTENCE_WORDS) return;
      if (mixed && !namesAnyRegion([passage.chunk.title, sentences[i - 1]?.text, text, sentences[i + 1]?.text].join('\n'), regions)) return;
      const sentenceCoverage = coverage(query, itemAt(termSets, i));
      // A sentence without a question word is kept only when a neighbour has one (see Candidate.ownCoverage).
      const near = new Set([...(termSets[i - 1] ?? []), ...itemAt(termSets, i), ...(termSets[i + 1] ?? [])]);
      const neighbours = coverage(query, new Set([...(termSets[i - 1] ?? []), ...(termSets[i + 1] ?? [])]));
      if (sentenceCoverage === 0 && neighbours === 0) return;
      // Its neighbours and the headline vouch for a sentence: a paraphrased question rarely shares
      // many words with one sentence, but a whole long passage covers words by chance.
      const context = new Set([...titleTerms, ...(termSets[i - 1] ?? []), ...itemAt(termSets, i), ...(termSets[i + 1] ?? [])]);
      const cov = (sentenceCoverage + coverage(query, context)) / 2;
      const matched = query.filter((q) => covers(q, context)).length;
      const rankPrior = 0.05 / passage.rank;
      // Asked about a region, a sentence that names it is more on point than one from an article
      // that mentions the region elsewhere.
      const namesRegion = regions.length > 0 && detectRegions(text).some((r) => regions.includes(r));
      const regionFit = namesRegion ? REGION_BONUS : 0;
      // Likewise a figure whose own sentence states the names the question states ("из Бухтарминского
      // водохранилища – 465 кубометров") is more on point than a neighbour's figure for another place. Only
      // figures: a sentence that names the thing without a number ("TilOquBot показал эффективность") is no closer
      // to "сколько" than the count beside it.
      const nameFit = !isTitle && /\d/.test(text) && mustHave.length > 0 && mustHave.every(named(itemAt(termSets, i))) ? REGION_BONUS : 0;
      let score = cov + TYPE_BONUS * typeFit(type, text, question) + regionFit + nameFit + rankPrior;
      if (isMostlyKazakh(text)) score *= KAZAKH_FACTOR;
      if (isTitle) score *= TITLE_FACTOR;
      candidates.push({ text, isTitle, passage, coverage: cov, ownCoverage: sentenceCoverage, matched, terms: itemAt(termSets, i), namesRegion, near, score, order: order++ });
    });
  }
  return candidates.sort((a, b) => b.score - a.score || a.order - b.order);
}
