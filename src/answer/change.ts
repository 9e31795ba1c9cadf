/**
 * A change asked, a level told: "На сколько больше садиков стало по сравнению с прошлым годом?" wants a difference
 * ("на 40 больше", "выросло на 12%", "прирост"), which "функционируют 1 065 садиков" does not state.
 */
import { wordPattern as re } from './word-pattern.js';

const CHANGE_ASKED = re(
  '(?:на\\s*сколько|насколько)\\s+(?:\\p{L}+\\s+)?(?:больше|меньше|выросл\\p{L}*|вырос|увеличил\\p{L}*|уменьшил\\p{L}*|сократил\\p{L}*|снизил\\p{L}*|подорожал\\p{L}*|подешевел\\p{L}*)|по сравнению с|в сравнении с|какой (?:прирост|рост)|каков (?:прирост|рост)|қаншаға (?:өс|арт|көбей|азай|қысқар)\\p{L}*',
);
const CHANGE_STATED = re(
  '(?:больше|меньше|выше|ниже)\\s+(?:на|в)|увелич\\p{L}*|вырос\\p{L}*|выросл\\p{L}*|рост\\p{L}*|прирост\\p{L}*|прираста\\p{L}*|сократ\\p{L}*|сокращ\\p{L}*|уменьш\\p{L}*|сниз\\p{L}*|снижен\\p{L}*|по сравнению|в сравнении|против\\s+\\d|өс(?:ті|еді|кен|уі|ім)\\p{L}*|арт(?:ты|ады|қан|уы)\\p{L}*|көбей\\p{L}*|азай\\p{L}*|қысқар\\p{L}*',
);

/** Whether the question asks how much something changed, and the sentence states no change. */
export function statesNoChange(question: string, sentence: string): boolean {
  return CHANGE_ASKED.test(question) && !CHANGE_STATED.test(sentence);
}
