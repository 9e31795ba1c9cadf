/**
 * Latin readings of a Cyrillic word. Kazakhstan's news write brands and projects in Latin letters
 * ("Daryn AI", "TilOquBot", "Jeyran") while people type them in Cyrillic ("дарын", "тилокубот", "джейран").
 * There is no one standard (Russian passport, Kazakh 2021 Latin, English habit), so each letter has its
 * usual readings and every combination up to a cap is offered; the caller keeps one its vocabulary knows.
 */

const READINGS: Readonly<Record<string, readonly string[]>> = {
  а: ['a'], б: ['b'], в: ['v', 'w'], г: ['g'], д: ['d'], е: ['e', 'ye'], ё: ['yo', 'e'], ж: ['zh', 'j'], з: ['z'],
  и: ['i', 'y'], й: ['y', 'i', 'j'], к: ['k', 'q', 'c'], л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'],
  с: ['s', 'c'], т: ['t'], у: ['u'], ф: ['f'], х: ['kh', 'h', 'x'], ц: ['ts', 'c'], ч: ['ch'], ш: ['sh'],
  щ: ['shch', 'sch'], ъ: [''], ы: ['y', 'i'], ь: [''], э: ['e'], ю: ['yu', 'iu', 'ju'], я: ['ya', 'ia', 'ja'],
  ә: ['a', 'ae'], ғ: ['gh', 'g'], қ: ['q', 'k'], ң: ['ng', 'n'], ө: ['o', 'oe'], ұ: ['u'], ү: ['u', 'ue'],
  һ: ['h'], і: ['i'],
};
/** "дж" is one sound, written "j" as often as "dzh". */
const DIGRAPHS: ReadonlyArray<readonly [string, readonly string[]]> = [['дж', ['j', 'dzh', 'dj']]];
/** Readings offered at most: a long word's combinations grow fast, and the common readings come first. */
export const MAX_READINGS = 64;

/** Latin readings of a lower-case Cyrillic word, most usual first; empty when it holds a letter of neither alphabet. */
export function latinReadings(word: string): string[] {
  let readings = [''];
  for (let i = 0; i < word.length; ) {
    const digraph = DIGRAPHS.find(([cyrillic]) => word.startsWith(cyrillic, i));
    const options = digraph?.[1] ?? READINGS[word.charAt(i)];
    if (options === undefined) return [];
    i += digraph ? digraph[0].length : 1;
    const next: string[] = [];
    for (const head of readings) for (const tail of options) if (next.length < MAX_READINGS) next.push(head + tail);
    readings = next;
  }
  return readings;
}
