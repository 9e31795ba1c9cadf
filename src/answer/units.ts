/**
 * A value asked in a unit: "какой уровень воды в метрах?", "сколько в гектарах?". A figure in another unit
 * ("81,4 кубометров воды в секунду") is another measure, not the asked one.
 */

/** A unit: how a question asks in it, the word stems a sentence writes it with, and its whole-word shortenings. */
const UNITS: ReadonlyArray<readonly [asked: string, stems: string, short: string]> = [
  ['сантиметр', 'сантиметр', 'см'],
  ['километр', 'километр', 'км'],
  ['кубометр', 'кубометр|кубическ|куб', 'м3|м³'],
  ['квадратн\\p{L}* метр', 'квадратн', 'кв|м2|м²'],
  ['метр', 'метр', 'м'],
  ['тонн', 'тонн', 'т'],
  ['гектар', 'гектар', 'га'],
  ['литр', 'литр', 'л'],
  ['градус', 'градус', '°'],
  ['мегаватт', 'мегаватт', 'мвт'],
  ['киловатт', 'киловатт', 'квт'],
  ['доллар', 'доллар', 'usd|\\$'],
];

const ASKED = UNITS.map(
  ([asked, stems, short]) =>
    [new RegExp(`(?<![\\p{L}])в\\s+${asked}\\p{L}*`, 'iu'), new RegExp(`(?<![\\p{L}])(?:(?:${stems})\\p{L}*|(?:${short})(?![\\p{L}]))`, 'iu')] as const,
);

/** The question asks its value in a unit the sentence never writes. */
export function statesAnotherUnit(question: string, sentence: string): boolean {
  const asked = ASKED.find(([unit]) => unit.test(question));
  return asked !== undefined && !asked[1].test(sentence);
}
