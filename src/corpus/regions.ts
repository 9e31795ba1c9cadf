import { NeedleScanner } from './needle-scan.js';

/**
 * Kazakhstan's 17 oblasts and 3 cities of republican significance, and a detector for their
 * Russian and Kazakh mentions in any inflection.
 *
 * Regional centres count as their oblast ("в Кокшетау" → Akmola region), except Almaty, Astana and
 * Shymkent, which are regions of their own; the land "под" them ("сёла под Астаной") is the oblast around them.
 * Decisions on ambiguous names:
 * - "Алматинская область", "Алматы облысы" → the Almaty region; "Алматы", "алматинцы", "алматинский" → the city.
 * - "Астанинское водохранилище" lies in the Akmola region → akmola, not the city.
 * - Абай, Жамбыл, Жетысу, Ұлытау are also people, streets and districts ("ул. Абая", "Жетысуский район"
 *   of Almaty), so they count only next to "область"/"облысы".
 * - "Семей" doubles as "семей" (families), so it counts only as "г. Семей", "города Семей", "Семей қаласы".
 */

export interface Region {
  id: string;
  /** Russian nominative, as shown to users. */
  name: string;
  kind: 'oblast' | 'city';
}

export const REGIONS: readonly Region[] = [
  { id: 'abai', name: 'область Абай', kind: 'oblast' },
  { id: 'akmola', name: 'Акмолинская область', kind: 'oblast' },
  { id: 'aktobe', name: 'Актюбинская область', kind: 'oblast' },
  { id: 'almaty-region', name: 'Алматинская область', kind: 'oblast' },
  { id: 'atyrau', name: 'Атырауская область', kind: 'oblast' },
  { id: 'east-kazakhstan', name: 'Восточно-Казахстанская область', kind: 'oblast' },
  { id: 'zhambyl', name: 'Жамбылская область', kind: 'oblast' },
  { id: 'zhetysu', name: 'область Жетісу', kind: 'oblast' },
  { id: 'west-kazakhstan', name: 'Западно-Казахстанская область', kind: 'oblast' },
  { id: 'karaganda', name: 'Карагандинская область', kind: 'oblast' },
  { id: 'kostanay', name: 'Костанайская область', kind: 'oblast' },
  { id: 'kyzylorda', name: 'Кызылординская область', kind: 'oblast' },
  { id: 'mangystau', name: 'Мангистауская область', kind: 'oblast' },
  { id: 'pavlodar', name: 'Павлодарская область', kind: 'oblast' },
  { id: 'north-kazakhstan', name: 'Северо-Казахстанская область', kind: 'oblast' },
  { id: 'turkistan', name: 'Туркестанская область', kind: 'oblast' },
  { id: 'ulytau', name: 'область Ұлытау', kind: 'oblast' },
  { id: 'astana', name: 'Астана', kind: 'city' },
  { id: 'almaty', name: 'Алматы', kind: 'city' },
  { id: 'shymkent', name: 'Шымкент', kind: 'city' },
];

const NAMES = new Map(REGIONS.map((r) => [r.id, r.name]));

export function regionName(id: string): string {
  const name = NAMES.get(id);
  if (name === undefined) throw new Error(`regions: unknown region id "${id}"`);
  return name;
}

const START = '(?<![\\p{L}\\p{N}])';
const INFLECTED = '\\p{L}*';
// "Алматинской и Жамбылской областях", "Алматы және Жетісу облыстарында": the oblast word may follow a list.
// The list is bounded, so a text that is one endless list of names stays linear to scan.
const OBLAST_WORD_AFTER = '(?=(?:(?:\\s*,\\s*|\\s+(?:и|және|мен)\\s+)[\\p{L}-]+){0,20}\\s+(?:област|обл(?:\\.|(?![\\p{L}]))|облыс|регион))';

/** Any inflection of any of the stems. */
const stems = (...list: string[]) => new RegExp(`${START}(?:${list.join('|')})${INFLECTED}`, 'giu');
/** Stems that name a region only when "область"/"облысы" follows (possibly after a list of names). */
const beforeOblast = (...list: string[]) =>
  new RegExp(`${START}(?:${list.join('|')})${INFLECTED}${OBLAST_WORD_AFTER}`, 'giu');
/** Names that follow "области": "в области Абай", "области Жетісу". */
const afterOblast = (...list: string[]) => new RegExp(`${START}област${INFLECTED}\\s+(?:${list.join('|')})`, 'giu');
/** Upper-case abbreviations, matched case-sensitively ("ВКО", not "вко"). */
const abbreviations = (...list: string[]) => new RegExp(`${START}(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/** Oblasts by their "-щина" names: the stem before "щина". */
const OBLAST_NICKNAMES: ReadonlyArray<readonly [string, string]> = [
  ['akmola', 'Акмолин'], ['aktobe', 'Актюбин'], ['almaty-region', 'Алматин'], ['zhambyl', 'Жамбыл'], ['karaganda', 'Карагандин'],
  ['kostanay', 'Костанай'], ['kyzylorda', 'Кызылордин'], ['pavlodar', 'Павлодар'], ['turkistan', 'Туркестан'], ['atyrau', 'Атырау'],
  ['mangystau', 'Мангистау'], ['west-kazakhstan', 'Западно-Казахстан'], ['east-kazakhstan', 'Восточно-Казахстан'], ['north-kazakhstan', 'Северо-Казахстан'],
];

/**
 * Ordered: each match masks its text, so the specific forms ("Алматы облысы") claim their words
 * before the general ones ("Алматы") see them. `needles`: words one of which every match contains
 * (lower case; as written for the case-sensitive abbreviations), so a text without any of them skips
 * the rule's scan (most passages name one region or none, and 40 Unicode-aware scans a passage were most
 * of chunking's cost).
 */
const RULES: ReadonlyArray<{ id: string; pattern: RegExp; needles: readonly string[]; cased?: boolean }> = [
  { id: 'akmola', pattern: /(?<![\p{L}\p{N}])Астанинск\p{L}*\s+водохранилищ/giu, needles: ['астанинск'] },
  // "под Астаной", "под Алматы", "под Шымкентом": the land around a city of its own is the oblast around it.
  { id: 'akmola', pattern: /(?<![\p{L}\p{N}])под\s+(?:Астан|Нур-Султан)\p{L}*/giu, needles: ['астан', 'нур-султан'] },
  { id: 'almaty-region', pattern: /(?<![\p{L}\p{N}])под\s+Алмат\p{L}*/giu, needles: ['алмат'] },
  { id: 'turkistan', pattern: /(?<![\p{L}\p{N}])под\s+Шымкент\p{L}*/giu, needles: ['шымкент'] },
  // Spoken and newspaper names of an oblast in "-щина" ("на Жамбылщине", "Карагандинщина"): unambiguous, unlike "Жамбыл".
  ...OBLAST_NICKNAMES.map(([id, stem]) => ({ id, pattern: stems(`${stem}щин`), needles: [`${stem.toLowerCase()}щин`] })),
  { id: 'almaty-region', pattern: beforeOblast('Алматинск', 'Алматы'), needles: ['алматинск', 'алматы'] },
  { id: 'zhambyl', pattern: beforeOblast('Жамбылск', 'Жамбыл'), needles: ['жамбыл'] },
  { id: 'abai', pattern: beforeOblast('Абайск', 'Абай'), needles: ['абай'] },
  { id: 'abai', pattern: afterOblast('Абай'), needles: ['абай'] },
  { id: 'abai', pattern: /(?<![\p{L}\p{N}])(?:(?:г\.|город\p{L}*)\s*Семе\p{L}*|Семей\s+қала)/giu, needles: ['семе'] },
  { id: 'zhetysu', pattern: beforeOblast('Жетысуск', 'Жетісуск', 'Жетысу', 'Жетісу'), needles: ['жетысу', 'жетісу'] },
  { id: 'zhetysu', pattern: afterOblast('Жетысу', 'Жетісу'), needles: ['жетысу', 'жетісу'] },
  { id: 'ulytau', pattern: beforeOblast('Улытауск', 'Ұлытауск', 'Улытау', 'Ұлытау'), needles: ['улытау', 'ұлытау'] },
  { id: 'ulytau', pattern: afterOblast('Улытау', 'Ұлытау'), needles: ['улытау', 'ұлытау'] },
  { id: 'akmola', pattern: beforeOblast('Акмола', 'Ақмола'), needles: ['акмола', 'ақмола'] },
  { id: 'east-kazakhstan', pattern: beforeOblast('Шығыс\\s+Қазақстан'), needles: ['шығыс'] },
  { id: 'west-kazakhstan', pattern: beforeOblast('Батыс\\s+Қазақстан'), needles: ['батыс'] },
  { id: 'west-kazakhstan', pattern: /(?<![\p{L}\p{N}])Орал\s+қала/giu, needles: ['орал'] },
  { id: 'north-kazakhstan', pattern: beforeOblast('Солтүстік\\s+Қазақстан'), needles: ['солтүстік'] },
  { id: 'akmola', pattern: stems('Акмолинск', 'Кокшетау', 'Көкшетау'), needles: ['акмолинск', 'кокшетау', 'көкшетау'] },
  { id: 'aktobe', pattern: stems('Актюбинск', 'Актобе', 'Ақтөбе'), needles: ['актюбинск', 'актобе', 'ақтөбе'] },
  { id: 'almaty-region', pattern: stems('Конаев', 'Қонаев', 'Капшага', 'Қапшаға'), needles: ['конаев', 'қонаев', 'капшага', 'қапшаға'] },
  { id: 'atyrau', pattern: stems('Атырау'), needles: ['атырау'] },
  { id: 'east-kazakhstan', pattern: stems('Восточно-Казахстанск', 'Усть-Каменогорск', 'Өскемен'), needles: ['восточно-казахстанск', 'усть-каменогорск', 'өскемен'] },
  { id: 'zhambyl', pattern: stems('Тараз'), needles: ['тараз'] },
  { id: 'zhetysu', pattern: stems('Талдыкорган', 'Талдықорған'), needles: ['талдыкорган', 'талдықорған'] },
  { id: 'west-kazakhstan', pattern: stems('Западно-Казахстанск'), needles: ['западно-казахстанск'] },
  // The city only: "уральский" is about the Urals.
  { id: 'west-kazakhstan', pattern: /(?<![\p{L}\p{N}])Уральск(?:а|е|у|ом)?(?![\p{L}])/giu, needles: ['уральск'] },
  { id: 'karaganda', pattern: stems('Караганд', 'Қарағанды'), needles: ['караганд', 'қарағанды'] },
  { id: 'kostanay', pattern: stems('Костана', 'Қостана'), needles: ['костана', 'қостана'] },
  { id: 'kyzylorda', pattern: stems('Кызылорд', 'Қызылорд'), needles: ['кызылорд', 'қызылорд'] },
  { id: 'mangystau', pattern: stems('Мангистау', 'Мангыстау', 'Маңғыстау', 'Актау', 'Ақтау'), needles: ['мангистау', 'мангыстау', 'маңғыстау', 'актау', 'ақтау'] },
  { id: 'pavlodar', pattern: stems('Павлодар'), needles: ['павлодар'] },
  { id: 'north-kazakhstan', pattern: stems('Северо-Казахстанск', 'Петропавловск'), needles: ['северо-казахстанск', 'петропавловск'] },
  { id: 'turkistan', pattern: stems('Туркестан', 'Түркістан', 'Южно-Казахстанск'), needles: ['туркестан', 'түркістан', 'южно-казахстанск'] },
  { id: 'ulytau', pattern: stems('Жезказган', 'Жезқазған'), needles: ['жезказган', 'жезқазған'] },
  { id: 'astana', pattern: stems('Астан', 'Нур-Султан', 'Нұр-Сұлтан'), needles: ['астан', 'нур-султан', 'нұр-сұлтан'] },
  { id: 'almaty', pattern: stems('Алматы', 'Алматин', 'Алма-Ат'), needles: ['алматы', 'алматин', 'алма-ат'] },
  { id: 'shymkent', pattern: stems('Шымкент'), needles: ['шымкент'] },
  { id: 'east-kazakhstan', pattern: abbreviations('ВКО', 'ШҚО'), needles: ['ВКО', 'ШҚО'], cased: true },
  { id: 'west-kazakhstan', pattern: abbreviations('ЗКО', 'БҚО'), needles: ['ЗКО', 'БҚО'], cased: true },
  { id: 'north-kazakhstan', pattern: abbreviations('СКО', 'СҚО'), needles: ['СКО', 'СҚО'], cased: true },
  { id: 'turkistan', pattern: abbreviations('ЮКО', 'ОҚО'), needles: ['ЮКО', 'ОҚО'], cased: true },
];

/**
 * Which rules can match: the needles in the text, found in one pass. The lower-case needles are matched
 * ignoring case (Unicode simple case folding, as the rules compare): a letter's capital lower-cases to it, and
 * the only other letters that fold to a needle's are the old Cyrillic variants U+1C80–U+1C88 ("ᲀ" folds to
 * "в"), which no lower-casing turns into it: a text with one of those runs every rule. The abbreviations'
 * needles are matched as written, by one plain pattern.
 */
const LOWER_NEEDLES = new NeedleScanner([...new Set(RULES.filter((r) => !r.cased).flatMap((r) => r.needles))]);
const CASED_NEEDLES = new RegExp(
  [...new Set(RULES.filter((r) => r.cased).flatMap((r) => r.needles))].sort((a, b) => b.length - a.length).join('|'),
  'g',
);

/** Adds the cased needles in the text to `found` (none of them is inside another). */
function casedNeedlesIn(text: string, found: Set<string>): void {
  CASED_NEEDLES.lastIndex = 0;
  for (let m = CASED_NEEDLES.exec(text); m !== null; m = CASED_NEEDLES.exec(text)) {
    found.add(m[0]);
    // Needles may overlap ("ШҚОҚО"): the next one may start inside this one.
    CASED_NEEDLES.lastIndex = m.index + 1;
  }
}

/**
 * Region ids mentioned in the text, in order of first mention. Linear in the text's length: each rule
 * scans the text once, and its matches are masked in one pass before the next rule runs. A rule none of
 * whose needles is in the text cannot match (masking only blanks text out), so it is not run.
 */
export function detectRegions(text: string): string[] {
  return [...scanRegions(text).firstMention].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

/** How many mentions of regions the text has ("под Астаной в Акмолинской области": two, of one region). */
export function countRegionMentions(text: string): number {
  return scanRegions(text).mentions;
}

function scanRegions(text: string): { firstMention: Map<string, number>; mentions: number } {
  const firstMention = new Map<string, number>();
  const found = new Set<string>();
  const everyRule = !LOWER_NEEDLES.scan(text, found);
  if (!everyRule) {
    casedNeedlesIn(text, found);
    if (found.size === 0) return { firstMention, mentions: 0 };
  }
  let rest = text;
  let mentions = 0;
  for (const { id, pattern, needles } of RULES) {
    if (!everyRule && !needles.some((needle) => found.has(needle))) continue;
    const parts: string[] = [];
    let copied = 0;
    for (const m of rest.matchAll(pattern)) {
      const at = m.index;
      mentions += 1;
      if (!firstMention.has(id) || at < (firstMention.get(id) ?? Infinity)) firstMention.set(id, at);
      parts.push(rest.slice(copied, at), ' '.repeat(m[0].length));
      copied = at + m[0].length;
    }
    if (parts.length > 0) rest = parts.join('') + rest.slice(copied);
  }
  return { firstMention, mentions };
}

const LOOSE = new Map<string, RegExp[]>();
for (const { id, pattern } of RULES) LOOSE.set(id, [...(LOOSE.get(id) ?? []), new RegExp(pattern.source, pattern.flags.replace('g', ''))]);

/**
 * Does the text name any of the regions in any form, including forms detectRegions assigns to another
 * region ("Астанинское водохранилище" names Astana though it lies in the Akmola region)? Used to accept a
 * passage outside a region's articles only when it speaks of the place.
 */
export function namesAnyRegion(text: string, ids: readonly string[]): boolean {
  return ids.some((id) => (LOOSE.get(id) ?? []).some((pattern) => pattern.test(text)));
}
