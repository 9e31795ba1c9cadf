/**
 * The two ends of a scale. "Самые высокие зарплаты" is not answered by "самые низкие зарплаты", and a sentence that
 * ranks the other end ("Минимальная потребность в Турксибском районе") would look like the answer to "где больше всего".
 */

const L = '(?<![\\p{L}])';
const re = (source: string) => new RegExp(source, 'iu');

/** Opposites of degree, word against word. */
const OPPOSITES: Array<[RegExp, RegExp]> = [
  [re(`${L}(?:высок\\p{L}*|выше)`), re(`${L}(?:низк\\p{L}*|ниже)`)],
  [re(`${L}(?:больш\\p{L}*|крупн\\p{L}*)`), re(`${L}(?:меньш\\p{L}*|маленьк\\p{L}*)`)],
  [re(`${L}(?:лучш\\p{L}*)`), re(`${L}(?:худш\\p{L}*|хуже)`)],
  [re(`${L}(?:дорог\\p{L}*|дороже)`), re(`${L}(?:дешев\\p{L}*|дешевле)`)],
];

/** The question asks one end of a scale and the sentence speaks only of the other. */
export function saysTheOpposite(question: string, sentence: string): boolean {
  return OPPOSITES.some(([a, b]) => (a.test(question) && !b.test(question) && b.test(sentence) && !a.test(sentence)) || (b.test(question) && !a.test(question) && a.test(sentence) && !b.test(sentence)));
}

// An end of the one scale of amount, ranked: a superlative or "больше всего". Plain "больше" or "большой" ranks
// nothing ("большое внимание", "более 4 млн").
const TOP = re(`${L}(?:сам\\p{L}* (?:высок|больш|крупн|богат|дорог)\\p{L}*|наибольш\\p{L}*|наивысш\\p{L}*|максимальн\\p{L}*|(?:больше|выше|дороже) (?:всего|всех)|ең (?:көп|жоғары|үлкен)\\p{L}*)`);
const BOTTOM = re(`${L}(?:сам\\p{L}* (?:низк|маленьк|мал|бедн|дешев)\\p{L}*|наименьш\\p{L}*|наинизш\\p{L}*|минимальн\\p{L}*|(?:меньше|ниже|дешевле) (?:всего|всех)|ең (?:аз|төмен|кіші)\\p{L}*)`);

/**
 * The question ranks one end ("где больше всего", "самые большие") and the sentence ranks only the other ("Самые
 * низкие зарплаты – в…", "Минимальная потребность – в…"): quoting it would answer the opposite question.
 */
export function ranksTheOtherEnd(question: string, sentence: string): boolean {
  const top = TOP.test(question);
  const bottom = BOTTOM.test(question);
  if (top === bottom) return false;
  return top ? BOTTOM.test(sentence) && !TOP.test(sentence) : TOP.test(sentence) && !BOTTOM.test(sentence);
}

/** The question ranks one end and the sentence ranks that end ("максимальная в Ауэзовском районе" for "где больше всего"). */
export function ranksTheAskedEnd(question: string, sentence: string): boolean {
  const top = TOP.test(question);
  return top !== BOTTOM.test(question) && (top ? TOP : BOTTOM).test(sentence);
}
