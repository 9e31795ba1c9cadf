import { analyze } from '../text/analyzer.js';

/** A count asked: "сколько", "қанша", "неше", "какое количество". */
const COUNT_ASKED = /(?<![\p{L}])(?:сколько|скольк\p{L}*|қанша|неше|какое количество|каково количество|какое число|каково число)(?![\p{L}])/iu;

/**
 * "Мектептер саны қанша?" is "сколько школ?": in a count question "саны" (the number of), "количество" and "число"
 * ask, they are no topic. News writes "в Алматы 418 медицинских организаций" without them, and searching for them
 * finds "увеличения числа предприятий".
 */
const COUNT_WORDS = new Set(analyze('саны санын санына количество количества число'));
/** Likewise the measure a count question asks in: "қанша көлемде грант беріледі?", "сколько в размере…" ask the amount itself. */
const MEASURE_WORDS = new Set(analyze('көлем көлемде көлемі мөлшер мөлшерде мөлшері размер размере размера объем объеме объема'));

const asksOnly = (term: string) => COUNT_WORDS.has(term) || MEASURE_WORDS.has(term);

/** A word that only says what a count question asks ("саны", "количество", "көлемде"), not what about. */
export function onlyAsksCount(question: string, term: string): boolean {
  return asksOnly(term) && COUNT_ASKED.test(question);
}

/** The question's terms without the words that only ask a count (all of them when nothing else is left). */
export function withoutCountWords(question: string, terms: readonly string[]): string[] {
  if (!COUNT_ASKED.test(question)) return [...terms];
  const topic = terms.filter((t) => !asksOnly(t));
  return topic.length > 0 ? topic : [...terms];
}

/** The words that say whose statement it is: "по данным", "по словам", "со слов", "согласно". */
const SOURCE_MARKER_WORDS =
  '(?<![\\p{L}])(?:по (?:данным|словам|информации|сообщению|сведениям|выступлению|мнению|оценке|оценкам|прогнозу|прогнозам|расч[её]там|подсч[её]там|плану|планам)|со слов|согласно)';
/**
 * A source named for a statement, with up to three words of its name: "по данным Минздрава", "со слов акима
 * Алматы", "по плану Сагинтаева". Who said it is rarely in the sentence that states the fact.
 */
export const SOURCE_OF_STATEMENT = new RegExp(`${SOURCE_MARKER_WORDS}\\s+(?:[\\p{L}-]+\\s*){1,3}`, 'giu');
/** The marker alone: the name after it may be the topic ("по данным Минздрава"), the marker is not. */
const SOURCE_MARKER = new RegExp(`${SOURCE_MARKER_WORDS}(?![\\p{L}])`, 'giu');

/**
 * Hearsay that frames a question: "Правда, что…", "Говорят, …", "Слышал, что…" open it, "это правда?" closes it.
 * They say the user is not sure, not what the question is about ("говорят" found "как говорят в народе").
 */
const HEARSAY = new RegExp(
  '(?:^|(?<=[.!?]\\s*))\\s*(?:а\\s+)?(?:правда(?:\\s+ли)?|верно\\s+ли|это\\s+правда|говорят|слышал[аи]?|я\\s+слышал[аи]?|пишут|читал[аи]?|ходят\\s+слухи|неужели)(?=\\s*(?:[,:]|что(?![\\p{L}])))' +
    '|[,—–-]\\s*(?:это\\s+)?(?:правда|так)\\s*\\?+\\s*$',
  'giu',
);

/**
 * "стоит", "стоят", "стоило": costing ("сколько стоит") or standing ("стоит в очереди") says nothing of a topic, and its
 * stem "сто" is the number a hundred ("сто тысяч") and the "Стоит отметить" that opens many a sentence.
 */
const COST_OR_STAND = /(?<![\p{L}])сто(?:ит|ят|ил[аои]?|ить|ять|ял[аои]?)(?![\p{L}])/giu;

/** Chat's "many" and "for years" ("куча народу годами не ходит"): they say how much or how long, not of what. */
const VAGUE_AMOUNT = /(?<![\p{L}])(?:куча|кучу|кучи|уйма|уйму|полно|годами|месяцами|неделями|днями|часами)(?![\p{L}])/giu;

/**
 * The terms a question searches and is answered by: without the words that only ask ("сколько … саны",
 * "қанша көлемде"), only say whose word it is ("по словам": "По словам министра…" opens many a sentence), only
 * frame it as hearsay ("Правда, что…"), cost or stand ("сколько стоит") or say "many" ("куча").
 */
export function topicTerms(question: string): string[] {
  return withoutCountWords(question, analyze(question.replace(SOURCE_MARKER, ' ').replace(HEARSAY, ' ').replace(COST_OR_STAND, ' ').replace(VAGUE_AMOUNT, ' ')));
}
