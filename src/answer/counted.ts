import type { Related } from '../retrieval/thesaurus.js';
import { isKazakhWord, isStopword, kazakhContextOf, normalize, stem, analyze } from '../text/analyzer.js';
import { holdsNear } from './evidence.js';
import { NUM } from './fact-kinds.js';
import { NUMBER_WORDS } from './question-type.js';

/**
 * What a count question counts ("сколько новых машин скорой" → "машин"; "неше сағаттық" → "сағат") and whether
 * a sentence's number counts that thing. Pure text checks, used by wanted.ts and the composition.
 */
/**
 * Verb forms after "сколько": present and future ("стоит", "выделят"), infinitives (in -ть, and "расти", "вырасти",
 * "привлечь"), the past ("стоил", "выделили") and short participles ("выделено"). Stricter than VERB_ENDING: "школ" and
 * "мест" are nouns.
 */
const COUNT_VERB = /^\p{L}{2,}(?:ет|ит|ут|ют|ат|ят|ть|ти|чь|тись|ться|ется|ится|утся|ются|атся|ятся|ал|ял|ел|ил|ыл|ла|ло|ли|лся|лась|лись|[еёая]но|[еёая]ны)$/u;
/** A counted stem this long or longer also matches the stems it starts ("куб" → "кубометр"). */
const MIN_UNIT_STEM = 3;
/** Kazakh verbs after "қанша" ("қанша бөлінді", "қанша тұрады", "қанша салынған"): no counted noun. */
const KAZAKH_VERB = /[әғқңөұүһі]\p{L}*(?:ды|ді|ты|ті|ады|еді|йды|йді|ған|ген|қан|кен|мақ|мек)$|(?:ады|еді|йды|йді|ған|ген|қан|кен)$/u;
/** A Kazakh adjective of measure, noun + "-лық" ("сағаттық", "орындық"): right after "неше" it asks how many of the noun. */
const KAZAKH_MEASURE_ADJECTIVE = /^(\p{L}{2,}?)(?:лық|лік|дық|дік|тық|тік|ты|ті|лы|лі|ды|ді)$/u;
/** Units such an adjective is made of; other "-лық" adjectives ("дәрігерлік амбулатория") describe the counted noun. */
const KAZAKH_UNITS = new Set(['сағат', 'минут', 'күн', 'ай', 'апта', 'жыл', 'орын', 'қабат', 'шақырым', 'метр', 'гектар', 'тонна', 'адам', 'кісі', 'бөлме', 'төсек']);
/** Kazakh adjective suffixes ("дәрігерлік амбулатория", "жазғы спартакиада"): the noun follows. */
const KAZAKH_ADJECTIVE = /(?:лық|лік|дық|дік|тық|тік|ғы|гі|қы|кі)$/u;
/** "Сколько" (or "қанша", "неше") and what follows it, up to four words. */
export const COUNT_OPENER = /(?<![\p{L}])(?:сколько|скольк\p{L}*|скока|какое количество|какое число|каково число|қанша|неше)((?:\s+[\p{L}-]+){1,4})/iu;
/** Dative plural nouns ("родителям", "семьям"): after "сколько" they name a recipient. */
const DATIVE_PLURAL = /\p{L}{3,}[ая]м$/u;
/** A neuter noun's nominative: "государство", "министерство", "правительство". */
const NEUTER_NOMINATIVE = /\p{L}{3,}[^аеёиоуыэюя]о$/u;
/** A verb's third person singular: "платит", "выделяет", "тратит". */
const FINITE_SINGULAR = /\p{L}{2,}(?:ет|ёт|ит)$/u;
/** "Сколько врачи получают?": a nominative plural before a verb of earning or paying is who is paid or pays. */
const NOMINATIVE_PLURAL = /\p{L}{3,}[иы]$/u;
const EARNS_OR_PAYS = /^(?:получа|зарабатыва|плат|плачива|доплачива|трат)\p{L}*(?:ют|ят|ат|ут)$/u;
/** Adjective and participle endings: "новых", "золотых", "брошенных" describe the counted noun, they are not it. */
export const ADJECTIVE_ENDING = /(?:ых|их|ой|ый|ий|ая|яя|ое|ее|ые|ие|ую|юю|ого|его|ому|ему|ым|им|ыми|ими)$/u;
/**
 * A genitive plural noun in "-ий" ("амбулаторий", "организаций", "заявлений"), which ADJECTIVE_ENDING reads as an
 * adjective: after "сколько" an adjective is genitive ("-ых", "-их"), so "-ий" there is a noun unless the letters
 * before it make an adjective's ("сельский", "летний": к, г, х, ж, ш, щ, ч, or "н" after a consonant).
 */
const NOUN_IN_IY = /(?:[аеёиоуыэюя]н|[^кгхжшщчн])ий$/u;
/** Measures that say "how much", not "of what": a count of money or time is checked by its kind. */
const MEASURE_WORDS = new Set(['денег', 'деньги', 'средств', 'раз', 'есе', 'лет', 'год', 'года', 'времени', 'процентов', 'тенге']);
/** Words for pieces: "сколько штук" counts whatever the message names (the noun after it, or the one spoken of before). */
const PIECES = new Set(['штук', 'штуки', 'шт']);

/** "Алматыда балабақша қанша?": Kazakh may put the counted noun before "қанша" / "неше" ("…қанша бар?"). */
const KAZAKH_NOUN_BEFORE = /(?:(?<![\p{L}])([\p{L}-]+)\s+)?(?<![\p{L}])([\p{L}-]+)\s+(?:саны\s+)?(?:қанша|неше)(?![\p{L}])/iu;

/** Kazakh case endings (locative, dative, genitive, accusative, ablative, instrumental): such a word is not what is counted. */
const KAZAKH_CASE_ENDING = /(?:да|де|та|те|ға|ге|қа|ке|ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|дан|ден|тан|тен|нан|нен|мен|бен|пен)$/u;

/** The Kazakh dative ending ("көрерменге", "адамға"): "for how many …". */
const KAZAKH_DATIVE = /(?:ға|ге|қа|ке)$/u;

/** The noun before "қанша" in a Kazakh question, unless a case ending makes it a place or an object ("Алматыда"). */
function kazakhNounBefore(question: string): string[] | undefined {
  const found = KAZAKH_NOUN_BEFORE.exec(question);
  const typed = found?.[2];
  // A capital marks a name ("Алматы"), except at the start of the question.
  const named = (word: string | undefined) => word !== undefined && /^\p{Lu}/u.test(word) && !question.trimStart().startsWith(word);
  if (typed === undefined || named(typed) || !kazakhContextOf(question)) return undefined;
  const word = normalize(typed);
  if (isStopword(word) || KAZAKH_CASE_ENDING.test(word)) return undefined;
  const head = stem(word, true);
  // "елді мекендер саны қанша": the word before may make a phrase the thesaurus knows ("елд мек").
  const before = normalize(found?.[1] ?? '');
  return before && !isStopword(before) && !named(found?.[1]) ? [head, `${stem(before, true)} ${head}`] : [head];
}

/** "частные", "новые", "городские": the nominative plural of an adjective. */
const NOMINATIVE_PLURAL_ADJECTIVE = /^\p{L}{3,}(?:ые|ие)$/u;

/** "Быть" after "сколько" ("сколько будет", "сколько было") is a verb, though a function word elsewhere. */
const BE = new Set(['будет', 'будут', 'было', 'были', 'был', 'была', 'есть']);
const PREPOSITIONS = new Set(['в', 'во', 'на', 'за', 'к', 'ко', 'по', 'до', 'с', 'со', 'из', 'от', 'у', 'о', 'об', 'при', 'для', 'после', 'через']);
/** The noun right before "сколько" ("…рабочих мест сколько будет?"), unless it is a name, an adjective or a function word. */
function russianNounBefore(question: string, openerAt: number): string[] | undefined {
  const before = [...question.slice(0, openerAt).matchAll(/[\p{L}-]+/gu)];
  const last = before[before.length - 1];
  if (last === undefined) return undefined;
  const word = last[0];
  const atStart = before.length === 1 || /^[^\p{L}]*(?:а|и|но)?\s*$/iu.test(question.slice(0, last.index));
  if ((/^\p{Lu}/u.test(word) && !atStart) || isStopword(normalize(word)) || ADJECTIVE_ENDING.test(word.toLowerCase()) || COUNT_VERB.test(word.toLowerCase())) return undefined;
  // After a preposition a noun says where or when ("в 2025 году сколько", "по шульбинскому вдхр сколько"), not what is counted.
  const governed = before.slice(-3, -1).some((m) => PREPOSITIONS.has(m[0].toLowerCase()));
  if (MEASURE_WORDS.has(word.toLowerCase()) || PIECES.has(word.toLowerCase()) || governed) return undefined;
  return [stem(normalize(word), false)];
}

/** Adverbs that stand between "сколько" and its verb or noun ("сколько сверху платят", "сколько ежегодно выделяют"). */
const ADVERBS = new Set([
  'сверху', 'дополнительно', 'примерно', 'приблизительно', 'ориентировочно', 'всего', 'итого', 'обычно', 'реально', 'фактически',
  'ежегодно', 'ежемесячно', 'ежедневно', 'официально', 'точно', 'конкретно', 'именно', 'сейчас', 'сегодня', 'теперь', 'максимум',
  'минимум', 'сразу', 'вместе', 'лишнего', 'втридорога', 'нынче',
  // Where to: "сколько туда слили" counts what was poured, not "туда".
  'туда', 'сюда', 'тут', 'там', 'здесь', 'оттуда', 'отсюда', 'всюду', 'везде',
]);

/**
 * For a bare "Сколько штук?" after another sentence, the noun that sentence spoke of: its last plural noun in the
 * nominative ("Слышал, камеры везде понаставят" → "камер"), not a name, an adjective or a function word.
 */
export function countedBefore(question: string): string[] | undefined {
  const opened = COUNT_OPENER.exec(question);
  if (opened === null || !PIECES.has((opened[1] ?? '').trim().toLowerCase().replace(/[?!.]+$/u, ''))) return undefined;
  const before = question.slice(0, opened.index);
  const words = [...before.matchAll(/[\p{L}-]+/gu)].map((m) => m[0]);
  const noun = words.findLast((w, i) => NOMINATIVE_PLURAL.test(w.toLowerCase()) && !ADJECTIVE_ENDING.test(w.toLowerCase()) && !isStopword(normalize(w)) && (i === 0 || !/^\p{Lu}/u.test(w)));
  return noun === undefined ? undefined : [stem(normalize(noun), false)];
}

/** The head noun a count question counts ("сколько новых машин скорой" → ["машин", "машин скор"]), or undefined. */
export function countedNoun(question: string): string[] | undefined {
  const opened = COUNT_OPENER.exec(question);
  const after = opened?.[1];
  const opener = opened?.[0].trim().split(/\s+/)[0]?.toLowerCase();
  if (after === undefined || /^\s*(?:бар|болады|болды|ма|ме)?\s*$/iu.test(after)) return kazakhNounBefore(question);
  const words = after.trim().split(/\s+/).filter(Boolean);
  const kazakhQuestion = kazakhContextOf(question);
  // Chat may put the counted noun first, before a verb: "рабочих мест сколько будет?", "а врачей сколько не хватает?".
  const first = () => (kazakhQuestion ? undefined : russianNounBefore(question, opened?.index ?? 0));
  for (const [i, typed] of words.entries()) {
    const word = typed.toLowerCase();
    // Function words and names ("сколько в Алматы врачей", "сколько ещё машин") stand between "сколько" and what it counts.
    // "сколько там было спортсменов": what follows a form of "быть" may still be the counted noun, unless it is the
    // verb it helps ("на сколько будет расти").
    if (BE.has(word)) {
      if (/^\p{L}+(?:ть|ти|чь|ться|тись)$/iu.test(words[i + 1] ?? 'ть')) return first();
      continue;
    }
    if (isStopword(normalize(word)) || /^\p{Lu}/u.test(typed) || ADVERBS.has(normalize(word))) continue;
    // "Сколько родителям приходится доплачивать?": a dative noun is who pays or is paid, not what is counted.
    if (i === 0 && opener === 'сколько' && DATIVE_PLURAL.test(word)) continue;
    // "Сколько государство платит…?": a neuter noun in the nominative before a verb is who pays, not what is counted
    // (what is counted after "сколько" is a genitive: "сколько мест", "сколько воды").
    if (i === 0 && NEUTER_NOMINATIVE.test(word) && FINITE_SINGULAR.test(words[1] ?? '')) continue;
    // Not when another nominative follows the verb: "сколько воды получают фермеры" counts water.
    const earns = EARNS_OR_PAYS.test((words[1] ?? '').toLowerCase().replace(/[?!.,]+$/u, ''));
    if (i === 0 && NOMINATIVE_PLURAL.test(word) && earns && !NOMINATIVE_PLURAL.test((words[2] ?? '').replace(/[?!.,]+$/u, ''))) continue;
    // "Сколько частные садики дерут…?": a nominative plural adjective opens the subject, not what is counted ("сколько
    // частных садиков"); the count, if any, is not of it.
    if (i === 0 && opener === 'сколько' && NOMINATIVE_PLURAL_ADJECTIVE.test(word)) return undefined;
    // "Сколько штук камер?" counts the cameras; "Камеры везде понаставят. Сколько штук?" the noun the message spoke of.
    if (PIECES.has(word)) {
      if (i < words.length - 1) continue;
      return undefined;
    }
    if (MEASURE_WORDS.has(word)) return undefined;
    // A verb right after "сколько" ("сколько стоит", "сколько выделят", "сколько построено") counts nothing named.
    if (COUNT_VERB.test(word) || KAZAKH_VERB.test(word)) return first();
    // "қанша Алматы облысында": a Kazakh word with a case ending says where, not what; the noun is before "қанша".
    // A dative right after it is what is counted, though: "қанша көрерменге арналған" (for how many spectators).
    const dative = i === 0 ? KAZAKH_DATIVE.exec(normalize(word)) : null;
    // Stemmed whole, as the question's own terms are: "адамға" is "адам", while "адам" alone reads as Russian "ад".
    if (kazakhQuestion && dative !== null) return [stem(normalize(word), true)];
    if (kazakhQuestion && KAZAKH_CASE_ENDING.test(normalize(word))) return kazakhNounBefore(question);
    // "неше сағаттық бағдарлама" (a how-many-hour programme), "неше орындық мектеп": the noun the adjective is made of is counted.
    const made = i === 0 && kazakhQuestion ? KAZAKH_MEASURE_ADJECTIVE.exec(word)?.[1] : undefined;
    const unit = made !== undefined && KAZAKH_UNITS.has(made) ? made : undefined;
    if (unit !== undefined) return [stem(unit, true)];
    if ((isKazakhWord(word) ? KAZAKH_ADJECTIVE : ADJECTIVE_ENDING).test(word) && (isKazakhWord(word) || !NOUN_IN_IY.test(word))) continue;
    // Stemmed as in the whole question: a shared word in a Kazakh question takes Kazakh endings ("орнын" → "орн").
    const kazakh = kazakhContextOf(question);
    const head = stem(normalize(word), kazakh);
    const following = normalize(words[i + 1] ?? '');
    const next = following && !isStopword(following) ? stem(following, kazakh) : undefined;
    return next ? [head, `${head} ${next}`] : [head];
  }
  return first();
}

/** Words between a number and what it counts: scale words and the adjectives of the counted noun (not "-ий": "организаций"). */
const SCALE_OR_HEDGE = /^(?:тыс|млн|млрд|трлн|тысяч\p{L}*|миллион\p{L}*|миллиард\p{L}*|более|свыше|около|порядка|единиц\p{L}*)$/u;
const betweenNumberAndNoun = (word: string) => SCALE_OR_HEDGE.test(word) || (ADJECTIVE_ENDING.test(word) && !word.endsWith('ий'));

/** Units of measure: what they measure is the next word ("тонн мяса", "кубометров воды"). */
const MEASURE_UNIT = /^(?:тонн\p{L}*|т|кг|килограмм\p{L}*|кубометр\p{L}*|кубов|литр\p{L}*|гектар\p{L}*|га|километр\p{L}*|км|метр\p{L}*|штук\p{L}*|голов)$/u;

/** A number in figures or in words ("открыть девять смотровых площадок"); matchAll copies it, so one instance serves. */
const NUMBER_OR_WORDS = new RegExp(`${NUM}|(?<![\\p{L}])(?:${NUMBER_WORDS})(?![\\p{L}])`, 'giu');

/**
 * Does a number in the sentence count the asked thing itself: "1 065 дошкольных организаций" for
 * "сколько садиков" does, "56 тыс. мест" (in a sentence about kindergartens) does not. Used to prefer
 * such a sentence, not to refuse: "3 146 пользователей" still answers "сколько человек".
 */
export function countsAsked(counted: readonly string[] | undefined, sentence: string, names: (term: string, words: ReadonlySet<string>) => boolean): boolean {
  if (counted === undefined) return false;
  for (const m of sentence.matchAll(NUMBER_OR_WORDS)) {
    const words = (sentence.slice(m.index + m[0].length, m.index + m[0].length + 80).match(/[\p{L}-]+/gu) ?? []).slice(0, 4);
    const head = words.find((w) => !betweenNumberAndNoun(w.toLowerCase()));
    // "365 тыс. тонн мяса": a unit of measure counts the noun after it.
    const at = words.indexOf(head ?? '');
    const phrase = words.slice(0, at + (MEASURE_UNIT.test((head ?? '').toLowerCase()) ? 2 : 1)).join(' ');
    if (head !== undefined && counted.some((t) => names(t, new Set(analyze(phrase))))) return true;
  }
  return false;
}

/** A number joined by a hyphen to a word: "100-часов", "5-этажн". */
const NUMBER_JOINED = /^\d+-/u;

/** A compound's clipped first part ("мед", "гос", "спорт") is this long at most; its whole second word at least MIN_COMPOUND_TAIL. */
const MAX_CLIPPED_PREFIX = 5;
const MIN_COMPOUND_TAIL = 5;

/** Summed weight of the synonyms that name a counted thing: a close synonym, or both words of a split phrase. */
const NAMED_WEIGHT = 0.5;

/**
 * Words for people: a count of people is one whatever the news calls them ("сколько казахстанцев…" is answered by
 * "4 млн прикрепленных граждан"). Russian, and Kazakh as its stemmer reads it in a Kazakh question.
 */
const PEOPLE = new Set([
  ...analyze('человек людей граждан жителей населения горожан сельчан казахстанцев алматинцев астанчан шымкентцев'),
  ...['адам', 'адамдар', 'тұрғын', 'тұрғындар', 'халық'].map((w) => stem(w, true)),
]);

/**
 * People named by what they do: a count of them is a count of people ("3 146 пользователей" answers "сколько человек
 * зарегистрировалось"), but not the other way round: "сколько студентов" is not answered by a count of patients.
 */
const PEOPLE_BY_ROLE = new Set(
  analyze(
    'пользователей участников посетителей зрителей туристов пациентов студентов учащихся учеников школьников работников сотрудников ' +
      'специалистов слушателей абитуриентов выпускников волонтеров получателей заявителей пассажиров жильцов избирателей детей ' +
      'абонентов потребителей клиентов покупателей арендаторов пенсионеров переселенцев мигрантов беженцев пострадавших эвакуированных',
  ),
);

/**
 * A number of people, as the news writes one: "1,6 млн человек", "3 146 пользователей", "почти три миллиона человек",
 * "56 тыс. мест (детей …)"; a count of places too ("свыше 56 тыс. мест" in a queue): people fill them.
 */
const PEOPLE_COUNT = new RegExp(
  `(?:\\d(?:[\\d\\s\\u00a0.,]*\\d)?|(?<![\\p{L}])(?:полтор|дв|тр|четыр|пят|шест|сем|восем|девят|десят)\\p{L}*)\\s*(?:тыс\\.?|тысяч\\p{L}*|млн\\.?|миллион\\p{L}*)?[\\s(]+(?:[\\p{L}-]+[\\s(]+){0,2}?(?:человек|людей|граждан|жител|населени|горожан|сельчан|казахстанц|алматинц|пользовател|участник|посетител|зрител|турист|пациент|студент|учащ|ученик|школьник|работник|сотрудник|специалист|слушател|абитуриент|выпускник|волонт[её]р|получател|заявител|пассажир|жильц|избирател|абонент|потребител|клиент|покупател|арендатор|пенсионер|переселенц|мигрант|беженц|пострадавш|эвакуированн|педагог|учител|врач|медик|дет(?:ей|и|ям)|реб[её]н|адам|тұрғын|мест[ао]?(?![\\p{L}]))`,
  'iu',
);

/**
 * A count of people asked with a general word ("сколько человек", "қанша адам") or by what they do ("сколько туристов") is
 * answered by a number of people, not by a sentence that has some other number and a people word elsewhere ("министра …
 * защиты населения … 10 тыс. семей", "восемь проектов … туристической инфраструктуры").
 */
export function countsPeopleIfAsked(counted: readonly string[], sentence: string): boolean {
  return !counted.every((t) => PEOPLE.has(t) || PEOPLE_BY_ROLE.has(t)) || PEOPLE_COUNT.test(sentence);
}

/** "Сколько всего учителей работает…": a count of those who work (the staff), not of some who did something else. */
const WORK_ASKED = /(?<![\p{L}])(?:сколько|скольк\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?(?:работа(?:ет|ют|ло|ли)|трудит\p{L}*|трудят\p{L}*)(?![\p{L}])/iu;
const WORK_STATED = /(?<![\p{L}])(?:работа\p{L}*|работник\p{L}*|рабоч\p{L}*|труд\p{L}*|занят\p{L}*|функционир\p{L}*|штат\p{L}*|укомплектован\p{L}*)/iu;

/** The question counts those who work, and the sentence says nothing of working. */
export function missesWorkAsked(question: string, sentence: string): boolean {
  return WORK_ASKED.test(question) && !WORK_STATED.test(sentence);
}

/**
 * The counted thing is named among `words`: by a close synonym or the words of an official phrase together,
 * by a near stem ("машин" → "автомобил"), by a compound that starts with it ("кубов" → "кубометров"), or by a compound
 * whose second word it is ("птицефабрик" is a "фабрик", so an "предприят").
 */
export function namesCounted(term: string, words: ReadonlySet<string>, relatedOf: (term: string) => readonly Related[]): boolean {
  if (PEOPLE.has(term) && [...words].some((t) => PEOPLE.has(t) || PEOPLE_BY_ROLE.has(t))) return true;
  // "поликлиник-амбулатор": a hyphenated pair names one thing by two words; either names it.
  if (term.includes('-') && !term.includes(' ')) return term.split('-').some((part) => part.length >= MIN_UNIT_STEM && namesCounted(part, words, relatedOf));
  // "медорганизац", "госучрежден": a clipped prefix before a whole word ("медицинских организаций") names the same thing.
  if ([...words].some((t) => t.length >= MIN_COMPOUND_TAIL && term.length - t.length >= MIN_UNIT_STEM - 1 && term.length - t.length <= MAX_CLIPPED_PREFIX && term.endsWith(t))) return true;
  const related = relatedOf(term);
  // One word of an official phrase is not the thing ("садик" → "дошкольная организация": "медицинских
  // организаций" names no kindergarten); a close synonym or the phrase's words together are.
  const named = related.filter((r) => words.has(r.term)).reduce((sum, r) => sum + r.weight, 0) >= NAMED_WEIGHT;
  // "100-часовую программу" names hours: a number joined to a unit's adjective.
  const units = [term, ...related.filter((r) => r.weight >= NAMED_WEIGHT).map((r) => r.term)];
  const joined = [...words].some((t) => NUMBER_JOINED.test(t) && units.some((u) => t.replace(NUMBER_JOINED, '').startsWith(u)));
  return named || joined || holdsNear(words, term, related) || (term.length >= MIN_UNIT_STEM && [...words].some((t) => t.startsWith(term))) || [...words].some((t) => headedBy(t, units));
}

/** A compound's first word before its linking vowel ("птиц-е-", "молок-о-", "газ-о-") is this long. */
const MIN_COMPOUND_HEAD = 2;
const MAX_COMPOUND_HEAD = 6;

/**
 * A compound joined by a linking vowel names the kind of its second word: "птицефабрик" is a "фабрик",
 * "молокозавод" a "завод", "газопровод" a "провод". The second word is long enough not to be an ending.
 */
function headedBy(word: string, units: readonly string[]): boolean {
  return units.some((u) => {
    const first = word.length - u.length - 1;
    return u.length >= MIN_COMPOUND_TAIL && first >= MIN_COMPOUND_HEAD && first <= MAX_COMPOUND_HEAD && word.endsWith(u) && 'ое'.includes(word[first] ?? '');
  });
}
