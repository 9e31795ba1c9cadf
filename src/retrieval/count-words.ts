import { analyze } from '../text/analyzer.js';

/** A count asked: "сколько", "қанша", "неше", "какое количество". */
const COUNT_ASKED = /(?<![\p{L}])(?:сколько|скольк\p{L}*|қанша|неше|какое количество|каково количество|какое число|каково число)(?![\p{L}])/iu;

/**
 * "Мектептер саны қанша?" is "сколько школ?": in a count question "саны" (the number of), "количество" and "число"
 * ask, they are no topic. News writes "в Алматы 418 медицинских организаций" without them, and searching for them
 * finds "увеличения числа предприятий".
 */
const COUNT_WORDS = new Set(analyze('саны санын санына количество количества число'));

/** The question's terms without the words that only ask a count (all of them when nothing else is left). */
export function withoutCountWords(question: string, terms: readonly string[]): string[] {
  if (!COUNT_ASKED.test(question)) return [...terms];
  const topic = terms.filter((t) => !COUNT_WORDS.has(t));
  return topic.length > 0 ? topic : [...terms];
}
