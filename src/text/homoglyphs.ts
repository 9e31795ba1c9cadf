/**
 * Latin letters typed inside Cyrillic words ("Ильяc Усеров" with a Latin "c", "Aлматы" with a Latin "A"): news
 * copied between editors and messages typed on a mixed keyboard carry them. They look the same but match no
 * Russian word, stem or name pattern, so a word of Cyrillic letters and Latin look-alikes is read as Cyrillic.
 * A Latin word ("BBB+", "Telegram", "IT") or one with a Latin letter that has no look-alike ("iPhone") stays.
 */

/** Latin letters and the Cyrillic letters they are taken for ("i" for the Kazakh "і"). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', k: 'к',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У', I: 'І',
};

/** A run of letters with both a Cyrillic and a Latin one. */
const MIXED = /(?=\p{L}*\p{Script=Cyrillic})(?=\p{L}*\p{Script=Latin})\p{L}+/gu;
const LATIN = /\p{Script=Latin}/gu;

/** The text with every mixed word's Latin look-alikes made Cyrillic; a quick test keeps clean text untouched. */
export function fixHomoglyphs(text: string): string {
  if (!/\p{Script=Cyrillic}\p{Script=Latin}|\p{Script=Latin}\p{Script=Cyrillic}/u.test(text)) return text;
  return text.replace(MIXED, (word) => {
    const latin = word.match(LATIN) ?? [];
    return latin.every((letter) => LOOK_ALIKES[letter] !== undefined) ? word.replace(LATIN, (letter) => LOOK_ALIKES[letter] ?? letter) : word;
  });
}
