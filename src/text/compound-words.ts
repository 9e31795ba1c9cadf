/**
 * Russian compound shortenings (сложносокращённые слова): "нацпроект", "допуслуги", "соцпакет", "замакима",
 * "медпомощь". People write them; the news mostly writes them out ("национальный проект", "дополнительные
 * услуги"). The first part is a clipped adjective or noun from a short, closed list of general Russian; the rest is
 * a word of its own. Works on stems, as the thesaurus does.
 */
import { analyze } from './analyzer.js';

/** Clipped first parts and the word each stands for (general Russian word formation, not any question set). */
const CLIPPED: ReadonlyArray<readonly [string, string]> = [
  ['сельхоз', 'сельскохозяйственный'], ['энерго', 'энергетический'], ['электро', 'электрический'], ['тепло', 'тепловой'],
  ['спорт', 'спортивный'], ['строй', 'строительный'], ['авиа', 'авиационный'], ['авто', 'автомобильный'],
  ['агро', 'аграрный'], ['пром', 'промышленный'], ['спец', 'специальный'], ['проф', 'профессиональный'],
  ['нац', 'национальный'], ['гос', 'государственный'], ['доп', 'дополнительный'], ['соц', 'социальный'],
  ['мед', 'медицинский'], ['тех', 'технический'], ['фин', 'финансовый'], ['эко', 'экологический'],
  ['обл', 'областной'], ['гор', 'городской'], ['рай', 'районный'], ['жил', 'жилищный'], ['пед', 'педагогический'],
  ['гум', 'гуманитарный'], ['мат', 'материальный'], ['хоз', 'хозяйственный'], ['зам', 'заместитель'],
];
const EXPANDED = new Map(CLIPPED.map(([clip, word]) => [clip, analyze(word)[0] ?? word]));
// Longest first: "сельхоз" before "сель…", "энерго" before "эн…".
const CLIPS = [...EXPANDED.keys()].sort((a, b) => b.length - a.length);

/** Shorter remainders are endings or pieces of other words ("доп|уск", "гор|яч"), not a word of their own. */
const MIN_REST = 4;

/**
 * Clipped parts that people also write as a word of their own before the noun ("мед организации", "гос органы",
 * "зам акима"). Only those that are no other Russian word: "тех" (those), "гор" (mountains), "рай", "жил", "мат"
 * and "строй" are.
 */
const STANDALONE = new Set(['мед', 'гос', 'соц', 'спец', 'проф', 'нац', 'доп', 'пром', 'фин', 'пед', 'зам']);

/** The stem of the word a clipped part written alone stands for ("мед" → "медицинск"); undefined for any other stem. */
export function clippedWord(stem: string): string | undefined {
  return STANDALONE.has(stem) ? EXPANDED.get(stem) : undefined;
}

export interface CompoundParts {
  /** The stem of the word the clipped part stands for ("национальн"). */
  modifier: string;
  /** The stem of the rest, itself a known word ("проект"). */
  head: string;
}

/**
 * The parts of a compound shortening, when the stem starts with a clipped part and the rest is a word `known`
 * accepts; undefined otherwise ("госпитал" is no "государственный питал" unless the caller knows "питал" and
 * not "госпитал").
 */
export function compoundParts(stem: string, known: (stem: string) => boolean): CompoundParts | undefined {
  for (const clip of CLIPS) {
    if (!stem.startsWith(clip)) continue;
    const head = stem.slice(clip.length);
    if (head.length >= MIN_REST && known(head)) return { modifier: EXPANDED.get(clip) as string, head };
  }
  return undefined;
}
