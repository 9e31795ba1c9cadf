/**
 * Converts two Debian dictionary packages into the compact lexicon files shipped in data/lexicon/:
 *
 *   mythes-ru   /usr/share/mythes/th_ru_RU_v2.dat   → data/lexicon/ru-synonyms.tsv  (LGPL-2.1)
 *   hunspell-kk /usr/share/hunspell/kk_KZ.aff       → data/lexicon/kk-affixes.tsv   (GPL-2+ / LGPL-2.1+ / MPL-1.1+)
 *
 *   hunspell-kk /usr/share/hunspell/kk_KZ.dic       → data/lexicon/kk-stems.tsv     (same licences)
 *
 * Run once after `apt-get install mythes-ru hunspell-kk`:
 *   npx tsx scripts/build-lexicon.ts [--mythes PATH] [--aff PATH] [--out DIR]
 * The output is deterministic (sorted), so a rebuild from the same packages gives the same bytes.
 * The hand-written files in data/lexicon/ (ru-colloquial.tsv, ru-chat.tsv, kk-ru-glossary.tsv) are
 * sources, not outputs: this script never touches them.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { isStopword } from '../src/text/analyzer.js';

// ---------------------------------------------------------------------------------------------
// Russian synonyms (mythes-ru)
// ---------------------------------------------------------------------------------------------

/**
 * The filtering rules (documented in docs/lexicon.md), chosen so that an expansion is more likely
 * to help than to drift off topic:
 * - only "(синоним)" groups: "(сходный термин)", "(связанный термин)" and "(антоним)" are looser;
 * - single words only (letters, optionally one hyphen), lower-cased, ё → е;
 * - headwords with more than MAX_SENSES synonym groups are dropped: a word with many senses
 *   ("глава", "сила") expands into every one of them;
 * - a synonym listed under more than MAX_SYNONYM_SPREAD headwords is dropped everywhere: such words
 *   ("суд", "дело", "порядок") are generic and would connect unrelated questions;
 * - words shorter than MIN_LENGTH letters and stop words are dropped on both sides;
 * - at most MAX_SYNONYMS per headword, in the thesaurus's own order (closest first).
 */
const MAX_SENSES = 3;
const MAX_SYNONYM_SPREAD = 15;
const MIN_LENGTH = 3;
const MAX_SYNONYMS = 6;
const SINGLE_WORD = /^[а-я]+(?:-[а-я]+)?$/;

export function normalizeWord(word: string): string {
  return word.trim().toLowerCase().replace(/ё/g, 'е');
}

function usable(word: string): boolean {
  return SINGLE_WORD.test(word) && word.length >= MIN_LENGTH && !isStopword(word);
}

/** mythes .dat: "headword|N" then N lines "(part)|syn|syn…". Returns headword → synonym groups. */
export function parseMythes(text: string): Map<string, string[][]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries = new Map<string, string[][]>();
  // Line 0 names the encoding ("UTF-8").
  let i = 1;
  while (i < lines.length) {
    const line = lines[i++] ?? '';
    if (line === '') continue;
    const bar = line.lastIndexOf('|');
    const count = Number(line.slice(bar + 1));
    if (bar < 0 || !Number.isInteger(count)) throw new Error(`mythes: line ${i}: expected "word|count", got "${line}"`);
    const head = normalizeWord(line.slice(0, bar));
    const groups = entries.get(head) ?? [];
    for (let k = 0; k < count; k++) {
      const [part, ...words] = (lines[i++] ?? '').split('|');
      if (part === '(синоним)') groups.push(words.map(normalizeWord));
    }
    entries.set(head, groups);
  }
  return entries;
}

export function filterSynonyms(entries: Map<string, string[][]>): Map<string, string[]> {
  const spread = new Map<string, number>();
  for (const groups of entries.values()) {
    for (const word of new Set(groups.flat())) spread.set(word, (spread.get(word) ?? 0) + 1);
  }
  const result = new Map<string, string[]>();
  for (const [head, groups] of entries) {
    if (!usable(head) || groups.length === 0 || groups.length > MAX_SENSES) continue;
    const synonyms = [...new Set(groups.flat())]
      .filter((w) => w !== head && usable(w) && (spread.get(w) ?? 0) <= MAX_SYNONYM_SPREAD)
      .slice(0, MAX_SYNONYMS);
    if (synonyms.length > 0) result.set(head, synonyms);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Kazakh affixes (hunspell-kk)
// ---------------------------------------------------------------------------------------------

/**
 * hunspell-kk's affix classes each add one ending to a dictionary form. The flag letter tells the
 * grammatical slot (read off the .aff file; the comment lists what the class adds). Noun classes
 * b–l (plural fused with a possessive or case ending) are left out: the stemmer peels plural and
 * case separately, in the order Kazakh stacks them.
 */
const SLOTS: Record<string, string> = {
  A: 'plural', // -лар/-лер/-дар/-дер/-тар/-тер
  B: 'possessive', // 1sg -ым/-ім/-м
  C: 'possessive', // 1pl -ымыз/-іміз
  D: 'possessive', // 2sg -ың/-ің/-ң
  E: 'possessive', // 2sg polite -ыңыз/-іңіз
  F: 'possessive', // 3 -ы/-і/-сы/-сі
  G: 'case', // genitive -ның/-дың/-тың
  H: 'case', // dative -ға/-ге/-қа/-ке
  I: 'case', // accusative -ны/-ды/-ты
  J: 'case', // locative -да/-де/-та/-те
  K: 'case', // ablative -нан/-дан/-тан
  L: 'case', // instrumental -мен/-бен/-пен
  M: 'verb', // converb -ып/-іп/-п (M–P, m–o: the same endings on different verb classes)
  N: 'verb',
  O: 'verb',
  P: 'verb',
  m: 'verb',
  n: 'verb',
  o: 'verb',
  Q: 'verb', // past 1pl -дық
  R: 'verb', // past 2pl -дыңдар
  S: 'verb', // past 2pl polite -дыңыздар
  T: 'verb', // present 1sg -амын
  U: 'verb', // present 2sg -асың
  V: 'verb', // present 2sg polite -асыз
  W: 'verb', // present 3 -ады/-еді
  X: 'verb', // imperative 1pl -айық
  Y: 'verb', // imperative 2pl -ыңдар
  Z: 'verb', // imperative 2pl polite -ыңыздар
  p: 'verb', // past 1sg -дым
  q: 'verb', // past 2sg -дың
  r: 'verb', // past 2sg polite -дыңыз
  s: 'verb', // past 3 -ды
  t: 'verb', // present 1pl -амыз
  u: 'verb', // present 2pl -асыңдар
  v: 'verb', // present 2pl polite -асыздар
  w: 'verb', // imperative 1sg -айын
  y: 'verb', // imperative 2sg polite -ыңыз
  z: 'verb', // imperative 3 -сын
};

const BACK = 'аоуұыэ';
const FRONT = 'әеёиөүіюя';

export interface AffixRow {
  slot: string;
  /** The ending as it appears on the word. */
  suffix: string;
  /** Letters the ending replaced at the end of the base form (hunspell's strip), '' if none. */
  restore: string;
  /** Vowel harmony the ending requires of the base: back, front or any. */
  harmony: 'back' | 'front' | 'any';
  /** Letters the base (after restore) may end in; '' means any. */
  after: string;
  flags: string;
}

/** Hunspell condition "[аоуұыэ]ж" → list of character sets, one per position. */
function conditionSets(condition: string): Array<{ negated: boolean; chars: string }> {
  const sets: Array<{ negated: boolean; chars: string }> = [];
  const re = /\[(\^?)([^\]]*)\]|(.)/gu;
  for (const m of condition.matchAll(re)) {
    if (m[3] === '.') sets.push({ negated: true, chars: '' });
    else if (m[3] !== undefined) sets.push({ negated: false, chars: m[3] });
    else sets.push({ negated: m[1] === '^', chars: m[2] ?? '' });
  }
  return sets;
}

function harmonyOf(chars: string): 'back' | 'front' | 'any' {
  const vowels = [...chars].filter((c) => BACK.includes(c) || FRONT.includes(c));
  if (vowels.length === 0) return 'any';
  if (vowels.every((c) => BACK.includes(c))) return 'back';
  if (vowels.every((c) => FRONT.includes(c))) return 'front';
  return 'any';
}

/**
 * Turns hunspell SFX lines into rows keyed by (slot, suffix, restore, harmony): the condition's
 * last position (the base's final letter) becomes `after`, and the vowel class anywhere in the
 * condition becomes `harmony`. Verb classes apply to the infinitive in -у, which the row's
 * `restore` keeps, so a verb row's stem is the bare verb root ("сал" + "у").
 */
export function parseAffixes(aff: string): AffixRow[] {
  const rows = new Map<string, AffixRow & { afterSet: Set<string>; anyAfter: boolean }>();
  for (const line of aff.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SFX' || f.length < 5) continue;
    const [, flag = '', stripRaw = '', addRaw = '', condition = '.'] = f;
    const slot = SLOTS[flag];
    if (!slot) continue;
    const strip = stripRaw === '0' ? '' : stripRaw;
    const add = addRaw.split('/')[0] ?? '';
    if (add === '' || add === '0') continue;
    // Verb classes strip the infinitive -у: the stem the stemmer returns is the root without it.
    const restore = slot === 'verb' ? strip.replace(/у$/, '') : strip;
    const sets = conditionSets(condition);
    const baseSets = slot === 'verb' && strip.endsWith('у') ? sets.slice(0, -1) : sets;
    const last = baseSets[baseSets.length - 1];
    // The vowel class sits before the final letter ("[аоуұыэ]ж"); a one-position condition is the vowel itself.
    const vowelSets = baseSets.length > 1 ? baseSets.slice(0, -1) : baseSets;
    const harmony = harmonyOf(vowelSets.map((s) => (s.negated ? '' : s.chars)).join(''));
    const key = `${slot}\t${add}\t${restore}\t${harmony}`;
    const row = rows.get(key) ?? { slot, suffix: add, restore, harmony, after: '', flags: '', afterSet: new Set(), anyAfter: false };
    if (!last || last.negated || restore !== '') row.anyAfter = true;
    else for (const c of last.chars) row.afterSet.add(c);
    if (!row.flags.includes(flag)) row.flags += flag;
    rows.set(key, row);
  }
  return [...rows.values()]
    .map(({ afterSet, anyAfter, ...row }) => ({ ...row, after: anyAfter ? '' : [...afterSet].sort().join('') }))
    .sort((a, b) => a.slot.localeCompare(b.slot) || a.suffix.localeCompare(b.suffix) || a.restore.localeCompare(b.restore) || a.harmony.localeCompare(b.harmony));
}

/**
 * Endings hunspell-kk does not list as suffixes (its dictionary lists such forms as words), written
 * from the standard grammar (flag column "manual"):
 * - a few letters missing from hunspell-kk's conditions (below);
 * - case endings after a possessive (the pronominal n: ауданы-нда, облысы-на, -ндағы) and the
 *   attributive -дағы/-тағы;
 * - participles, the intention form and the verbal noun -у, which news text uses more than finite
 *   verbs (салынған, жүргізілетін, салу);
 * - voice (passive, reflexive, causative), peeled only after a verb ending, so nouns built on a
 *   voice stem (құрылыс) keep it;
 * - noun-forming -лық/-дық/-тық (әкімдік) and the agent -шы (жұмысшы).
 */
const VOWELS = 'аәеиоөуұүыіэюяё';
const VOICELESS = 'кқпстфхцчшщ';
const VOICED = 'бвгғджзйлмнңр';
const CONSONANTS = VOICELESS + VOICED + 'һ';
const sorted = (s: string) => [...new Set(s)].sort().join('');
const MANUAL: Array<[slot: string, suffix: string, harmony: AffixRow['harmony'], after: string]> = [
  // Gaps in hunspell-kk's conditions: genitive -дың after р (оқушылардың), -ның after м (адамның),
  // plural -тар after a voiceless consonant in a back-vowel word (облыстар).
  ['case', 'дың', 'back', 'р'], ['case', 'дің', 'front', 'р'],
  ['case', 'ның', 'back', 'м'], ['case', 'нің', 'front', 'м'],
  ['plural', 'тар', 'back', VOICELESS],
  ['case', 'нда', 'back', 'ы'], ['case', 'нде', 'front', 'і'],
  ['case', 'нан', 'back', 'ы'], ['case', 'нен', 'front', 'і'],
  ['case', 'на', 'back', 'ы'], ['case', 'не', 'front', 'і'],
  ['case', 'н', 'any', 'ыі'],
  ['case', 'ндағы', 'back', 'ы'], ['case', 'ндегі', 'front', 'і'],
  ['case', 'дағы', 'back', VOWELS + VOICED], ['case', 'дегі', 'front', VOWELS + VOICED],
  ['case', 'тағы', 'back', VOICELESS], ['case', 'тегі', 'front', VOICELESS],
  ['verb', 'ған', 'back', VOWELS + VOICED], ['verb', 'ген', 'front', VOWELS + VOICED],
  ['verb', 'қан', 'back', VOICELESS], ['verb', 'кен', 'front', VOICELESS],
  ['verb', 'атын', 'back', CONSONANTS], ['verb', 'етін', 'front', CONSONANTS],
  ['verb', 'йтын', 'back', VOWELS], ['verb', 'йтін', 'front', VOWELS],
  ['verb', 'мақ', 'back', VOWELS + 'лрй'], ['verb', 'мек', 'front', VOWELS + 'лрй'],
  ['verb', 'бақ', 'back', 'зжмнң'], ['verb', 'бек', 'front', 'зжмнң'],
  ['verb', 'пақ', 'back', VOICELESS], ['verb', 'пек', 'front', VOICELESS],
  ['verb', 'у', 'any', CONSONANTS],
  ['voice', 'ыл', 'back', CONSONANTS], ['voice', 'іл', 'front', CONSONANTS], ['voice', 'л', 'any', VOWELS],
  ['voice', 'ын', 'back', CONSONANTS], ['voice', 'ін', 'front', CONSONANTS],
  ['voice', 'дыр', 'back', ''], ['voice', 'дір', 'front', ''], ['voice', 'тыр', 'back', ''], ['voice', 'тір', 'front', ''],
  ['voice', 'ғыз', 'back', ''], ['voice', 'гіз', 'front', ''], ['voice', 'қыз', 'back', ''], ['voice', 'кіз', 'front', ''],
  ['derivation', 'лық', 'back', VOWELS + 'йлру'], ['derivation', 'лік', 'front', VOWELS + 'йлру'],
  ['derivation', 'дық', 'back', 'жзмнң'], ['derivation', 'дік', 'front', 'жзмнң'],
  ['derivation', 'тық', 'back', VOICELESS], ['derivation', 'тік', 'front', VOICELESS],
  ['derivation', 'шы', 'back', ''], ['derivation', 'ші', 'front', ''],
];

export function manualAffixes(): AffixRow[] {
  return MANUAL.map(([slot, suffix, harmony, after]) => ({ slot, suffix, restore: '', harmony, after: sorted(after), flags: 'manual' }));
}

/**
 * hunspell-kk's word list (dictionary forms: nouns, adjectives, verb infinitives in -у), lower-cased,
 * sorted and front-coded ("shared-prefix-length<TAB>rest" per line) to a third of its size. The
 * stemmer uses it to choose between readings that the endings alone cannot tell apart
 * (облыс-ы or облы-сы).
 */
export function parseDictionary(dic: string): string[] {
  const words = new Set<string>();
  for (const line of dic.replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
    const word = (line.split('/')[0] ?? '').trim().toLowerCase();
    if (/^[а-яёәғқңөұүһі]+(?:-[а-яёәғқңөұүһі]+)*$/.test(word)) words.add(word);
  }
  return [...words].sort();
}

export function frontCode(sortedWords: readonly string[]): string[] {
  let previous = '';
  return sortedWords.map((word) => {
    let shared = 0;
    while (shared < word.length && shared < previous.length && word[shared] === previous[shared]) shared++;
    previous = word;
    return `${shared}\t${word.slice(shared)}`;
  });
}

// ---------------------------------------------------------------------------------------------

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

function main(): void {
  const mythesPath = argument('--mythes', '/usr/share/mythes/th_ru_RU_v2.dat');
  const affPath = argument('--aff', '/usr/share/hunspell/kk_KZ.aff');
  const dicPath = argument('--dic', affPath.replace(/\.aff$/, '.dic'));
  const out = argument('--out', 'data/lexicon');
  mkdirSync(out, { recursive: true });

  const synonyms = filterSynonyms(parseMythes(readFileSync(mythesPath, 'utf8')));
  const synLines = [...synonyms].sort(([a], [b]) => (a < b ? -1 : 1)).map(([h, s]) => `${h}\t${s.join('|')}`);
  writeFileSync(
    path.join(out, 'ru-synonyms.tsv'),
    [
      '# Russian synonyms: headword<TAB>synonym|synonym|…',
      '# Derived (filtered, see docs/lexicon.md) from th_ru_RU_v2.dat of Debian package mythes-ru',
      '# (LibreOffice dictionaries, ru_RU thesaurus by Mikhail Korolyov and Yakov Reztsov), LGPL-2.1.',
      '# Modified version: generated by scripts/build-lexicon.ts. See data/lexicon/NOTICE.',
      ...synLines,
      '',
    ].join('\n'),
  );

  const affixes = [...parseAffixes(readFileSync(affPath, 'utf8')), ...manualAffixes()];
  writeFileSync(
    path.join(out, 'kk-affixes.tsv'),
    [
      '# Kazakh endings: slot<TAB>suffix<TAB>restore<TAB>harmony<TAB>after<TAB>hunspell flags',
      '# Derived from kk_KZ.aff of Debian package hunspell-kk (Akmaral Mussayeva, László Németh,',
      '# Rail Aliev, 2009), used under LGPL-2.1+ (the package offers GPL-2+, LGPL-2.1+ or MPL-1.1+).',
      '# Modified version: generated by scripts/build-lexicon.ts. See data/lexicon/NOTICE.',
      '# Rows flagged "manual" are not from hunspell-kk: endings from the standard grammar (see the script).',
      ...affixes.map((r) => [r.slot, r.suffix, r.restore, r.harmony, r.after, r.flags].join('\t')),
      '',
    ].join('\n'),
  );
  const stems = parseDictionary(readFileSync(dicPath, 'utf8'));
  writeFileSync(
    path.join(out, 'kk-stems.tsv'),
    [
      '# Kazakh dictionary forms, front-coded: shared-prefix-length<TAB>rest (each word shares that many',
      '# letters with the word on the line before). Derived from kk_KZ.dic of Debian package hunspell-kk',
      '# (Akmaral Mussayeva, László Németh, Rail Aliev, 2009; word list from aspell-kk by Alexey',
      '# Lipchansky), used under LGPL-2.1+. Modified version: generated by scripts/build-lexicon.ts.',
      ...frontCode(stems),
      '',
    ].join('\n'),
  );
  console.error(`build-lexicon: ${stems.length} Kazakh stems, ${synonyms.size} synonym headwords, ${affixes.length} Kazakh affix rows → ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
