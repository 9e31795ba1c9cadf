/**
 * Kazakhstan's 17 oblasts and 3 cities of republican significance, and a detector for their
 * Russian and Kazakh mentions in any inflection.
 *
 * Regional centres count as their oblast ("в Кокшетау" → Akmola region), except Almaty, Astana and
 * Shymkent, which are regions of their own. Decisions on ambiguous names:
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

/**
 * Ordered: each match masks its text, so the specific forms ("Алматы облысы") claim their words
 * before the general ones ("Алматы") see them.
 */
const RULES: ReadonlyArray<{ id: string; pattern: RegExp }> = [
  { id: 'akmola', pattern: /(?<![\p{L}\p{N}])Астанинск\p{L}*\s+водохранилищ/giu },
  { id: 'almaty-region', pattern: beforeOblast('Алматинск', 'Алматы') },
  { id: 'zhambyl', pattern: beforeOblast('Жамбылск', 'Жамбыл') },
  { id: 'abai', pattern: beforeOblast('Абайск', 'Абай') },
  { id: 'abai', pattern: afterOblast('Абай') },
  { id: 'abai', pattern: /(?<![\p{L}\p{N}])(?:(?:г\.|город\p{L}*)\s*Семе\p{L}*|Семей\s+қала)/giu },
  { id: 'zhetysu', pattern: beforeOblast('Жетысуск', 'Жетісуск', 'Жетысу', 'Жетісу') },
  { id: 'zhetysu', pattern: afterOblast('Жетысу', 'Жетісу') },
  { id: 'ulytau', pattern: beforeOblast('Улытауск', 'Ұлытауск', 'Улытау', 'Ұлытау') },
  { id: 'ulytau', pattern: afterOblast('Улытау', 'Ұлытау') },
  { id: 'akmola', pattern: beforeOblast('Акмола', 'Ақмола') },
  { id: 'east-kazakhstan', pattern: beforeOblast('Шығыс\\s+Қазақстан') },
  { id: 'west-kazakhstan', pattern: beforeOblast('Батыс\\s+Қазақстан') },
  { id: 'west-kazakhstan', pattern: /(?<![\p{L}\p{N}])Орал\s+қала/giu },
  { id: 'north-kazakhstan', pattern: beforeOblast('Солтүстік\\s+Қазақстан') },
  { id: 'akmola', pattern: stems('Акмолинск', 'Кокшетау', 'Көкшетау') },
  { id: 'aktobe', pattern: stems('Актюбинск', 'Актобе', 'Ақтөбе') },
  { id: 'almaty-region', pattern: stems('Конаев', 'Қонаев', 'Капшага', 'Қапшаға') },
  { id: 'atyrau', pattern: stems('Атырау') },
  { id: 'east-kazakhstan', pattern: stems('Восточно-Казахстанск', 'Усть-Каменогорск', 'Өскемен') },
  { id: 'zhambyl', pattern: stems('Тараз') },
  { id: 'zhetysu', pattern: stems('Талдыкорган', 'Талдықорған') },
  { id: 'west-kazakhstan', pattern: stems('Западно-Казахстанск') },
  // The city only: "уральский" is about the Urals.
  { id: 'west-kazakhstan', pattern: /(?<![\p{L}\p{N}])Уральск(?:а|е|у|ом)?(?![\p{L}])/giu },
  { id: 'karaganda', pattern: stems('Караганд', 'Қарағанды') },
  { id: 'kostanay', pattern: stems('Костана', 'Қостана') },
  { id: 'kyzylorda', pattern: stems('Кызылорд', 'Қызылорд') },
  { id: 'mangystau', pattern: stems('Мангистау', 'Мангыстау', 'Маңғыстау', 'Актау', 'Ақтау') },
  { id: 'pavlodar', pattern: stems('Павлодар') },
  { id: 'north-kazakhstan', pattern: stems('Северо-Казахстанск', 'Петропавловск') },
  { id: 'turkistan', pattern: stems('Туркестан', 'Түркістан', 'Южно-Казахстанск') },
  { id: 'ulytau', pattern: stems('Жезказган', 'Жезқазған') },
  { id: 'astana', pattern: stems('Астан', 'Нур-Султан', 'Нұр-Сұлтан') },
  { id: 'almaty', pattern: stems('Алматы', 'Алматин', 'Алма-Ат') },
  { id: 'shymkent', pattern: stems('Шымкент') },
  { id: 'east-kazakhstan', pattern: abbreviations('ВКО', 'ШҚО') },
  { id: 'west-kazakhstan', pattern: abbreviations('ЗКО', 'БҚО') },
  { id: 'north-kazakhstan', pattern: abbreviations('СКО', 'СҚО') },
  { id: 'turkistan', pattern: abbreviations('ЮКО', 'ОҚО') },
];

/**
 * Region ids mentioned in the text, in order of first mention. Linear in the text's length: each rule
 * scans the text once, and its matches are masked in one pass before the next rule runs.
 */
export function detectRegions(text: string): string[] {
  let rest = text;
  const firstMention = new Map<string, number>();
  for (const { id, pattern } of RULES) {
    const parts: string[] = [];
    let copied = 0;
    for (const m of rest.matchAll(pattern)) {
      const at = m.index;
      if (!firstMention.has(id) || at < (firstMention.get(id) ?? Infinity)) firstMention.set(id, at);
      parts.push(rest.slice(copied, at), ' '.repeat(m[0].length));
      copied = at + m[0].length;
    }
    if (parts.length > 0) rest = parts.join('') + rest.slice(copied);
  }
  return [...firstMention].sort((a, b) => a[1] - b[1]).map(([id]) => id);
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
