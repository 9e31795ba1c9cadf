import type { Language } from './article.js';
import { isKazakhWord } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';

/**
 * Russian vs Kazakh, decided per sentence, then by the share of words in Kazakh sentences.
 * A sentence is Kazakh when enough of its words contain a letter only Kazakh has and it lacks
 * Russian function words. Measured on the seed corpus: Kazakh sentences score 0.2–1.0 on the
 * letter share (many Kazakh words lack those letters), Russian ones 0–0.09, but names such as
 * «Нұрлы жер» or "Қасым-Жомарт Тоқаев" can push a short Russian sentence higher; its "в", "и",
 * "на" then give it away.
 */
const CYRILLIC_WORD = /[а-яёәғқңөұүһі]+/g;
const RUSSIAN_FUNCTION_WORDS = new Set(['в', 'во', 'и', 'на', 'по', 'для', 'что', 'из', 'от', 'к', 'с', 'о', 'об', 'при', 'это', 'как']);

const KAZAKH_SENTENCE_SHARE = 0.15;
const MIXED_MIN_SHARE = 0.08;

/** Any letter only Kazakh has, in either case: without one no sentence can be Kazakh. */
const KAZAKH_ANY = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const KAZAKH_LOWER = /[әғқңөұүһі]/;

export function detectLanguage(text: string): Language {
  // Most passages are Russian through and through: the sentence split below is most of the cost.
  if (!KAZAKH_ANY.test(text)) return 'ru';
  let kazakh = 0;
  let total = 0;
  for (const sentence of splitSentences(text)) {
    const lower = sentence.toLowerCase();
    const words = lower.match(CYRILLIC_WORD) ?? [];
    total += words.length;
    // Without a Kazakh letter no word of the sentence is Kazakh: the per-word tests can only say no.
    if (KAZAKH_LOWER.test(lower) && isKazakhSentence(words)) kazakh += words.length;
  }
  if (total === 0) return 'ru';
  const share = kazakh / total;
  if (share < MIXED_MIN_SHARE) return 'ru';
  if (share > 1 - MIXED_MIN_SHARE) return 'kk';
  return 'mixed';
}

function isKazakhSentence(words: string[]): boolean {
  const kazakhWords = words.filter(isKazakhWord).length;
  const russianWords = words.filter((w) => RUSSIAN_FUNCTION_WORDS.has(w)).length;
  return kazakhWords > 0 && kazakhWords >= KAZAKH_SENTENCE_SHARE * words.length && russianWords * 4 <= kazakhWords;
}
