import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Loaders for the general-language resources in data/lexicon/ (see docs/lexicon.md). Each parser is
 * pure (text in, Map out) and rejects a malformed line with an error naming the file and line, so a
 * bad edit to a hand-written list fails at start, not as a silently missing synonym.
 *
 * File formats (UTF-8, tab-separated, '#' starts a comment line, blank lines ignored):
 *   ru-synonyms.tsv    headword  syn|syn|…                       (generated from mythes-ru)
 *   ru-colloquial.tsv  everyday  official|official|…             (hand-written)
 *   ru-chat.tsv        chat      standard  [dot|name]            (hand-written)
 *   kk-ru-glossary.tsv kazakh    russian|russian|…  category     (hand-written)
 *   kk-affixes.tsv     slot suffix restore harmony after flags   (generated from hunspell-kk)
 *   kk-stems.tsv       shared-prefix-length  rest               (generated from hunspell-kk, front-coded)
 * Headwords are lower-cased with ё → е, the same normalisation as the analyzer.
 */

export type LexiconSource = 'mythes-ru' | 'colloquial' | 'chat' | 'kk-glossary';

/**
 * How much an expansion from each source may count next to the user's own word (1). Thesaurus
 * synonyms are the loosest (a headword's senses are merged), the hand-written lists are tighter.
 */
export const LEXICON_WEIGHTS: Readonly<Record<LexiconSource, number>> = {
  chat: 1,
  'kk-glossary': 0.9,
  colloquial: 0.8,
  'mythes-ru': 0.5,
};

export interface Alternative {
  /** A word or a phrase, normalised (lower case, ё → е). */
  term: string;
  weight: number;
  source: LexiconSource;
}

export type Lexicon = Map<string, Alternative[]>;

/**
 * When a chat shortening is expanded: always, only written with a dot ("обл."), only before a capitalised name
 * ("г. Алматы"), or only before the word for oblast ("алм обл", "акм. области": a clipped oblast adjective).
 */
export type ChatCondition = 'always' | 'dot' | 'name' | 'oblast';

export interface ChatSpelling {
  standard: string;
  when: ChatCondition;
}

export const GLOSSARY_CATEGORIES = [
  'gov', 'admin', 'place', 'region', 'city', 'society', 'economy', 'health', 'education', 'infrastructure',
  'utilities', 'environment', 'agriculture', 'transport', 'security', 'time', 'month', 'number', 'question', 'word',
] as const;
export type GlossaryCategory = (typeof GLOSSARY_CATEGORIES)[number];

export interface GlossaryAlternative extends Alternative {
  category: GlossaryCategory;
}

export const KAZAKH_SLOTS = ['case', 'possessive', 'plural', 'verb', 'voice', 'derivation'] as const;
export type KazakhSlot = (typeof KAZAKH_SLOTS)[number];

export interface KazakhAffix {
  slot: KazakhSlot;
  suffix: string;
  /** Letters to put back on the stem after removing the suffix (мектебі → мектеп: hunspell's strip). */
  restore: string;
  harmony: 'back' | 'front' | 'any';
  /** Letters the stem (after restore) may end in; empty: any. */
  after: string;
  /** hunspell-kk flag letters the row came from, or "manual". */
  flags: string;
}

export class LexiconFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`lexicon: ${file}:${line}: ${problem}`);
    this.name = 'LexiconFormatError';
  }
}

export function normalizeEntry(text: string): string {
  const lower = text.trim().toLowerCase();
  return (lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower).replace(/\s{2,}|\s/g, ' ');
}

interface Row {
  line: number;
  fields: string[];
}

/** Data lines split on tabs, with 1-based line numbers; checks the column count. */
function rows(content: string, file: string, minColumns: number, maxColumns: number, mayBeEmpty: readonly number[] = []): Row[] {
  const result: Row[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((text, i) => {
    if (text.trim() === '' || text.startsWith('#')) return;
    const fields = text.split('\t').map((f) => f.trim());
    const line = i + 1;
    if (fields.length < minColumns || fields.length > maxColumns) {
      const expected = minColumns === maxColumns ? `${minColumns}` : `${minColumns}–${maxColumns}`;
      throw new LexiconFormatError(file, line, `expected ${expected} tab-separated columns, found ${fields.length}: "${text}"`);
    }
    fields.forEach((f, k) => {
      if (f === '' && k < minColumns && !mayBeEmpty.includes(k)) throw new LexiconFormatError(file, line, `column ${k + 1} is empty`);
    });
    result.push({ line, fields });
  });
  return result;
}

// Words joined by single spaces, hyphens or apostrophes; a dot may end a word ("т.е", "ул."). Kept to
// one pass without nested repetition: the synonym file has 46k terms.
const WORDS = /^[\p{L}\p{N}](?:[\p{L}\p{N}]|[-’'. ](?=[\p{L}\p{N}])|\.(?= |$))*$/u;

function checkedTerm(raw: string, file: string, line: number, what: string): string {
  const term = normalizeEntry(raw);
  if (!WORDS.test(term)) throw new LexiconFormatError(file, line, `${what} "${raw}" is not a word or phrase`);
  return term;
}

function alternatives(raw: string, file: string, line: number, head: string): string[] {
  const terms = raw.split('|').map((t) => checkedTerm(t, file, line, 'alternative'));
  if (new Set(terms).size !== terms.length) throw new LexiconFormatError(file, line, `"${head}" lists an alternative twice`);
  if (terms.includes(head)) throw new LexiconFormatError(file, line, `"${head}" lists itself as an alternative`);
  return terms;
}

function addUnique<V>(map: Map<string, V>, key: string, value: V, file: string, line: number, lines: Map<string, number>): void {
  const earlier = lines.get(key);
  if (earlier !== undefined) throw new LexiconFormatError(file, line, `"${key}" is already listed on line ${earlier}`);
  lines.set(key, line);
  map.set(key, value);
}

function parseAlternatives(content: string, file: string, source: LexiconSource): Lexicon {
  const lexicon: Lexicon = new Map();
  const seen = new Map<string, number>();
  const weight = LEXICON_WEIGHTS[source];
  for (const { line, fields } of rows(content, file, 2, 2)) {
    const head = checkedTerm(fields[0] ?? '', file, line, 'headword');
    const terms = alternatives(fields[1] ?? '', file, line, head);
    addUnique(lexicon, head, terms.map((term) => ({ term, weight, source })), file, line, seen);
  }
  return lexicon;
}

/** ru-synonyms.tsv: headword → thesaurus synonyms (weight 0.5). */
export function parseSynonyms(content: string, file = 'ru-synonyms.tsv'): Lexicon {
  return parseAlternatives(content, file, 'mythes-ru');
}

/** ru-colloquial.tsv: everyday word → official terms (weight 0.8). */
export function parseColloquial(content: string, file = 'ru-colloquial.tsv'): Lexicon {
  return parseAlternatives(content, file, 'colloquial');
}

const CHAT_CONDITIONS: readonly ChatCondition[] = ['always', 'dot', 'name', 'oblast'];

/** ru-chat.tsv: chat spelling or shortening → standard word(s). */
export function parseChat(content: string, file = 'ru-chat.tsv'): Map<string, ChatSpelling> {
  const chat = new Map<string, ChatSpelling>();
  const seen = new Map<string, number>();
  for (const { line, fields } of rows(content, file, 2, 3)) {
    const head = checkedTerm(fields[0] ?? '', file, line, 'chat spelling');
    const standard = checkedTerm(fields[1] ?? '', file, line, 'standard form');
    const when = (fields[2] || 'always') as ChatCondition;
    if (!CHAT_CONDITIONS.includes(when)) {
      throw new LexiconFormatError(file, line, `condition "${fields[2]}" is not one of ${CHAT_CONDITIONS.join(', ')}`);
    }
    if (standard === head) throw new LexiconFormatError(file, line, `"${head}" maps to itself`);
    addUnique(chat, head, { standard, when }, file, line, seen);
  }
  return chat;
}

/** kk-ru-glossary.tsv: Kazakh word or phrase → Russian equivalents, with a category (weight 0.9). */
export function parseGlossary(content: string, file = 'kk-ru-glossary.tsv'): Map<string, GlossaryAlternative[]> {
  const glossary = new Map<string, GlossaryAlternative[]>();
  const seen = new Map<string, number>();
  const weight = LEXICON_WEIGHTS['kk-glossary'];
  for (const { line, fields } of rows(content, file, 3, 3)) {
    const head = checkedTerm(fields[0] ?? '', file, line, 'Kazakh headword');
    const category = fields[2] as GlossaryCategory;
    if (!GLOSSARY_CATEGORIES.includes(category)) {
      throw new LexiconFormatError(file, line, `category "${fields[2]}" is not one of ${GLOSSARY_CATEGORIES.join(', ')}`);
    }
    const terms = alternatives(fields[1] ?? '', file, line, head);
    addUnique(glossary, head, terms.map((term) => ({ term, weight, source: 'kk-glossary' as const, category })), file, line, seen);
  }
  return glossary;
}

const HARMONIES = ['back', 'front', 'any'] as const;
const KAZAKH_LETTERS = /^[а-яёәғқңөұүһі]*$/;

/** kk-affixes.tsv: the Kazakh endings the stemmer peels (see src/text/kazakh-stemmer.ts). */
export function parseKazakhAffixes(content: string, file = 'kk-affixes.tsv'): KazakhAffix[] {
  const affixes: KazakhAffix[] = [];
  for (const { line, fields } of rows(content, file, 6, 6, [2, 4])) {
    const [slot = '', suffix = '', restore = '', harmony = '', after = '', flags = ''] = fields;
    if (!(KAZAKH_SLOTS as readonly string[]).includes(slot)) {
      throw new LexiconFormatError(file, line, `slot "${slot}" is not one of ${KAZAKH_SLOTS.join(', ')}`);
    }
    if (!(HARMONIES as readonly string[]).includes(harmony)) {
      throw new LexiconFormatError(file, line, `harmony "${harmony}" is not one of ${HARMONIES.join(', ')}`);
    }
    for (const [name, value] of [['suffix', suffix], ['restore', restore], ['after', after]] as const) {
      if (!KAZAKH_LETTERS.test(value)) throw new LexiconFormatError(file, line, `${name} "${value}" has letters outside the Kazakh alphabet`);
    }
    if (suffix === '') throw new LexiconFormatError(file, line, 'suffix is empty');
    affixes.push({ slot: slot as KazakhSlot, suffix, restore, harmony: harmony as KazakhAffix['harmony'], after, flags });
  }
  return affixes;
}

/** kk-stems.tsv: front-coded sorted word list ("3<TAB>дан" = the previous word's first 3 letters + "дан"). */
export function parseKazakhStems(content: string, file = 'kk-stems.tsv'): Set<string> {
  // 54k lines: a plain loop, not rows(), keeps loading under ~50 ms.
  const stems = new Set<string>();
  let previous = '';
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (text === '' || text.charCodeAt(0) === 35 /* # */) continue;
    const tab = text.indexOf('\t');
    const shared = tab > 0 ? Number(text.slice(0, tab)) : NaN;
    if (!Number.isInteger(shared) || shared < 0 || shared > previous.length) {
      throw new LexiconFormatError(file, i + 1, `expected "shared-prefix-length<TAB>rest" with a length from 0 to ${previous.length}: "${text}"`);
    }
    const rest = text.slice(tab + 1).trimEnd();
    const word = previous.slice(0, shared) + rest;
    if (!STEM.test(word) || word <= previous) {
      throw new LexiconFormatError(file, i + 1, `"${word}" is not a Kazakh word or is out of order after "${previous}"`);
    }
    stems.add(word);
    previous = word;
  }
  return stems;
}

const STEM = /^[а-яёәғқңөұүһі]+(?:-[а-яёәғқңөұүһі]+)*$/;

export const LEXICON_FILES = {
  synonyms: 'ru-synonyms.tsv',
  colloquial: 'ru-colloquial.tsv',
  chat: 'ru-chat.tsv',
  glossary: 'kk-ru-glossary.tsv',
  kazakhAffixes: 'kk-affixes.tsv',
  kazakhStems: 'kk-stems.tsv',
} as const;

export interface LexiconResources {
  synonyms: Lexicon;
  colloquial: Lexicon;
  chat: Map<string, ChatSpelling>;
  glossary: Map<string, GlossaryAlternative[]>;
  kazakhAffixes: KazakhAffix[];
  kazakhStems: Set<string>;
}

/** The lexicon shipped with the code (data/lexicon), wherever the process was started from. */
export const SHIPPED_LEXICON_DIR = path.resolve(import.meta.dirname, '../../data/lexicon');

type ReadFile = (file: string) => Promise<string>;
const readUtf8: ReadFile = (file) => readFile(file, 'utf8');

/** One lexicon file's text; a missing or unreadable file is an error naming it. The only I/O here. */
export async function readLexiconFile(dir: string, name: string, read: ReadFile = readUtf8): Promise<string> {
  const full = path.join(dir, name);
  try {
    return await read(full);
  } catch (err) {
    throw new Error(`lexicon: cannot read ${full}: ${(err as Error).message}`, { cause: err });
  }
}

/** Only ru-chat.tsv, for a process whose thesaurus comes ready-made (src/retrieval/shipped-thesaurus.ts). */
export async function loadChatSpellings(dir = SHIPPED_LEXICON_DIR, read: ReadFile = readUtf8): Promise<Map<string, ChatSpelling>> {
  return parseChat(await readLexiconFile(dir, LEXICON_FILES.chat, read), path.join(dir, LEXICON_FILES.chat));
}

/** Reads and parses all lexicon files from a directory (default data/lexicon). */
export async function loadLexicon(dir = SHIPPED_LEXICON_DIR, read: ReadFile = readUtf8): Promise<LexiconResources> {
  const load = (name: string) => readLexiconFile(dir, name, read);
  const [synonyms, colloquial, chat, glossary, affixes, stems] = await Promise.all([
    load(LEXICON_FILES.synonyms),
    load(LEXICON_FILES.colloquial),
    load(LEXICON_FILES.chat),
    load(LEXICON_FILES.glossary),
    load(LEXICON_FILES.kazakhAffixes),
    load(LEXICON_FILES.kazakhStems),
  ]);
  return {
    synonyms: parseSynonyms(synonyms, path.join(dir, LEXICON_FILES.synonyms)),
    colloquial: parseColloquial(colloquial, path.join(dir, LEXICON_FILES.colloquial)),
    chat: parseChat(chat, path.join(dir, LEXICON_FILES.chat)),
    glossary: parseGlossary(glossary, path.join(dir, LEXICON_FILES.glossary)),
    kazakhAffixes: parseKazakhAffixes(affixes, path.join(dir, LEXICON_FILES.kazakhAffixes)),
    kazakhStems: parseKazakhStems(stems, path.join(dir, LEXICON_FILES.kazakhStems)),
  };
}
