import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createKazakhStemmer, type KazakhStemmer } from './kazakh-stemmer.js';
import { parseKazakhAffixes, parseKazakhStems, LEXICON_FILES, SHIPPED_LEXICON_DIR } from './lexicon.js';

/**
 * The Kazakh stemmer over the tables shipped in data/lexicon (hunspell-kk's endings and word list).
 * The analyzer is synchronous and used everywhere, so the tables are read once, when this module is
 * first imported; they are versioned with the code like the code itself, not user data.
 */
const read = (file: string) => readFileSync(path.join(SHIPPED_LEXICON_DIR, file), 'utf8');

const stems = parseKazakhStems(read(LEXICON_FILES.kazakhStems), LEXICON_FILES.kazakhStems);

export const shippedKazakhStemmer: KazakhStemmer = createKazakhStemmer(parseKazakhAffixes(read(LEXICON_FILES.kazakhAffixes), LEXICON_FILES.kazakhAffixes), { stems });

/** Does the Kazakh word list know this stem (or, for a verb stem, its infinitive)? */
export const isKnownKazakhStem = (stem: string): boolean => stems.has(stem) || stems.has(`${stem}у`);
