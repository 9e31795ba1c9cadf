/**
 * Firms as answers: "Кто вложит деньги в птицефабрику?" is answered by "ТОО «The Farm» намерена инвестировать…"
 * as well as by a person. Pure text checks, used by wanted.ts.
 */
import { wordPattern as word } from './word-pattern.js';

/** A firm's legal form or kind: the name follows it (ТОО «The Farm», компания "Самрук-Энерго"). */
const FIRM_KIND = '(?<![\\p{L}])(?:ТОО|АО|АҚ|ЖШС|ОАО|ЗАО|ПАО|ООО|ИП|ГКП|РГП|НАО|LLP|LLC|JSC|Ltd|компани\\p{L}*|корпораци\\p{L}*|фирм\\p{L}*|холдинг\\p{L}*|концерн\\p{L}*|банк\\p{L}*|фонд\\p{L}*|групп\\p{L}*)\\s+';
/** A firm's name: its legal form or kind before a quoted or capitalised name ("ТОО «КазБройлер»", "компания Shell"). */
const ORGANIZATION = new RegExp(`${FIRM_KIND}(?:[«"“„]|\\p{Lu})`, 'u');

/** The sentence names a firm. */
export const namesFirm = (sentence: string) => ORGANIZATION.test(sentence);

/** The name after a firm's legal form or kind: «The Farm», "Самрук-Энерго". */
const FIRM_NAME = new RegExp(`${FIRM_KIND}(?:[«"“„]([^»"”]+)|(\\p{Lu}[\\p{L}-]*))`, 'gu');

/** The sentence names a firm the question does not. */
function namesOtherFirm(sentence: string, question: string): boolean {
  const asked = question.toLowerCase();
  return [...sentence.matchAll(FIRM_NAME)].some((m) => !asked.includes((m[1] ?? m[2] ?? '').trim().toLowerCase()));
}

/**
 * What firms do as well as people: invest, build, supply, produce. The sentence must tell of the same deed
 * as the question: "реанимировать птицефабрику ТОО «…»" names the plant's owner, not who invests in it.
 */
const FIRM_ACTIONS = [
  word('влож\\p{L}*|вклад\\p{L}*|инвест\\p{L}*|финансир\\p{L}*|профинансир\\p{L}*|спонсир\\p{L}*|инвестор\\p{L}*|қаржыландыр\\p{L}*'),
  word('постро\\p{L}*|строит\\p{L}*|строят|возвод\\p{L}*|возвед\\p{L}*|подрядчик\\p{L}*|застройщик\\p{L}*|салады|салатын'),
  word('постав\\p{L}*|производ\\p{L}*|выпуска\\p{L}*|изготов\\p{L}*'),
];
const sameFirmAction = (question: string, sentence: string) => FIRM_ACTIONS.some((action) => action.test(question) && action.test(sentence));

/** A firm answers a "кто" question when the sentence tells of the question's deed and names a firm the question does not. */
export const firmAnswers = (question: string, sentence: string) => sameFirmAction(question, sentence) && namesOtherFirm(sentence, question);
