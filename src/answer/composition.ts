import type { Chunk } from '../index/chunk.js';
import type { RetrievedPassage } from '../retrieval/passage.js';
import { relatedOf, type Thesaurus } from '../retrieval/thesaurus.js';
import type { RetrievalFilters } from '../shared/filters.js';
import { NOT_FOUND } from '../texts/ru.js';
import type { Citation } from './answer.js';
import { citationOf } from './citations.js';
import { fitToBudget, focusOnNew } from './clipping.js';
import { abbreviationsIn, spellsOut } from './acronyms.js';
import { answersWanted, FOCUS_SYNONYM_WEIGHT, wantedOf, type Wanted } from './wanted.js';
import { ADJECTIVE_ENDING, countsAsked, namesCounted } from './counted.js';
import { ranksTheOtherEnd } from './degree.js';
import { chooseLead } from './lead.js';
import { withContact } from './contacts.js';
import { withContinuations } from './continuation.js';
import { DATED_KINDS, holdsKind, statesCause, YEAR_ONLY, type WantedKind } from './fact-kinds.js';
import { COUNTRY_TERMS, covers, coveredTerms, holdsNear, holdsTransliterated, isMostlyKazakh, queryTerms, regionTerms, requiredTerms, scoreCandidates, termsByArticle, type Candidate, type TermStats } from './evidence.js';
import { analyze, isKazakhWord, kazakhContextOf, tokenize } from '../text/analyzer.js';
import { NAMES_ROLE, questionType, typeFit, type QuestionType } from './question-type.js';
import { GENERIC_TERMS, MONEY_WORDS, opensOwnTopic, PEOPLE_WORDS } from './topic-words.js';
import { itemAt } from '../shared/arrays.js';
import { detectRegions } from '../corpus/regions.js';
/**
 * Composition of an extractive answer: the best sentence if the evidence suffices, typed and
 * further sentences that add to it, clipped to the budget, each with its own [n] marker.
 */

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
  minCoverage: 0.15,
  maxChars: 600,
  maxSentences: 4,
  candidatePassages: 8,
};
/** Distinct question terms an answer's context must cover (fewer when the question has fewer). */
const MIN_MATCHED_TERMS = 2;
/** Question types whose fact has a recognisable form (see typeFit). */
const PATTERN_TYPES = new Set<QuestionType>(['сколько', 'когда', 'кто', 'где']);
/** Kinds narrower than their question type: a sum or a share is a number, but not every number is one. */
const SPECIFIC_KINDS = new Set<WantedKind>(['money', 'percent', 'duration', 'frequency', 'time', 'day', 'month']);
/** Kinds whose fact is a value of something named: the value's sentence must name it. */
const VALUE_KINDS = new Set<WantedKind>(['money', 'percent', 'count']);
/** A typed sentence backs up the best one when it covers at least this share of what the best covers. */
const TYPED_BACKUP_RATIO = 0.5;
/**
 * Kinds an answer should hold but whose absence is no reason to refuse: a way of doing is worded too freely, and a
 * name may be written without quotes ("Каргалинское водохранилище").
 */
const PREFERRED_KINDS = new Set<WantedKind>(['manner', 'name']);
/** Verbs of speech: a question with one asks who said something, and a quote's speaker answers it. */
const SPEECH = /(?<![\p{L}])(?:сказал\p{L}*|заявил\p{L}*|сообщил\p{L}*|отметил\p{L}*|подчеркнул\p{L}*|говорил\p{L}*|пообещал\p{L}*|по словам|айтты|мәлімдеді|атап өтті)/iu;
/** A quote attributed to its speaker: "«…», – сообщил министр X." */
const QUOTE_SPEAKER = /[»"”]\s*,?\s*[–—-]\s*(?:сообщил|сказал|отметил|подчеркнул|заявил|добавил|пояснил|резюмировал|уточнил|рассказал|отмечает|говорит)\p{L}*/iu;
const quotesSpeaker = (sentence: string) => QUOTE_SPEAKER.test(sentence);
/** "Об этом сообщил аким области X": who reported the news, which answers no "кто" but "кто сообщил". */
const REPORTS = /^\s*(?:Об этом|О(?:б)? (?:этом|том)|Как) (?:сообщил|рассказал|заявил|доложил|отметил|информировал|сообщает|рассказывает|сообщили|рассказали)\p{L}*/iu;

/** Kinds whose answer is one named thing: a sentence that does not hold it only names something else. */
const NAMING_KINDS = new Set<WantedKind>(['person', 'role', 'name']);
/** A sentence that holds the wanted fact in place of the best one covers at least this share of what the best covers. */
const ANSWERING_RATIO = 0.3;
/** Words of a relative time ("в прошлом году"): a follow-up that drops one asks about another time. */
const RELATIVE_TIME = new Set(analyze('прошлом позапрошлом следующем текущем нынешнем будущем прошлый следующий текущий'));
/** A sentence this close to the best one's score may anchor the neighbour that holds the asked fact. */
const ANCHOR_RATIO = 0.9;
/** Extra sentences must be nearly as good as the best one. */
const FOLLOWER_RATIO = 0.6;
/** What a sentence's synonyms of a question word must weigh together to be on its topic: a glossary's near word ("ЖЭО" →
 * "отопление", 0.75) is, a mythes-ru neighbour (0.5) or one word of a phrase (0.4) is not. */
const ON_TOPIC_WEIGHT = 0.7;
/** A stretch of a told answer this long, found in a sentence, means the sentence was told (in part). */
const MIN_TOLD_STRETCH = 20;
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
  previous?: { question: string; answer: string },
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
  const all = scoreCandidates(query, question, passages, settings, required, filters.regions);
  // Sentences that only sit next to a covering one serve as a neighbour's fact, nothing else. One rare word
  // in common ("доллар") is not an answer to "Какой курс доллара к тенге?": such a sentence cannot lead. Nor one ranking
  // the other end of what is asked ("Самые низкие зарплаты…" for "где самые большие зарплаты").
  const candidates = all.filter((c) => c.ownCoverage > 0 && !ranksTheOtherEnd(question, c.text));
  // The lead needs enough evidence (lead.ts); a higher-scored sentence without it does not make the answer a refusal.
  // The country's name is no topic ("Что с водохранилищами в Казахстане?"): it counts towards no sentence's matches.
  const neededMatches = Math.min(MIN_MATCHED_TERMS, query.filter((q) => !COUNTRY_TERMS.has(q.term)).length || query.length);
  // The place alone is no answer: "второе место – город Шымкент" names Shymkent but no kindergarten.
  // Nor is the country: every article is about Kazakhstan, so "…в Казахстане" puts no sentence on the question's topic.
  const placeless = query.filter((q) => !named.has(q.term) && !COUNTRY_TERMS.has(q.term));
  const wanted = wantedOf(question, named);
  // "Где построят новый стадион?" is about a stadium: a sentence that only builds something new is not on it.
  // "На сколько процентов построили школу?" measures the building itself ("строительство завершено на 20%").
  // "Сколько человек эвакуировали?" counts people evacuated: "охвачено 48,5 тыс. человек" is people, not on it.
  // Likewise "сколько стоит", "бағасы қанша" ask a price of their topic: any price is not on it.
  const asked = (term: string) => (wanted.kind === 'count' && PEOPLE_WORDS.has(term)) || (wanted.kind === 'money' && MONEY_WORDS.has(term));
  const specific = placeless.filter((q) => (wanted.kind === 'percent' || !GENERIC_TERMS.has(q.term)) && !asked(q.term));
  const topic = specific.length > 0 ? specific : placeless;
  // By a word of its own, a close synonym or the words of a phrase that names it ("больница" → "медицинская организация"):
  // a loose synonym ("работа" → "заняться", "места") is in "заняла 1 место".
  const onTopic = memoized(
    (c: Candidate) =>
      topic.length === 0 ||
      topic.some(
        (q) =>
          holdsNear(c.terms, q.term) ||
          (q.term.includes(' ') && covers(q, c.terms)) ||
          q.synonyms.filter((r) => c.terms.has(r.term)).reduce((sum, r) => sum + r.weight, 0) >= ON_TOPIC_WEIGHT,
      ),
  );
  const type = questionType(question);
  const qualifies = (c: Candidate, share: number) => c.matched >= neededMatches && c.coverage >= Math.max(settings.minCoverage, share) && onTopic(c);
  const leading = chooseLead(candidates, { question, query, datesEvent: wanted.kind === 'date' || type === 'когда', qualifies });
  const bestCoverage = leading?.coverage ?? Math.max(0, ...candidates.map((c) => c.coverage));
  if (!leading) return { answered: false, text: NOT_FOUND, citations: [], bestCoverage };

  // "Кто подписал меморандум?": a quote that ends "– сообщил министр X" names who spoke, not who signed; a
  // sentence naming a person without quoting one, nearly as well covered, leads instead.
  const actor =
    type === 'кто' && quotesSpeaker(leading.text) && !SPEECH.test(question)
      ? candidates.find(
          (c) => c !== leading && !quotesSpeaker(c.text) && typeFit(type, c.text, question) === 1 && c.coverage >= leading.coverage * TYPED_BACKUP_RATIO && c.matched >= neededMatches,
        )
      : undefined;
  const best = actor ?? leading;
  const chosen: Candidate[] = [best];
  const focused = new Map<Candidate, string>();
  // A number that counts the asked thing itself ("1 065 дошкольных организаций") beats one beside it ("56 тыс. мест").
  // The number's own words must name the thing, not share one word of its official phrase: "медицинского
  // оборудования" is no count of "больниц" ("медицинская организация" gives each word half the weight).
  const countsIt = memoized((c: Candidate) => countsAsked(wanted.counted, c.text, (t, words) => namesCounted(t, words, (x) => relatedOf(thesaurus, x))));
  // "Сколько стоит…" wants a sum, not any number: "20 тыс. тонн" does not fit it, "1,8 млрд тенге" does.
  const fits = (c: Candidate) => typeFit(type, c.text, question) === 1 && (!SPECIFIC_KINDS.has(wanted.kind) || holdsKind(wanted.kind, c.text, () => false));
  // "Кто президент НАН?": a sentence holding the wanted kind of fact joins one that repeats the question without it.
  if (PATTERN_TYPES.has(type) && !fits(best)) {
    // The sentence right after (or before) the one naming the topic often holds its fact ("Строительство
    // новой ТЭЦ – ключевой проект. Работы начались…, к 2028 году станция…"): its words are "станция", not
    // the question's, so it is preferred over a typed sentence elsewhere.
    // A neighbour without a question word of its own may serve only with a sum or a share (any number,
    // "с 15 апреля по 31 мая", is too common to be the asked one by position alone), and only the next
    // sentence: news states a project, then its cost; a sum before it ("проекты на 60 млрд. Среди них —
    // аквапарк") is a total of several.
    const neighbourOf = (anchor: Candidate) =>
      all.find(
        (c) =>
          fits(c) &&
          // The sentence before, with question words of its own, must be on the question's topic: "…строительство подстанций
          // в Кокшетау" before "Строительство новой ТЭЦ в Кокшетау…" is another project's line.
          (c.ownCoverage > 0 ? c.order === anchor.order + 1 || onTopic(c) : SPECIFIC_KINDS.has(wanted.kind) && c.order === anchor.order + 1) &&
          c.passage === anchor.passage &&
          Math.abs(c.order - anchor.order) === 1 &&
          c.coverage >= settings.minCoverage * TYPED_BACKUP_RATIO,
      );
    const neighbour = neighbourOf(best);
    const backs = (c: Candidate) =>
      fits(c) && onTopic(c) && c.coverage >= best.coverage * TYPED_BACKUP_RATIO && c.coverage >= settings.minCoverage * TYPED_BACKUP_RATIO && c.matched >= neededMatches;
    // A headline rounds ("зарегистрировались более 3 тысяч человек"); the article's own sentence states the figure.
    const backup = candidates.find((c) => backs(c) && countsIt(c) && !c.isTitle) ?? candidates.find((c) => backs(c) && countsIt(c)) ?? candidates.find(backs);
    // The topic's sentence need not score best: "Строительство мы начали в прошлом году…" before "Инвестиции в проект
    // составляют 1 млрд тенге" may trail a line of the same article by a hair. Failing all else, a lead nearly as good
    // anchors the neighbour (the first such, best first), and then leads the answer in the best one's place.
    let anchored: { anchor: Candidate; next: Candidate } | undefined;
    for (const anchor of neighbour || backup ? [] : candidates) {
      if (anchor.score < best.score * ANCHOR_RATIO) break;
      if (anchor === best || anchor.matched < neededMatches || anchor.coverage < settings.minCoverage || !onTopic(anchor)) continue;
      const next = neighbourOf(anchor);
      anchored = next && { anchor, next };
      if (anchored) break;
    }
    if (anchored) chosen.splice(0, 1, anchored.anchor);
    const typed = neighbour ?? backup ?? anchored?.next;
    if (typed) chosen.push(typed);
  }
  // Further sentences must be nearly as good and say something new: a question word the chosen ones miss, or (broad
  // questions) another article. Four sentences that repeat one fact only bury it.
  const covered = new Set(chosen.flatMap((c) => coveredTerms(query, c.terms)));
  for (const c of candidates) {
    if (c === best) continue;
    if (chosen.length >= settings.maxSentences) break;
    if (c.score < best.score * FOLLOWER_RATIO || c.coverage < settings.minCoverage) break;
    if (chosen.some((x) => x.text === c.text || overlap(x.terms, c.terms) > 0.8) || !onTopic(c)) continue;
    const adds = coveredTerms(query, c.terms).filter((t) => !covered.has(t));
    // A broad "что" question ("Что строят в Акмолинской области?") is answered better by several
    // articles than by one: another article's sentence counts as new even with the same words.
    const otherArticle = type === 'что' && !chosen.some((x) => x.passage.chunk.articleId === c.passage.chunk.articleId);
    if (adds.length === 0 && !otherArticle) continue;
    for (const t of adds) covered.add(t);
    chosen.push(c);
  }
  // The answer must hold what was asked: a sum for "сколько стоит", a name for "кто", the attribute
  // the question names ("инвестор", "зарплата"). A sentence that is only on the topic is no answer;
  // quoting it with [1] would look like one.
  // "Сколько стоит строительство ТЭЦ…": a sum answers for a name or abbreviation the question states only
  // when its sentence or a neighbour names it ("Население Казахстана растёт. В стране живут 20 млн");
  // a sum paragraphs away, after a topical relative ("отопление"), may be another project's.
  // A capitalised Kazakh word the glossary translates ("Ұлттық құрылтай") is a title, not a name the
  // Russian news would repeat: its translation is matched like any other word.
  const translated = (t: string) => isKazakhWord(t) && (thesaurus.get(t) ?? []).length > 0;
  const names = VALUE_KINDS.has(wanted.kind) ? [...required].filter((t) => !/\d/.test(t) && !translated(t)) : [];
  // A count whose thing is checked (wanted.counted) may take the name from its article's headline: "В играх приняли
  // участие 7000 спортсменов" under "…на V Летней Спартакиаде" counts the Spartakiada's athletes. When the number's own
  // words name the counted thing ("100 «умных» камер"), its passage may name the place: news names a resort once and then
  // lists what it gets. So may the rest of its article: "трибуны на 3 тысячи зрителей" counts the spectators of the
  // school named before. A share whose sentence states more question words than a lead needs ("58% из которых
  // проживают…") may take it from its own passage; a sentence that opens a matter of its own ("По ветхому жилью…") takes
  // no name from the one before.
  let articles: Map<string, Set<string>> | undefined;
  const articleOf = (c: Candidate): ReadonlySet<string> => (articles ??= termsByArticle(passages)).get(c.passage.chunk.articleId) ?? new Set();
  const namedBy = (c: Candidate): ReadonlySet<string> => {
    if (opensOwnTopic(c.text)) return c.terms;
    if (wanted.counted !== undefined) return new Set([...c.near, ...analyze(c.passage.chunk.title), ...(countsIt(c) ? articleOf(c) : [])]);
    return wanted.kind === 'percent' && c.matched > MIN_MATCHED_TERMS ? new Set([...c.near, ...articleOf(c)]) : c.near;
  };
  // A role asked for ("Кто аким области?") is named there all the same: "Об этом сообщил аким области X".
  const reporterOnly = (c: Candidate) => wanted.kind === 'person' && !NAMES_ROLE.test(question) && REPORTS.test(c.text) && !SPEECH.test(question);
  // An abbreviation the question writes ("ИИ") is named by the words it initials ("искусственного интеллекта").
  const abbreviations = abbreviationsIn(question);
  // With two names ("в Telegram-боте TilOquBot") one near the value ties it: news names a thing once in full
  // and then by one of its names, and a neighbour that names neither still fails.
  const holds = memoized(
    (c: Candidate) => holdsWanted(wanted, c, question, thesaurus) && !reporterOnly(c) && (names.length === 0 || names.some((n) => namesTerm(n, namedBy(c), thesaurus) || (abbreviations.has(n) && spellsOut(n, c.text)))),
  );
  const enough = (c: Candidate) => holds(c) && c.coverage >= settings.minCoverage && c.matched >= neededMatches && onTopic(c);
  // A further sentence answers only with a lead's evidence: "в районах откроются пункты" is no place of "кардиоотделения".
  const answers = (c: Candidate) => holds(c) && (c === best || c.matched >= neededMatches);
  withContact(question, chosen, all, settings.maxSentences);
  withContinuations(chosen, all, settings.maxSentences);
  if (!chosen.some(answers)) {
    // A way of doing something is worded too freely to refuse without one: a sentence of the same passage
    // that states a way is looked for with less evidence, and the topic's sentence stays when there is none.
    const loose = (c: Candidate) => holds(c) && c.passage === best.passage && c.coverage >= settings.minCoverage * TYPED_BACKUP_RATIO;
    // The fact must be about what the best sentence is about: a sentence far less on the question ("730 тысяч жителей"
    // of another plan for "сколько человек вышло на субботник") holds a fact of the kind, not the asked one.
    // Nor, for a Russian question, a Kazakh sentence standing in for a Russian one: it shares the glossary's words, not the point.
    const inLanguage = kazakhContextOf(question) || isMostlyKazakh(best.text) ? () => true : (c: Candidate) => !isMostlyKazakh(c.text);
    const onPoint = (c: Candidate) => enough(c) && c.coverage >= best.coverage * ANSWERING_RATIO && inLanguage(c);
    const answering = candidates.find((c) => onPoint(c) && countsIt(c)) ?? candidates.find(onPoint) ?? (PREFERRED_KINDS.has(wanted.kind) ? all.find(loose) : undefined);
    if (answering) chosen.unshift(answering);
    // Only the kind is relaxed: the attribute asked about ("пособие" in "как оформить пособие") must still be named.
    else if (!PREFERRED_KINDS.has(wanted.kind) || !holdsWanted({ ...wanted, kind: 'any' }, best, question, thesaurus)) {
      return { answered: false, text: NOT_FOUND, citations: [], bestCoverage };
    }
    if (chosen.length > settings.maxSentences) chosen.pop();
  }
  // A benefit ("внедрение позволило выявить нарушения") answers "зачем" only when no sentence on the point states
  // a cause or a purpose ("цифровизация необходима для…"): such a one leads.
  if (wanted.kind === 'reason' && !chosen.some((c) => answers(c) && statesCause(c.text))) {
    const cause = candidates.find((c) => enough(c) && c.coverage >= best.coverage * ANSWERING_RATIO && statesCause(c.text));
    if (cause !== undefined && !chosen.includes(cause)) {
      chosen.unshift(cause);
      if (chosen.length > settings.maxSentences) chosen.pop();
    }
  }
  // A person named only as a quote's speaker ("«…», – сообщил министр X") answers "кто" questions less
  // directly than a sentence that names them in its own words; such a sentence, when retrieved, joins.
  const speakerOnly = (c: Candidate) => wanted.kind === 'person' && quotesSpeaker(c.text) && !SPEECH.test(question);
  if (chosen.some(holds) && chosen.filter(holds).every(speakerOnly)) {
    const direct = candidates.find((c) => enough(c) && !speakerOnly(c));
    if (direct && !chosen.includes(direct)) chosen.push(direct);
  }
  // Likewise a sentence whose number counts the asked thing itself ("365 тыс. тонн мяса" for "сколько мяса")
  // joins when no chosen one has such a number.
  if (wanted.counted !== undefined && !chosen.some((c) => holds(c) && countsIt(c))) {
    // Not at the cost of what the question asks about: "сколько садиков не хватает" is not answered by how
    // many work, a sentence that misses "не хватает".
    const counting = candidates.find((c) => enough(c) && countsIt(c) && c.matched >= best.matched);
    if (counting && !chosen.includes(counting)) chosen.push(counting);
  }
  // Asked about a region, a figure whose own sentence names it ("в Алматинской области проживают 1,6 млн человек") joins
  // and comes before one for "города и области" of an article on the region.
  const placed = (c: Candidate) => (filters.regions ?? []).length === 0 || c.namesRegion;
  if (wanted.counted !== undefined && !chosen.some((c) => holds(c) && countsIt(c) && placed(c))) {
    const local = candidates.find((c) => enough(c) && countsIt(c) && placed(c) && c.coverage >= best.coverage * ANSWERING_RATIO);
    if (local && !chosen.includes(local)) {
      if (chosen.length >= settings.maxSentences) chosen.pop();
      chosen.push(local);
    }
  }
  // The sentence that holds what was asked comes first: a reader takes the first sentence for the answer.
  const held = chosen.filter(answers);
  // The speaker gives way only to a sentence that covers the question as well (else the quote is the better answer).
  const plainCoverage = Math.max(0, ...held.filter((c) => !speakerOnly(c)).map((c) => c.coverage));
  const rank = (c: Candidate) => (countsIt(c) ? 0 : 1) + (placed(c) ? 0 : 0.5) + (speakerOnly(c) && plainCoverage >= c.coverage ? 2 : 0);
  const holding = held.sort((a, b) => rank(a) - rank(b));
  // A "кто" answer (or one on what a person is, or a name asked for) names no one and nothing else: a sentence with another person (the vice-minister for the minister) misleads.
  const others = chosen.filter((c) => !holding.includes(c) && !(NAMING_KINDS.has(wanted.kind) && holding.length > 0));
  if (holding.length > 0) chosen.splice(0, chosen.length, ...holding, ...others);
  // A follow-up is told what is new: a sentence the previous answer quoted gives way to a new one that
  // answers, and a quoted sentence that also lists the previous figure is cut to the clauses with the new words.
  if (previous) {
    const told = previous.answer;
    const asked = new Set(analyze(previous.question));
    // A synonym the last question had makes a word old ("а медиков?" after "врачей"), unless it was an adjective there:
    // "врачей" is new after "медицинских организаций".
    const askedNouns = new Set(analyze(tokenize(previous.question).filter((w) => !ADJECTIVE_ENDING.test(w.toLowerCase())).join(' ')));
    // The place a follow-up swaps in ("а в Туркестанской?") is new too, though the filter keeps it out of the evidence.
    const placeSwapped = detectRegions(question).some((r) => !detectRegions(previous.question).includes(r));
    const everyTerm = ignore.size > 0 && placeSwapped ? queryTerms(question, stats, thesaurus) : query;
    const fresh = everyTerm.filter((q) => !asked.has(q.term) && !q.synonyms.some((s) => askedNouns.has(s.term)));
    // "а в этом году?" after "…в прошлом году?": the time word the question dropped marks the old clause.
    const now = new Set(analyze(question));
    const dropped = new Set([...asked].filter((t) => (RELATIVE_TIME.has(t) || YEAR_ONLY.test(t)) && !now.has(t)));
    // What was told goes when something new answers; else a told sentence stays if it holds what is asked.
    // A told sentence whose clauses hold the follow-up's new words ("…, в Каспийское море – 6 млрд") is news.
    // Asked for another kind of fact ("а на какую сумму?" after a count), a told sentence that holds it is news too.
    const kindChanged = wantedOf(previous.question, named).kind !== wanted.kind;
    const cut = (c: Candidate) => {
      let text = focused.get(c);
      if (text === undefined) focused.set(c, (text = focusOnNew(c.text, fresh, covers, dropped, DATED_KINDS.has(wanted.kind), told)));
      return text;
    };
    // A told sentence that states every new word itself answers anew even when it has no clause to cut to ("а автономный
    // кредитный профиль?": "…рейтинг на уровне «BBB» и автономный кредитный профиль на уровне «BBB+»").
    const statesFresh = (c: Candidate) => fresh.length > 0 && fresh.every((q) => c.terms.has(q.term));
    // What was told may have been a cut of the sentence ("…на общую сумму 388,8 млрд тенге"): any stretch of it counts.
    const toldStretches = told.split(/\s*\[\d+\]\s*|…/u).map((t) => t.trim()).filter((t) => t.length >= MIN_TOLD_STRETCH);
    const wasTold = (c: Candidate) => told.includes(c.text) || toldStretches.some((t) => c.text.includes(t));
    const isNews = (c: Candidate) => !wasTold(c) || (kindChanged && holds(c)) || cut(c) !== c.text || statesFresh(c);
    const untold = chosen.filter(isNews);
    // Nothing chosen is news: a retrieved sentence that answers and was not told comes first ("и сколько мяса
    // они дадут?" after the count of poultry farms is answered by the capacity, not by the count again).
    // It must be on the point as the told one was: "второе место – город Шымкент" shares the place, not the topic.
    const news = untold.some(holds) ? undefined : candidates.find((c) => enough(c) && isNews(c) && !chosen.includes(c) && c.coverage >= best.coverage * ANSWERING_RATIO);
    if (news) untold.unshift(news);
    const kept = untold.some(holds) ? untold : chosen.filter((c) => isNews(c) || holds(c));
    chosen.splice(0, chosen.length, ...kept);
    for (const c of chosen) cut(c);
  }
  const clipped = fitToBudget(chosen.map((c) => focused.get(c) ?? c.text), query, type, settings.maxChars, question);

  const citations: Citation[] = [];
  const markerOf = (chunk: Chunk): number => {
    const existing = citations.find((c) => c.chunkId === chunk.id);
    if (existing) return existing.n;
    citations.push(citationOf(citations.length + 1, chunk));
    return citations.length;
  };
  // Marker numbers follow reading order; each sentence ends with its own source.
  const text = clipped
    .flatMap((sentence, i) => (sentence === null ? [] : [`${sentence} [${markerOf(itemAt(chosen, i).passage.chunk)}]`]))
    .join(' ');
  return { answered: true, text, citations, bestCoverage };
}

/** Computed once per key (a candidate's checks, a passage's terms): the composition asks the same ones again while it orders and filters. */
function memoized<K, V>(compute: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => (seen.has(key) ? (seen.get(key) as V) : (seen.set(key, compute(key)).get(key) as V));
}

/**
 * The news' own groups (weight 1) relate a domain's words ("ТЭЦ", "отопление", "теплоснабжение"); a
 * name stands only for itself or its translation (the glossary's "ЖЭО" → "ТЭЦ", weight below 1).
 */
function namesTerm(name: string, terms: ReadonlySet<string>, thesaurus: Thesaurus): boolean {
  const related = relatedOf(thesaurus, name);
  // A name stemmed unevenly ("Спартакиадаға" → "спартакиада", "Спартакиаде" → "спартакиад") is still the name.
  return holdsNear(terms, name) || related.some((r) => r.weight >= FOCUS_SYNONYM_WEIGHT && r.weight < 1 && terms.has(r.term)) || holdsTransliterated(terms, name, related);
}

/** The candidate holds a fact of the wanted kind, and the sentence itself speaks of the asked attribute. */
function holdsWanted(wanted: Wanted, c: Candidate, question: string, thesaurus: Thesaurus): boolean {
  return answersWanted(wanted, c.text, c.terms, question, (term) => relatedOf(thesaurus, term), c.near);
}
