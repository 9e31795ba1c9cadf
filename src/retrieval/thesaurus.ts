import { analyze, isKazakhWord, isStopword, normalize, stem, stemKazakh, transliterateKazakh } from '../text/analyzer.js';
import { withPossessive } from '../text/kazakh-stemmer.js';
import { clippedWord, compoundParts } from '../text/compound-words.js';
import type { LexiconResources } from '../text/lexicon.js';

/**
 * Query expansion for paraphrases: a citizen writes "садик" where the news says "дошкольная
 * организация", or asks in Kazakh about a Russian article. Two kinds of source, each weighted:
 * - SYNONYM_GROUPS below: words of the news itself that stand for one another in this domain
 *   ("нехватка"/"дефицит", "аким"/"әкім"). Every word here occurs in the shipped news, alone or as a
 *   compound's second word ("фабрика" in "птицефабрика"); words people use in questions but the news does not
 *   are not listed here (they were, and were pruned).
 * - the general lexicon in data/lexicon (src/text/lexicon.ts): Russian synonyms from mythes-ru,
 *   everyday words → official ones, a Kazakh → Russian civic glossary. Written or derived from general
 *   language, never from a question set (docs/lexicon.md).
 * Words are stemmed with the same analyzer as the index. Group entries are single words: a phrase
 * would stand for each of its words ("глава региона" would make every "регион" a synonym of "аким").
 */
export const SYNONYM_GROUPS: readonly string[][] = [
  // health
  ['врач', 'врачей', 'медицинский'],
  ['больница', 'стационар', 'поликлиника', 'медучреждение'],
  ['здравоохранение', 'медицина'],
  // education
  ['школа', 'школы', 'школьный', 'мектеп', 'мектептер'],
  ['учитель', 'педагог', 'преподаватель', 'мұғалім', 'ұстаз', 'ұстаздар'],
  ['ученик', 'школьник', 'учащийся', 'оқушы'],
  ['образование', 'обучение', 'учиться', 'білім', 'оқу'],
  ['детский', 'дошкольный'],
  // shortage, money, building
  ['нехватка', 'дефицит', 'хватает'],
  ['деньги', 'средства', 'финансирование', 'бюджет', 'тенге', 'сумма', 'қаржы'],
  ['выделить', 'выделят', 'направить', 'профинансировать', 'затраты', 'расходы', 'закуп', 'закупка', 'бөлу'],
  ['строить', 'строят', 'строительство', 'построить', 'построят', 'сооружение'],
  ['ремонт', 'реконструкция', 'модернизация', 'обновление'],
  ['жилье', 'жилищный', 'квартира'],
  ['дом', 'здание'],
  // utilities and water
  ['вода', 'водный'],
  ['водоснабжение', 'водопровод'],
  ['паводковый', 'половодье'],
  ['газ', 'газификация'],
  ['тепло', 'отопление', 'теплоснабжение', 'тэц', 'жылу'],
  ['сель', 'селевой', 'сел'],
  ['лифт', 'лифты'],
  // people and power
  ['аким', 'әкім'],
  ['президент', 'токаев', 'тоқаев', 'елбасы'],
  ['премьер', 'правительство', 'үкімет'],
  ['послание', 'обращение'],
  ['житель', 'жители', 'население', 'гражданин', 'горожане', 'человек', 'люди', 'людей', 'халық', 'адам', 'адамдар', 'азамат'],
  ['сельский', 'село', 'сельчане', 'ауыл'],
  ['город', 'мегаполис', 'қала'],
  ['область', 'регион', 'өңір'],
  ['работа', 'занятость', 'трудоустройство', 'жұмыс'],
  ['безработица', 'безработный'],
  ['работодатель', 'предприниматель', 'бизнес'],
  // economy and sectors
  ['экономика', 'экономический', 'ввп', 'экономикасы'],
  ['рейтинг', 'оценка', 'рейтингі'],
  ['туризм', 'турист', 'туристический', 'курорт'],
  ['спорт', 'спортсмен', 'соревнование', 'спартакиада'],
  ['птицефабрика', 'птица'],
  ['цифровизация', 'цифровой', 'интеллект'],
  ['преступление', 'экспертиза'],
  ['столица', 'астана', 'астанинский'],
  ['поликлиника', 'участковый', 'прикрепленный', 'прикрепление'],
  ['обращаться', 'обратиться', 'показываться'],
  ['двух', 'екі'],
  ['оценка', 'признать'],
  ['участвовать', 'участие', 'қатысу'],
  ['сети', 'рыболовный'],
  ['эксперт', 'экспертиза'],
  ['государство', 'страна', 'мемлекет', 'ел'],
  ['наполнить', 'наполнение', 'накопление'],
  ['основной', 'ключевой', 'главный'],
  ['предложение', 'инициатива'],
  ['зарплата', 'заработный'],
  ['повысить', 'повышение', 'увеличить', 'увеличение', 'арттыру'],
  ['поручение', 'поручить', 'тапсырма'],
  ['пройдет', 'состоится', 'проходить', 'өту'],
  ['предприятие', 'завод', 'фабрика', 'производство'],
  ['проживать', 'проживают', 'проживает', 'тұрады'],
  ['работать', 'функционируют'],
  ['организация', 'учреждение'],
  ['район', 'аудан', 'ауданы'],
  ['этап', 'кезең', 'стадия'],
  ['место', 'орын', 'позиция'],
  ['команда', 'сборная', 'командасы'],
  ['фестиваль', 'фестивалі', 'форум'],
  ['парламент', 'парламентке'],
  ['министр', 'министерство', 'ведомство', 'министрі'],
  ['ресурс', 'ресурстары', 'ресурсы'],
  ['ребенок', 'дети'],
  ['очередь', 'ожидание'],
  ['камера', 'видеонаблюдение', 'видеомониторинг', 'камералар'],
  ['сэкономить', 'экономия'],
  ['отходы', 'уборка', 'очистка', 'субботник'],
  ['река', 'озеро'],
  ['платформа', 'сервис'],
  ['академик', 'наука', 'ғалым'],
  ['инвестиция', 'инвестиции', 'вложение', 'инвестор'],
  ['миллиард', 'млрд'],
  ['миллион', 'млн'],
  ['тысяча', 'тыс'],
  ['год', 'жыл', 'жылы'],
  ['новый', 'жаңа'],
  ['большой', 'крупный', 'үлкен', 'ірі'],
  // A comparison of amounts: "меньше всех получают" is "самые низкие зарплаты" ("меньше" is the one word here the
  // shipped news lacks: the comparative a question uses for the news' "ниже", "низкий").
  ['меньше', 'ниже', 'низкий', 'минимальный'],
  ['больше', 'выше', 'высокий', 'максимальный', 'наибольший'],
];

/** A term that may stand for a query term, and how much it counts next to the term itself (≤ 1). */
export interface Related {
  term: string;
  weight: number;
}

/** stem → related stems, each with its weight. */
export type Thesaurus = ReadonlyMap<string, readonly Related[]>;

/** The general lexicon's parts that expand queries. */
export type ExpansionLexicon = Pick<LexiconResources, 'synonyms' | 'colloquial' | 'glossary'>;

function stemsOf(word: string): string[] {
  // A Kazakh word without Kazakh-only letters ("аудан", "адам") is stemmed as it would be in a Kazakh
  // question too: as a shared word in Kazakh text (Kazakh endings, then Snowball), and by the Kazakh stemmer
  // alone, as its inflected forms with Kazakh letters are ("адамға" → "адам").
  if (isStopword(normalize(word))) return analyze(word);
  return [...new Set([...analyze(word), stem(normalize(word), true), stemKazakh(normalize(word))])];
}

/**
 * A Kazakh verbal noun ("үйрету", "жөндеу", "салу") is the verb stem and "-у": the glossary lists it, questions write
 * the verb ("үйрететін", "жөндейді"), which the stemmer reads back to the stem ("үйрет"), not to the noun. The stem
 * is a key too (three letters at least: shorter ones are other words' stems too).
 */
const KAZAKH_VERBAL_NOUN = /^(\p{L}{3,})у$/u;
function glossaryKeys(word: string): string[] {
  const keys = stemsOf(word);
  const verb = KAZAKH_VERBAL_NOUN.exec(normalize(word))?.[1];
  if (verb !== undefined && isKazakhWord(word)) return [...new Set([...keys, verb, stemKazakh(verb)])];
  // A noun is asked of something, in its possessive form ("мұғалімнің жалақысы"), which the word list may read to
  // another stem than the bare word ("жалақысы" → "жалақы", "жалақы" → "жалақ"): that stem is a key too.
  const single = normalize(word);
  return isKazakhWord(word) && /^\p{L}+$/u.test(single) ? [...new Set([...keys, stemKazakh(withPossessive(single))])] : keys;
}

/** Weight from which a relation counts as close (a news group 1, glossary 0.9, everyday word 0.8). */
const CLOSE_RELATION = 0.8;

/** Weight of a single translated word's second-hand relation: counted in search, never as a close one. */
const HOP_WEIGHT = 0.75;

/** Longest phrase headword joinPhrases() looks for, in content words. */
const MAX_PHRASE_TERMS = 5;

/**
 * Keys of a phrase headword: its content stems joined by a space, once as the analyzer reads the phrase
 * alone and once as it reads Kazakh words inside a Kazakh question ("елді мекен" has no Kazakh-only
 * letter, so the two readings may differ). A one-word remainder is no phrase.
 */
function phraseKeys(headword: string): string[] {
  const words = normalize(headword).split(/\s+/).filter((w) => w.length > 0 && !isStopword(w));
  const readings = [analyze(headword), words.map((w) => stem(w, true))];
  return [...new Set(readings.filter((r) => r.length >= 2 && r.length <= MAX_PHRASE_TERMS).map((r) => r.join(' ')))];
}

/**
 * The question's terms with known multi-word headwords read as one term: "жылу электр орталығы" is
 * "ТЭЦ", not "heat" + "electricity" + "centre". The joined term carries the phrase's translations in the
 * thesaurus; its words no longer count one by one.
 */
export function joinPhrases(terms: readonly string[], thesaurus: Thesaurus): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; ) {
    let taken = 1;
    for (let n = Math.min(MAX_PHRASE_TERMS, terms.length - i); n >= 2; n--) {
      const key = terms.slice(i, i + n).join(' ');
      if (thesaurus.has(key)) {
        out.push(key);
        taken = n;
        break;
      }
    }
    if (taken === 1) out.push(terms[i] as string);
    i += taken;
  }
  return out;
}

/** Below this length a stem is shared by too many words ("вод": "вода", "водить") to expand safely. */
const MIN_GENERAL_STEM = 4;

/**
 * Stems of the general thesaurus that stand for words of unrelated meanings: short ones, and those two
 * headwords with no synonym in common stem to ("водить" → "вести", "водиться" → "обитать"; the noun
 * "вода" stems the same). Expanding them would let "воды" search for "жить" and "руководить".
 */
export function homographStems(synonyms: ExpansionLexicon['synonyms']): Set<string> {
  const senses = new Map<string, Array<Set<string>>>();
  for (const [headword, alternatives] of synonyms) {
    if (/\s/.test(headword.trim())) continue;
    const meaning = new Set(alternatives.flatMap((a) => analyze(a.term)));
    for (const key of stemsOf(headword)) senses.set(key, [...(senses.get(key) ?? []), meaning]);
  }
  const unclear = new Set<string>();
  for (const [key, meanings] of senses) {
    const disjoint = meanings.some((m, i) => meanings.some((n, j) => j > i && ![...m].some((t) => n.has(t))));
    if (key.length < MIN_GENERAL_STEM || disjoint) unclear.add(key);
  }
  return unclear;
}

export function buildThesaurus(groups: readonly string[][] = SYNONYM_GROUPS, lexicon?: ExpansionLexicon): Thesaurus {
  const related = new Map<string, Map<string, number>>();
  const relate = (from: string, to: string, weight: number) => {
    if (from === to) return;
    const map = related.get(from) ?? new Map<string, number>();
    map.set(to, Math.max(map.get(to) ?? 0, weight));
    related.set(from, map);
  };
  for (const group of groups) {
    const phrase = group.find((w) => /\s/.test(w));
    if (phrase) throw new Error(`thesaurus: "${phrase}" is a phrase; entries must be single words`);
    const stems = [...new Set(group.flatMap(stemsOf))];
    for (const s of stems) for (const other of stems) relate(s, other, 1);
  }
  const unclear = lexicon ? homographStems(lexicon.synonyms) : new Set<string>();
  const translated = new Set<string>();
  for (const source of lexicon ? [lexicon.colloquial, lexicon.glossary, lexicon.synonyms] : []) {
    for (const [headword, alternatives] of source) {
      // A phrase headword ("су қоймасы", "каждый день") must not make each of its words stand for the
      // whole: it is keyed by its stems joined with a space, and joinPhrases() reads it as one term ("каждый
      // день" is "ежедневно", not any "каждое" and "День"); the retriever still searches its words, at a
      // discount. The general thesaurus has no phrase headwords worth it: its phrases are left out.
      // A single word may have two readings (Russian and Kazakh stemming of "мекен"): both are keys.
      const phrase = /\s/.test(headword.trim());
      if (phrase && source === lexicon?.synonyms) continue;
      for (const key of phrase ? phraseKeys(headword) : source === lexicon?.glossary ? glossaryKeys(headword) : stemsOf(headword)) {
        if (source === lexicon?.synonyms && unclear.has(key)) continue;
        if (source === lexicon?.glossary) translated.add(key);
        for (const alternative of alternatives) {
          // "садик" → "детский сад": each word of an official phrase carries its share of the weight.
          const terms = analyze(alternative.term);
          for (const t of terms) relate(key, t, alternative.weight / terms.length);
        }
      }
    }
  }
  // A town has a Russian and a Kazakh name ("Боровое" / "Бурабай"): a Russian question names the town the news calls
  // by its Kazakh name, so the glossary's towns read both ways.
  for (const [headword, alternatives] of lexicon?.glossary ?? []) {
    for (const alternative of alternatives) {
      if (alternative.category !== 'city' || /\s/.test(alternative.term.trim())) continue;
      for (const key of stemsOf(alternative.term)) for (const t of glossaryKeys(headword)) relate(key, t, alternative.weight);
    }
  }
  // A Kazakh word or phrase reads as its translation, so it also stands for the translation's close
  // synonyms: "халық саны" → "население" → "жители", "человек"; "салынды" → "построен" → "строятся". One
  // hop, through close relations only (the news' groups, the glossary, the everyday list; not the looser
  // general thesaurus).
  for (const [key, map] of related) {
    if (!key.includes(' ') && !translated.has(key)) continue;
    for (const [term, weight] of [...map]) {
      // A word of a translated phrase ("населенный" of "населенный пункт", weight split) is no hop: its stem
      // may be another word's ("население").
      if (weight < CLOSE_RELATION) continue;
      // A single word's hop stays below a close relation: "ЖЭО" reaches "отопление" for the search, but only
      // "ТЭЦ" names it (a sum for heating networks is not the plant's cost).
      const hop = (w: number) => (key.includes(' ') ? weight * w : Math.min(weight * w, HOP_WEIGHT));
      for (const [further, w] of related.get(term) ?? []) if (w >= CLOSE_RELATION && further !== key && !map.has(further)) relate(key, further, hop(w));
    }
  }
  return new Map([...related].map(([k, v]) => [k, [...v].map(([term, weight]) => ({ term, weight }))]));
}

/** A compound shortening's rest is what it names ("допуслуги" are services), a close relation; its clipped part less. */
const COMPOUND_HEAD_WEIGHT = 0.8;
const COMPOUND_MODIFIER_WEIGHT = 0.5;
const CLIPPED_WORD_WEIGHT = 0.9;

/** What a name in Kazakh letters counts for when the thesaurus does not know it: its Russian spelling. */
const TRANSLITERATION_WEIGHT = 0.9;

/**
 * The terms related to `term`: the thesaurus's, or for a Kazakh word it does not know (a name: "Шымбұлақ",
 * "Жетісу") the word in Russian letters, as the news spells it ("Шымбулак").
 */
export function relatedOf(thesaurus: Thesaurus, term: string): readonly Related[] {
  const known = thesaurus.get(term);
  if (known !== undefined || term.includes(' ')) return known ?? [];
  if (!isKazakhWord(term)) {
    // A genitive plural with a fleeting vowel ("деревень") stems apart from its other forms ("деревня" → "деревн").
    const fleeting = withoutFleetingVowel(term);
    const forms = fleeting === undefined ? undefined : thesaurus.get(fleeting);
    if (fleeting !== undefined && forms !== undefined) return [{ term: fleeting, weight: 1 }, ...forms];
    // "поликлиник-амбулатор": a hyphenated pair names both of its words.
    const halves = term.split('-');
    if (halves.length === 2 && halves.every((h) => h.length >= MIN_HALF && /^\p{L}+$/u.test(h) && !RANK_PREFIXES.has(h))) {
      return halves.map((h) => ({ term: h, weight: HALF_WEIGHT }));
    }
    // "понаставят", "понастроили": spoken Russian's "пона-" (a lot, all over) on a verb the thesaurus knows with "по-" or bare.
    const spread = SPREAD_PREFIX.exec(term)?.[1];
    const verb = spread === undefined ? undefined : [`по${spread}`, spread].find((v) => thesaurus.has(v));
    if (verb !== undefined) return [{ term: verb, weight: SPREAD_WEIGHT }, ...(thesaurus.get(verb) ?? []).filter((r) => r.term !== term)];
    // "Шульбинка", "Бухтарминка": spoken Russian names a place by its adjective with "-ка" ("Шульбинское
    // водохранилище"); the news writes the adjective.
    const univerbal = UNIVERBATION.exec(term)?.[1];
    if (univerbal !== undefined) return [{ term: `${univerbal}ск`, weight: UNIVERBATION_WEIGHT }];
    // "мед организаций": the clipped part alone means the whole adjective, as much as the written-out word.
    const clipped = clippedWord(term);
    if (clipped !== undefined) return [{ term: clipped, weight: CLIPPED_WORD_WEIGHT }];
    // "допуслуг" → "услуг" (what it is) and "дополнительн" (which kind): the rest must be a word the thesaurus knows.
    const parts = compoundParts(term, (s) => thesaurus.has(s));
    return parts ? [{ term: parts.head, weight: COMPOUND_HEAD_WEIGHT }, { term: parts.modifier, weight: COMPOUND_MODIFIER_WEIGHT }] : [];
  }
  const russian = stem(transliterateKazakh(term));
  return russian !== term && russian.length > 0 ? [{ term: russian, weight: TRANSLITERATION_WEIGHT }] : [];
}

/** A stem in "-инк", "-овк", "-евк" of four letters before it ("шульбинк" → "шульбинск"). */
const UNIVERBATION = /^(\p{L}{4,}(?:ин|ын|ов|ев))к$/u;
const UNIVERBATION_WEIGHT = 0.9;

/** "пона" before a verb stem of four letters at least ("понастав" → "постав"), and what the verb then counts for. */
const SPREAD_PREFIX = /^пона(\p{L}{4,})$/u;
const SPREAD_WEIGHT = 0.9;

/** Halves of a hyphenated pair shorter than this are prefixes or particles ("экс-", "-то"). */
const MIN_HALF = 4;
/** A rank before a title makes another office ("вице-министр" is no министр): such a pair is not split. */
const RANK_PREFIXES = new Set(['вице', 'премьер', 'генерал', 'штаб', 'обер', 'контр']);
/** Below FOCUS_SYNONYM_WEIGHT: one half alone does not name what the pair asks. */
const HALF_WEIGHT = 0.7;
const FLEETING = /([^аеёиоуыэюяйь])[её]([^аеёиоуыэюяйь])$/u;
/** "деревен" → "деревн", "сказок" is stemmed well already; only a consonant, е and a consonant at the end. */
function withoutFleetingVowel(term: string): string | undefined {
  return term.length >= 5 && FLEETING.test(term) ? term.replace(FLEETING, '$1$2') : undefined;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Query terms with their related terms; those weigh less so an exact match still ranks first. */
export function expandTerms(terms: readonly string[], thesaurus: Thesaurus, synonymWeight = 0.5): WeightedTerm[] {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, 1);
  for (const t of terms) {
    for (const r of relatedOf(thesaurus, t)) {
      if (!terms.includes(r.term)) out.set(r.term, Math.max(out.get(r.term) ?? 0, synonymWeight * r.weight));
    }
  }
  return [...out].map(([term, weight]) => ({ term, weight }));
}
