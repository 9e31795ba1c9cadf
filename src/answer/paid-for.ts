/**
 * What a sum is for: the thing a money question prices ("сколько стоит X", "сколько выделят на X", "на какую сумму
 * закупили X") and whether a sentence states its sum's purpose. A sum for another thing is no answer.
 */
import { analyze } from '../text/analyzer.js';

/** The thing a sum is for: after "стоит", "стоимость", "цена", or after "на" following a verb of spending. */
const PAID_BY_PRICE =
  /(?<![\p{L}])(?:стоит|стоят|стоил\p{L}*|стоить|обойд\p{L}*|обош\p{L}*|стоимост\p{L}*|цен[аеуы])\s+((?:[\p{L}\d«»"-]+\s*){1,3})/iu;
/** Verbs of spending, as stems: "выделят", "направят", "инвестирует" ("потрачено" is added where the sum's object follows). */
const SPENDING = 'выдел|потрат|направ|заложен|предусмотр|израсход|влож|инвестир';
/** "выделят на ремонт дорог"; "на то, чтобы закрыть нехватку медиков" is for what follows "чтобы". */
const SPENT_ON = new RegExp(
  `(?<![\\p{L}])(?:(?:${SPENDING}|потрач)\\p{L}*|денег|средств)\\s+(?:[\\p{L}-]+\\s+)?на\\s+(?:то,?\\s+чтобы\\s+)?((?:[\\p{L}\\d«»"-]+\\s*){1,3})`,
  'iu',
);
/** What was bought: "на какую сумму закупили хроматографы", "за сколько купят автобусы". */
const BOUGHT = /(?<![\p{L}])(?:за)?куп(?:ил|ят|ит|ать|ает|ают|лен|лено|лены)\p{L}*\s+((?:[\p{L}\d«»"-]+\s*){1,3})|(?<![\p{L}])приобре(?:л|ли|ла|тут|тет|сти|тен|тено|тены)\p{L}*\s+((?:[\p{L}\d«»"-]+\s*){1,3})/iu;
/**
 * Heads too general to tie a sum: "стоимость проекта", "на реализацию программы", "на закрытие дефицита педагогов",
 * "на развитие туризма" (the words after them still do: a sum "на снижение дефицита мест в садах" is not for teachers).
 */
const GENERAL_HEADS = new Set(
  analyze(
    'программа проект объект мероприятие реализация строительство стройка постройка возведение закуп закупка покупка приобретение ' +
      'один одна одно одного одной новый новая новое новые закрытие снижение сокращение решение устранение ликвидация покрытие ' +
      'дефицит дефицита нехватка развитие поддержка улучшение обеспечение',
  ),
);
/**
 * A sentence's own purpose for its sum, before the verb: "на закуп медицинского оборудования планируется выделить".
 * Not before "потрачено" so far: that reading is to be measured in a round of its own.
 */
const PURPOSE_BEFORE = new RegExp(`(?<![\\p{L}])на\\s+(?:[\\p{L}\\d«»"-]+\\s+){1,5}(?:${SPENDING})\\p{L}*`, 'iu');
/** The purpose named before the verb in a question: "на медоборудование в Алматы сколько денег выделят". */
const PAID_BEFORE = new RegExp(`(?<![\\p{L}])на\\s+((?:[\\p{L}\\d«»"-]+\\s+){1,2})(?:[\\p{L}\\d«»"-]+\\s+){0,4}(?:${SPENDING})\\p{L}*`, 'iu');
/** A pronoun priced ("а сколько она стоит?") stands for the topic a follow-up carries in brackets. */
const PRONOUN = /^(?:он|она|оно|они|это|эта|этот|эти|его|её|ее|их)(?![\p{L}])/iu;
/** "Сколько она стоит?": the pronoun before the price verb. */
const PRONOUN_PRICED = /(?<![\p{L}])(?:он|она|оно|они|это)\s+(?:стоит|стоят|стоил\p{L}*|обойд\p{L}*|обош\p{L}*)(?![\p{L}])/iu;

/**
 * The terms of what the question's sum is for (none found: any sum is for it); `skip`: words that ask the sum itself;
 * `carried`: the topic a follow-up carries in brackets, which a priced pronoun stands for.
 */
export function paidForOf(text: string, ignore: ReadonlySet<string>, skip: (term: string) => boolean, carried?: string): string[] {
  const termsOf = (phrase: string) => analyze(phrase).filter((t) => !ignore.has(t) && !skip(t) && !GENERAL_HEADS.has(t));
  if (carried !== undefined && PRONOUN_PRICED.test(text)) return termsOf(carried);
  for (const pattern of [PAID_BY_PRICE, SPENT_ON, BOUGHT, PAID_BEFORE]) {
    const found = pattern.exec(text);
    const typed = found?.[1] ?? found?.[2];
    if (typed === undefined) continue;
    const terms = termsOf(PRONOUN.test(typed.trim()) ? (carried ?? typed) : typed);
    if (terms.length > 0) return terms;
  }
  return [];
}

/** Whether a sentence says what its sum is for ("на закуп оборудования выделят", "выделено на ремонт"). */
export const statesPurpose = (sentence: string): boolean => SPENT_ON.test(sentence) || PURPOSE_BEFORE.test(sentence);
