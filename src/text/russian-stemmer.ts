import { stemmer as snowballRussian } from '@orama/stemmers/russian';
import snowball from 'snowball-stemmers';

/**
 * Russian Snowball stems, fast. @orama/stemmers ships the Snowball compiler's own JavaScript for the Russian
 * algorithm, about 7× faster than snowball-stemmers' machine translation from Java (on the 494k Cyrillic word
 * forms of a generated 100k-chunk corpus: 0.6–0.8 s against 4.6–4.8 s of CPU), and stemming each new word
 * form was the encode worker's largest cost in a build. The two give the same stem for every lower-case word
 * without "ё" (the forms analyze() produces: it lower-cases and folds "ё"); the newer algorithm folds "ё" to
 * "е" itself and reads capitals differently, so such words keep the older translation's stems, and indexes
 * built before stay valid (bench/README.md, "Stemming and feature hashing").
 */
const older = snowball.newStemmer('russian');
const OLDER_ONLY = /[ёЁА-Я]/;

export function stemRussian(word: string): string {
  return OLDER_ONLY.test(word) ? older.stem(word) : snowballRussian(word);
}
