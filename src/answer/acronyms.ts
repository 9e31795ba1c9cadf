import { analyze, isStopword, normalize } from '../text/analyzer.js';

/**
 * Abbreviations the news uses for what a question spells out: "НАН" for "Национальной академии наук",
 * "МИД" for "Министерство иностранных дел". Read from the two texts alone, no list of abbreviations.
 */

/** An abbreviation in a text: two to five capital letters as a word of its own. */
const ABBREVIATION = /(?<![\p{L}])\p{Lu}{2,5}(?![\p{L}])/gu;
const WORD = /[\p{L}-]+/gu;

/** The abbreviations a text writes, lower case ("ИИ", "МСБ" → "ии", "мсб"). */
export function abbreviationsIn(text: string): Set<string> {
  return new Set([...text.matchAll(ABBREVIATION)].map((m) => m[0].toLowerCase()));
}

/**
 * The stems of the question's phrases that `text` names by their initials: each run of two to five
 * words (function words skipped, "Министерство по чрезвычайным ситуациям" → "МЧС") whose first
 * letters spell an abbreviation of the text.
 */
export function abbreviatedTerms(question: string, text: string): Set<string> {
  const abbreviations = abbreviationsIn(text);
  const found = new Set<string>();
  if (abbreviations.size === 0) return found;
  const words = [...question.matchAll(WORD)].map((m) => m[0]).filter((w) => !isStopword(normalize(w)));
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 2; end <= Math.min(words.length, start + 5); end++) {
      const phrase = words.slice(start, end);
      const initials = phrase.map((w) => w.charAt(0).toLowerCase()).join('');
      if (abbreviations.has(initials)) for (const t of analyze(phrase.join(' '))) found.add(t);
    }
  }
  return found;
}

/**
 * Whether `text` spells out the abbreviation a question uses ("ИИ" → "искусственного интеллекта", "ВКО" →
 * "Восточно-Казахстанской области"): a run of its words, function words skipped, whose initials spell it.
 */
export function spellsOut(abbreviation: string, text: string): boolean {
  const letters = abbreviation.toLowerCase();
  if (letters.length < 2 || letters.length > 5 || !/^\p{L}+$/u.test(letters)) return false;
  const initials = [...text.matchAll(WORD)]
    .flatMap((m) => m[0].split('-'))
    .filter((w) => w.length > 0 && !isStopword(normalize(w)))
    .map((w) => w.charAt(0).toLowerCase())
    .join('');
  return initials.includes(letters);
}

/** Each part of a clipped compound is at least this long ("мин" + "здрав"). */
const MIN_CLIP = 3;

/**
 * Whether `terms` name the clipped compound `name` ("минздрав"): one term starts with its head ("мин…") and one with
 * the rest ("здрав…"), as "министерства здравоохранения" does.
 */
export function spellsCompound(terms: ReadonlySet<string>, name: string): boolean {
  for (let cut = MIN_CLIP; cut <= name.length - MIN_CLIP; cut++) {
    const head = name.slice(0, cut);
    const tail = name.slice(cut);
    let heads = false;
    let tails = false;
    for (const t of terms) {
      heads ||= t.startsWith(head);
      tails ||= t.startsWith(tail);
      if (heads && tails) return true;
    }
  }
  return false;
}
