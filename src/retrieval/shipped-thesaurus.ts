import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ANALYZER_VERSION } from '../text/analyzer.js';
import { LEXICON_FILES, loadLexicon, readLexiconFile, SHIPPED_LEXICON_DIR } from '../text/lexicon.js';
import { buildThesaurus, SYNONYM_GROUPS, type Related, type Thesaurus } from './thesaurus.js';

/**
 * The production thesaurus (the news' groups and the general lexicon, stemmed) ships ready-made in
 * data/lexicon/thesaurus.json: stemming the lexicon's 46k terms cost every start of the bot, the CLI
 * and each test process about 1.4 s of CPU; reading the file costs well under 0.1 s. The file carries
 * a fingerprint of what it was made from (the analyzer's version, the groups, the lexicon files and
 * the Kazakh stemmer's tables); a lexicon edited without regenerating the file does not match it and
 * the thesaurus is stemmed at start as before. `npm run thesaurus` regenerates the file;
 * test/retrieval/shipped-thesaurus.test.ts fails while it is stale, also after a change to the
 * analyzer's code that the fingerprint cannot see.
 */
export const THESAURUS_FILE = 'thesaurus.json';

/** The files the thesaurus is made of: the expansion lists, and the tables the Kazakh stemmer reads. */
const INPUT_FILES = [
  LEXICON_FILES.synonyms,
  LEXICON_FILES.colloquial,
  LEXICON_FILES.glossary,
  LEXICON_FILES.kazakhAffixes,
  LEXICON_FILES.kazakhStems,
] as const;

export async function thesaurusFingerprint(dir = SHIPPED_LEXICON_DIR, groups: readonly string[][] = SYNONYM_GROUPS): Promise<string> {
  const contents = await Promise.all(INPUT_FILES.map((name) => readLexiconFile(dir, name)));
  const hash = createHash('sha256').update(`analyzer ${ANALYZER_VERSION}\n`).update(JSON.stringify(groups));
  INPUT_FILES.forEach((name, i) => hash.update(`\n${name}\n`).update(contents[i] as string));
  return hash.digest('hex');
}

/** One entry a line, in the thesaurus's own order (expansion order is kept exactly). */
export function serializeThesaurus(thesaurus: Thesaurus, fingerprint: string): string {
  const entries = [...thesaurus].map(([key, related]) => JSON.stringify([key, related.map((r) => [r.term, r.weight])]));
  return `{"fingerprint":${JSON.stringify(fingerprint)},"entries":[\n${entries.join(',\n')}\n]}\n`;
}

export function parseThesaurus(text: string): { fingerprint: string; thesaurus: Thesaurus } {
  const { fingerprint, entries } = JSON.parse(text) as { fingerprint: string; entries: Array<[string, Array<[string, number]>]> };
  const thesaurus = new Map<string, Related[]>();
  for (const [key, related] of entries) thesaurus.set(key, related.map(([term, weight]) => ({ term, weight })));
  return { fingerprint, thesaurus };
}

function parsedOrNothing(text: string): ReturnType<typeof parseThesaurus> | undefined {
  try {
    return parseThesaurus(text);
  } catch {
    return undefined; // a damaged file is stale like an outdated one: the lexicon is stemmed instead
  }
}

/**
 * The thesaurus for a lexicon directory: the ready-made file when its fingerprint matches the
 * directory's files, otherwise stemmed from them (`prebuilt: false`, which the caller logs).
 */
export async function loadShippedThesaurus(dir = SHIPPED_LEXICON_DIR): Promise<{ thesaurus: Thesaurus; prebuilt: boolean }> {
  const [fingerprint, file] = await Promise.all([
    thesaurusFingerprint(dir),
    readFile(path.join(dir, THESAURUS_FILE), 'utf8').catch(() => undefined),
  ]);
  const shipped = file === undefined ? undefined : parsedOrNothing(file);
  if (shipped?.fingerprint === fingerprint) return { thesaurus: shipped.thesaurus, prebuilt: true };
  return { thesaurus: buildThesaurus(SYNONYM_GROUPS, await loadLexicon(dir)), prebuilt: false };
}
