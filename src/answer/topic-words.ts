/**
 * Words that say little of what a question is about: a sentence sharing only these with the question is not on its
 * topic (composition.ts's on-topic check).
 */
import { analyze, analyzeAs } from '../text/analyzer.js';

/**
 * Words of any news item (to build, open, hold, plan; new): a question's topic is what it builds or opens, so a
 * sentence sharing only these is on another topic. They count only when the question says nothing else.
 */
export const GENERIC_TERMS = new Set([
  ...analyze(
    'строить построить строят построят строится строятся построен построена построено построены новый новая новое новые новых новой новую новым ' +
      'открыть откроют открывают открывается откроется открыт открыта открыто провести проведут проводят проводится планируют планирует планируется начнут начнется ' +
      // Taking place: "Когда пройдет курултай?" is about the kurultai, not any event that "пройдет".
      'пройдет пройдут проходит проходят прошел прошла прошло прошли состоится состоятся состоялся состоялась состоялось состоялись ' +
      // Allocating: "Сколько выделяют на ремонт дорог?" is about roads, not any sum "выделяется".
      'выделить выделят выделяют выделяется выделяются выделено выделены выделили выделим ' +
      // Lacking: "Сколько не хватает учителей?" is about teachers, not any shortage ("дефицит … специалистов").
      'хватает хватало хватит нехватка нехватки нехватку дефицит дефицита дефицитом недостает недостаток ' +
      // When: "когда в сентябре пройдет фестиваль" is about the festival, not anything dated in September.
      'январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре',
  ),
  // The same in Kazakh, as a Kazakh question's words are read: "Көкшетауда жаңа ЖЭО қашан салынады?" is about the plant.
  ...analyzeAs('жаңа салу салынады салынды салынып салады ашылады ашу ашылды ашады өтеді өткізіледі жоспарлануда жоспарланған', true),
]);
/** Words for a price or a sum: what a money question asks of its topic. */
export const MONEY_WORDS = new Set(
  analyze('стоимость стоимости стоит стоят цена цены цену тариф тарифы сумма сумму деньги денег средства средств баға бағасы құны ақша ақшасы қаржы'),
);
/** The plain words for people: what "сколько человек" counts, not what it is about. */
export const PEOPLE_WORDS = new Set(analyze('человек людей люди адам'));

/**
 * A sentence that opens a matter of its own ("По ветхому жилью разрабатывается…", "Что касается дорог, …") does not
 * continue the one before: its sum is not that sentence's topic's. "По словам…", "По итогам…" and the like continue.
 */
const OWN_TOPIC_OPENER =
  /^(?:По\s+(?!словам|данным|информации|сведениям|итогам|мнению|оценк|прогноз|расч[её]т|плану|результат|поручени|состояни|инициатив|сообщени|поводу|этому|этой|нему|ней|ним)[\p{L}-]+\s+[\p{L}-]+|Что касается|Касательно|Относительно)(?![\p{L}])/u;

export function opensOwnTopic(sentence: string): boolean {
  return OWN_TOPIC_OPENER.test(sentence.trim());
}
