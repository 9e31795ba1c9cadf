import type { Language } from './article.js';
import { sentenceSpans } from '../text/sentences.js';

/**
 * Russian vs Kazakh, decided per sentence, then by the share of words in Kazakh sentences.
 * A sentence is Kazakh when enough of its words contain a letter only Kazakh has and it lacks
 * Russian function words. Measured on the seed corpus: Kazakh sentences score 0.2–1.0 on the
 * letter share (many Kazakh words lack those letters), Russian ones 0–0.09, but names such as
 * «Нұрлы жер» or "Қасым-Жомарт Тоқаев" can push a short Russian sentence higher; its "в", "и",
 * "на" then give it away.
 */
const CYRILLIC_WORD = /[а-яёәғқңөұүһі]+/;
const KAZAKH_LOWER = /[әғқңөұүһі]/;
const RUSSIAN_FUNCTION_WORDS = new Set(['в', 'во', 'и', 'на', 'по', 'для', 'что', 'из', 'от', 'к', 'с', 'о', 'об', 'при', 'это', 'как']);
const LONGEST_FUNCTION_WORD = 3;

const KAZAKH_SENTENCE_SHARE = 0.15;
const MIXED_MIN_SHARE = 0.08;

/** Any letter only Kazakh has, in either case: without one no sentence can be Kazakh. */
const KAZAKH_ANY = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;

/**
 * Per code unit, what its lower case is to the words counted here: 0 not a word letter, 1 a letter of
 * CYRILLIC_WORD, 2 one of the Kazakh-only letters. Filled from `toLowerCase` itself, so counting the
 * letters of the text as written finds the words of the lower-cased text: lower-casing is per character
 * (but for Greek sigma), and no character lower-cases to several with a Cyrillic one among them (checked
 * here) or from a surrogate pair to one of them (none exists). Lower-casing each sentence was half the cost.
 */
const LETTER = new Uint8Array(0x10000);
for (let code = 0; code < LETTER.length; code++) {
  const lower = String.fromCharCode(code).toLowerCase();
  if (lower.length !== 1) {
    if (CYRILLIC_WORD.test(lower)) throw new Error(`language: U+${code.toString(16)} lower-cases to several letters`);
  } else if (CYRILLIC_WORD.test(lower)) {
    LETTER[code] = KAZAKH_LOWER.test(lower) ? 2 : 1;
  }
}

export function detectLanguage(text: string): Language {
  // Most passages are Russian through and through: the sentence split below is most of the cost.
  if (!KAZAKH_ANY.test(text)) return 'ru';
  const spans = sentenceSpans(text);
  let kazakh = 0;
  let total = 0;
  for (let s = 0; s < spans.length; s += 2) {
    const end = spans[s + 1] ?? 0;
    let words = 0;
    let kazakhWords = 0;
    let russianWords = 0;
    let at = spans[s] ?? 0;
    while (at < end) {
      const first = LETTER[text.charCodeAt(at)] ?? 0;
      const start = at++;
      if (first === 0) continue;
      let kazakhLetter = first === 2;
      while (at < end) {
        const kind = LETTER[text.charCodeAt(at)] ?? 0;
        if (kind === 0) break;
        if (kind === 2) kazakhLetter = true;
        at++;
      }
      words++;
      if (kazakhLetter) kazakhWords++;
      else if (at - start <= LONGEST_FUNCTION_WORD && RUSSIAN_FUNCTION_WORDS.has(text.slice(start, at).toLowerCase())) russianWords++;
    }
    total += words;
    if (isKazakhSentence(words, kazakhWords, russianWords)) kazakh += words;
  }
  if (total === 0) return 'ru';
  const share = kazakh / total;
  if (share < MIXED_MIN_SHARE) return 'ru';
  if (share > 1 - MIXED_MIN_SHARE) return 'kk';
  return 'mixed';
}

function isKazakhSentence(words: number, kazakhWords: number, russianWords: number): boolean {
  return kazakhWords > 0 && kazakhWords >= KAZAKH_SENTENCE_SHARE * words && russianWords * 4 <= kazakhWords;
}
