import { detectRegions, REGIONS, regionName } from '../corpus/regions.js';
import type { Related } from '../retrieval/thesaurus.js';
import { onlyAsksCount } from '../retrieval/asking-words.js';
import { analyze, isStopword, normalize } from '../text/analyzer.js';
import { typeFit } from './question-type.js';
import { firmAnswers, namesFirm } from './firms.js';
import { wordPattern } from './word-pattern.js';
import { ADJECTIVE_ENDING, COUNT_OPENER, countedBefore, countedNoun, countsPeopleIfAsked, missesWorkAsked, namesCounted } from './counted.js';
import { asksCauseOfFailure, holdsKind, statesCauseOnly, type WantedKind } from './fact-kinds.js';
import { namesOnlyDeputy, namesRoleHolder, statesRoleOf } from './role-holders.js';
import { abbreviatedTerms } from './acronyms.js';
import { speaksOfAnotherPlace, speaksOfAnotherTime, statesNoVenue } from './scope.js';
import { paidForOf, statesPurpose } from './paid-for.js';
import { carriedTopic, withoutCarriedTopic } from './carried-topic.js';
import { saysTheOpposite } from './degree.js';
import { statesAnotherUnit } from './units.js';
import { statesNoChange } from './change.js';
import { withoutQuoted } from '../text/quotes.js';
import { INVEST_VERBS, KIND_PATTERNS, MONEY_NOUNS } from './kind-patterns.js';

/**
 * What a question asks for, beyond its topic: the kind of fact (an amount of money, a percentage, a
 * count, a date, a person, a place, a reason) and the attribute it names ("стоимость", "инвестор",
 * "зарплата"). A quoted sentence answers only when it holds a fact of that kind tied to that
 * attribute; a sentence that is merely on the topic ("в Кокшетау построят школу") does not answer
 * "Сколько стоит школа в Кокшетау?". The patterns are general Russian and Kazakh question forms.
 */

export interface Wanted {
  kind: WantedKind;
  /** Stems of the attribute words the question asks about; one of them must be in the answering sentence. */
  focus: string[];
  /**
   * What a count is of: the head noun after "сколько" ("сколько золотых медалей" → "медал"), and the head
   * with the next word for a phrase the thesaurus may know ("неше елді мекен" → "елд мек"). The number must be
   * that thing's, so its sentence must name it (or a synonym): "40 видам спорта" is no medal count.
   */
  counted?: string[];
  /** Named in an earlier sentence ("Камеры понаставят. Сколько штук?"): it ranks counts, and gates none. */
  countedBefore?: boolean;
  /**
   * What a sum is paid for ("сколько стоит квартира", "сколько выделят на запуск службы 112" → its words): the
   * sum's sentence must name at least one of them; "86 млрд тенге на закуп оборудования" is another project's.
   */
  paidFor?: string[];
}

/** Question and sentence patterns are whole words (wordPattern). */
const re = wordPattern;

/**
 * Attribute nouns: words that name a property of the topic rather than the topic. When a question names
 * one ("стоимость строительства", "инвестор проекта", "рейтинг Казахстана"), the answer must speak of it.
 * General vocabulary, not taken from any question set.
 */
const ATTRIBUTE_WORDS = [
  'стоимость', 'цена', 'тариф', 'зарплата', 'оклад', 'жалованье', 'гонорар', 'премия', 'пенсия', 'пособие', 'штраф', 'налог',
  'стипендия', 'надбавка', 'доплата', 'компенсация', 'шәкіртақы', 'аренда', 'арендная',
  'инвестор', 'инвестиция', 'спонсор', 'подрядчик', 'застройщик', 'генподрядчик', 'поставщик', 'владелец', 'собственник',
  'автор', 'архитектор', 'проектировщик', 'процент', 'ставка', 'доля', 'рейтинг', 'курс', 'индекс', 'срок', 'дедлайн',
  'причина', 'площадь', 'длина', 'протяженность', 'ширина', 'высота', 'глубина', 'вес', 'масса', 'мощность', 'вместимость',
  'емкость', 'скорость', 'температура', 'возраст', 'адрес', 'телефон', 'сайт', 'график', 'расписание', 'зарплаты', 'прогноз',
  'марка', 'модель', 'бренд', 'производитель', 'изготовитель', 'приз', 'награда', 'вознаграждение',
  'бағасы', 'құны', 'жалақы', 'жалақысы', 'инвесторы', 'себебі', 'мерзімі', 'ауданы', 'қуаты', 'көлемі', 'ұзындығы', 'сыйымдылығы',
  'биіктігі', 'тереңдігі', 'жылдамдығы', 'аумағы', 'мөлшері', 'үлесі', 'мекенжайы',
  'режим', 'уақыты', 'кестесі', 'айыппұл', 'зейнетақы', 'жәрдемақы', 'салық', 'рейтингі', 'тарифі', 'авторы', 'мердігер', 'демеуші',
];
const ATTRIBUTE_STEMS = new Set(ATTRIBUTE_WORDS.flatMap((w) => analyze(w)));
/** A noun after a demonstrative ("такой прогноз", "эта ставка"): what the last answer said, pointed back at. */
const POINTED_BACK = /(?<![\p{L}])(?:так(?:ой|ая|ое|ие|ого|ую)|эт(?:от|а|о|и|ого|ой|у)|данн(?:ый|ая|ое|ые|ого|ой|ую))\s+([\p{L}-]+)/giu;

/**
 * "Кто министр энергетики?": a person is asked for by a role, and the role's complement ("энергетики")
 * is what tells one minister from another; a sentence naming the minister of water does not answer.
 */
const ROLE = /(?<![\p{L}])(?:министр\p{L}*|вице-министр\p{L}*|аким(?!ат)\p{L}*|глав[аеуы]|руководител\p{L}*|директор\p{L}*|председател\p{L}*|начальник\p{L}*|ректор\p{L}*|заместител\p{L}*)\s+((?:(?!(?:в|во|на|по|с|со|из|у|при|для|и|или)\s)[\p{L}-]+\s*){1,2})/iu;

/** "Кто возглавляет Национальную академию наук?", "кто будет руководить…": what is headed tells one head from another, as a role's complement does. An akimat is headed, not a role ("в акимате Алматы"). */
const HEADED = /(?<![\p{L}])(?:возглав(?:ля|и)\p{L}*|руковод(?:ит|ить|ят|ил|ила|или|ило))\s+((?:(?!(?:в|во|на|по|с|со|из|у|при|для|и|или)\s)[\p{L}-]+\s*){1,3})/iu;

/** Past-tense, present-tense and infinitive endings of Russian verbs. */
const VERB_ENDING = /\p{L}{3,}(?:л|ла|ло|ли|лся|лась|лись|ет|ит|ут|ют|ат|ят|ть|ться|ется|ится)$/iu;

/** The Kazakh order: the complement comes first ("Қонаев қаласының әкімі кім?", "Денсаулық сақтау министрі кім?"). */
const KAZAKH_ROLE = /((?:[\p{L}-]+\s+){1,2})(?:әкім\p{L}*|министр\p{L}*|басшы\p{L}*|директор\p{L}*|төраға\p{L}*|бастығ\p{L}*|ректор\p{L}*)\s+кім/iu;
/** A name right before "кім" ("Малик Отарбаев кім?"): the person is named, what they are is asked. */
const KAZAKH_NAME_ASKED = /\p{Lu}\p{Ll}+\s+кім(?![\p{L}])/u;

/** Words that say "oblast" (Russian, Kazakh, shortened): a role complement with one names the oblast itself. */
const OBLAST_WORD = /(?<![\p{L}])(?:област\p{L}*|обл\.?|облыс\p{L}*|регион\p{L}*|өңір\p{L}*)(?![\p{L}])/iu;

/** Attributes that name a kind of fact: "какой процент" is answered by "80,6%", without the word. */
const KIND_OF_ATTRIBUTE = new Map<string, WantedKind>(
  (
    [
      ['процент', 'percent'], ['доля', 'percent'], ['ставка', 'percent'], ['пайыз', 'percent'],
      ['стоимость', 'money'], ['цена', 'money'], ['бағасы', 'money'], ['құны', 'money'],
      ['срок', 'date'], ['мерзімі', 'date'], ['причина', 'reason'], ['себебі', 'reason'],
    ] as const
  ).flatMap(([word, kind]) => analyze(word).map((stem) => [stem, kind] as [string, WantedKind])),
);

/**
 * Attributes whose value has a kind of its own: "Какая зарплата у акимов?" asks for a sum though it has
 * no "сколько"; a sentence about raising salaries, without one, does not answer it. Unlike the words
 * above, the attribute stays a focus word: the sum must be the salary's. "жалақысы" too: the word list knows "жалақ", so
 * the bare word stems shorter than its possessive form.
 */
const VALUE_OF_ATTRIBUTE = new Map<string, WantedKind>(
  (
    [
      ['зарплата', 'money'], ['оклад', 'money'], ['жалованье', 'money'], ['гонорар', 'money'], ['пенсия', 'money'],
      ['пособие', 'money'], ['штраф', 'money'], ['тариф', 'money'], ['жалақы', 'money'], ['жалақысы', 'money'], ['дедлайн', 'date'],
      ['стипендия', 'money'], ['надбавка', 'money'], ['доплата', 'money'], ['компенсация', 'money'], ['шәкіртақы', 'money'],
      ['адрес', 'place'], ['госпошлина', 'money'], ['пошлина', 'money'], ['взнос', 'money'], ['квартплата', 'money'],
      ['грант', 'money'], ['аренда', 'money'], ['арендная', 'money'], ['субсидия', 'money'], ['премия', 'money'], ['айыппұл', 'money'], ['зейнетақы', 'money'], ['жәрдемақы', 'money'],
    ] as const
  ).flatMap(([word, kind]) => analyze(word).map((stem) => [stem, kind] as [string, WantedKind])),
);

/** Words that make a "сколько" question ask a sum whatever it counts. */
const MONEY_WORD = re(
  `стоимост\\p{L}*|цен[аеуы]|сумм\\p{L}*|бюджет\\p{L}*|стоит|стоят|стоил\\p{L}*|стоить|обойд\\p{L}*|обош\\p{L}*|${MONEY_NOUNS}|${INVEST_VERBS}|` +
    'жалақы\\p{L}*|ақша|қаржы|тұрады|бағасы|құны',
);

/** "Какой"/"қандай" and the words after it, whose first noun is what is asked for. */
const WHICH = /(?<![\p{L}])(?:как(?:ой|ая|ое|ие|ого|ую|ом|их|им|ими|ому)|каков\p{L}*|қандай|қай)((?:\s+[\p{L}-]+){1,3})/iu;
const WHICH_PREPOSITIONS = new Set(['у', 'в', 'во', 'на', 'по', 'для', 'с', 'со', 'из', 'от', 'при']);
/** Measures of an attribute: "какой размер пособия", "каков уровень зарплат" still ask for its value. */
const MEASURE_OF = /^(?:размер|сумм|величин|уровен|уровн|объ[её]м|мөлшер)/u;

/** Whether "какой" asks for a noun other than a valued attribute ("в какой сфере", "в каком районе"). */
function asksWhichOther(question: string): boolean {
  const words = WHICH.exec(question)?.[1]?.trim().toLowerCase().split(/\s+/) ?? [];
  // "Какая сейчас зарплата…": an adverb between is not the noun asked for; nor a preposition's noun ("какая у врачей зарплата").
  const governed = (i: number) => i > 0 && WHICH_PREPOSITIONS.has(words[i - 1] as string);
  const head = words.find((w, i) => !ADJECTIVE_ENDING.test(w) && !isStopword(normalize(w)) && !governed(i));
  if (head === undefined || MEASURE_OF.test(head)) return false;
  return !analyze(head).some((t) => KIND_OF_ATTRIBUTE.has(t) || VALUE_OF_ATTRIBUTE.has(t));
}

/**
 * Whether a word asks for an attribute or a value of a topic ("сумму", "стоимость", "мощность", "процент"),
 * not for a topic of its own ("водой", "школ").
 */
export function asksAttribute(word: string): boolean {
  return MONEY_WORD.test(word) || analyze(word).some((t) => ATTRIBUTE_STEMS.has(t) || KIND_OF_ATTRIBUTE.has(t) || VALUE_OF_ATTRIBUTE.has(t));
}

/**
 * Who is paid, in "Сколько получают врачи?", "сколько врачи зарабатывают", "зарплата у медсестёр": a sum paid to
 * young teachers does not answer for college students, so the sum's sentence must name them.
 */
const PAYEE = [
  /(?<![\p{L}])сколько\s+(?:[\p{L}-]+\s+)?(?:получа\p{L}*|зарабатыва\p{L}*)\s+([\p{L}-]+)/iu,
  /(?<![\p{L}])сколько\s+([\p{L}-]+)\s+(?:получа\p{L}*|зарабатыва\p{L}*)/iu,
  /(?<![\p{L}])(?:зарплат\p{L}*|заработ\p{L}*|оклад\p{L}*|стипенди\p{L}*|пенси\p{L}*)\s+у\s+([\p{L}-]+)/iu,
  /(?<![\p{L}])у\s+([\p{L}-]+)\s+(?:[\p{L}-]+\s+){0,3}(?:зарплат\p{L}*|заработ\p{L}*|оклад\p{L}*|стипенди\p{L}*|пенси\p{L}*)/iu,
];
const PRONOUN = /^(?:они|он|она|им|ему|ей|их)$/iu;
/** The first word of a carried topic: "(врачей в Алматы)" → "врачей". */
const TOPIC_IN_BRACKETS = /\(\s*([\p{L}-]+)/u;
function payeeOf(question: string): string[] {
  for (const pattern of PAYEE) {
    const found = pattern.exec(question)?.[1];
    // "Сколько они получают (врачей в Алматы)?": a follow-up's pronoun stands for the topic it carries in brackets.
    const word = found !== undefined && PRONOUN.test(found) ? (TOPIC_IN_BRACKETS.exec(question)?.[1] ?? found) : found;
    // A name ("в Алматы") or a function word ("сейчас", "они") says nothing of who is paid.
    if (word === undefined || /^\p{Lu}/u.test(word) || isStopword(normalize(word)) || ADJECTIVE_ENDING.test(normalize(word))) continue;
    return analyze(word).filter((t) => !ATTRIBUTE_STEMS.has(t));
  }
  return [];
}

/** "У кого (в Алматы) самые …", "у кого больше …", "кто меньше всех получает": a comparison of groups. */
const COMPARES_GROUPS = re(
  'у кого\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:сам\\p{L}*|больше|меньше|выше|ниже|лучше|хуже)|кто\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:больше|меньше|лучше|хуже)\\s+(?:всех|всего)',
);

/** Where a second question starts: "Сколько студентов учится и какая это доля от всех?" */
const SECOND_QUESTION = /[,;]?\s+(?:и|а также|а)\s+(?=(?:как\p{L}*|сколько|скольк\p{L}*|когда|где|кто|почему|зачем|на какую)(?![\p{L}]))/iu;

/** "Стоит в очереди", "стоят на учёте": standing in a queue or on a register, not costing. */
const STANDS_IN_LINE = re('сто(?:ит|ят|ял\\p{L}*|ять)(?=\\s+(?:в|на)\\s+(?:очеред|уч[её]т|пробк|списк|лист)\\p{L}*)');

/**
 * The kind the question's patterns ask. "Каких спецов не хватает? Ветеринаров там, ещё кого?": a "кого" after a
 * "какой" question lists more of what it asked, not a person.
 */
function kindAsked(asking: string): WantedKind {
  const kind = KIND_PATTERNS.find(([, p]) => p.test(asking))?.[0] ?? 'any';
  if (kind !== 'person') return kind;
  // The first sentence that asks anything decides: a pattern of its own keeps the kind, a bare "какой" lists.
  for (const sentence of asking.split(/(?<=[?!.])\s+/u)) {
    if (KIND_PATTERNS.some(([, p]) => p.test(sentence))) return kind;
    if (WHICH.test(sentence)) return 'any';
  }
  return kind;
}

export function wantedOf(whole: string, ignore: ReadonlySet<string> = new Set()): Wanted {
  // A two-part question is answered when its first part is: a quote that gives the count but not the share
  // still answers; the gate must not refuse it for the second part's attribute.
  const question = whole.split(SECOND_QUESTION)[0] ?? whole;
  // A follow-up's own words say what it asks; the topic it carries in brackets may hold the last question's
  // "сколько" ("Зарплату им поднимут (врачей из них сколько …)?" asks about salaries, not a count).
  const own = withoutCarriedTopic(question);
  const ownTerms = analyze(own);
  const terms = analyze(question);
  // "Сколько детей стоит в очереди?": "стоять" in a queue or on a register is standing, not costing.
  const asking = (ownTerms.length > 0 ? own : question).replace(STANDS_IN_LINE, 'находится');
  const askingTerms = ownTerms.length > 0 ? ownTerms : terms;
  const patterned = kindAsked(asking);
  // "Малик Отарбаев кім?" asks what he is; "облыс әкімі кім?" asks who holds the role.
  const found = patterned === 'person' && KAZAKH_NAME_ASKED.test(asking) ? 'role' : patterned;
  // "У кого самые низкие зарплаты?" asks which group or field, not a person, nor the sum itself.
  const comparesGroups = found === 'person' && COMPARES_GROUPS.test(asking);
  const pattern = comparesGroups ? 'comparison' : found;
  // "Сколько семей получат жильё?" counts families; "сколько получат", "сколько денег получат" ask a sum.
  const countsNoun = countedNoun(asking);
  const asked = pattern === 'money' && COUNT_OPENER.test(asking) && !MONEY_WORD.test(asking) && countsNoun !== undefined ? 'count' : pattern;
  // Without a question word of its own kind, the attribute says what is wanted ("Какая зарплата…").
  // "В какой сфере самые низкие зарплаты?" asks which field, not a sum: "какой" with another noun asks for that noun.
  const implied = asksWhichOther(asking) || comparesGroups ? undefined : askingTerms.map((t) => KIND_OF_ATTRIBUTE.get(t) ?? VALUE_OF_ATTRIBUTE.get(t)).find((k) => k !== undefined);
  const kind = asked === 'any' && implied !== undefined ? implied : asked;
  // "Скольким семьям платят пособие?" counts families: the benefit is the topic, not a sum the sentence must name.
  const counting = kind === 'count' && countsNoun !== undefined;
  // A follow-up that asks a kind of its own ("а кто инвестирует?") asks no attribute of the topic it carries ("мощности").
  // A sum or a count stays tied to the topic's attribute ("а сколько она стоит?" after the plant's capacity).
  const ownKind = found === 'person' || found === 'date' || found === 'place';
  // "а до какого года такой прогноз?": an attribute pointed back at names what was told, not one to find.
  const pointed = new Set([...asking.matchAll(POINTED_BACK)].flatMap((m) => analyze(m[1] ?? '')));
  const attributes = (ownKind && ownTerms.length > 0 ? ownTerms : terms).filter(
    (t) => ATTRIBUTE_STEMS.has(t) && !pointed.has(t) && !onlyAsksCount(asking, t) && KIND_OF_ATTRIBUTE.get(t) !== kind && !(counting && VALUE_OF_ATTRIBUTE.get(t) === 'money'),
  );
  const role = kind === 'person' ? (ROLE.exec(question)?.[1] ?? KAZAKH_ROLE.exec(question)?.[1] ?? HEADED.exec(question)?.[1]) : undefined;
  // The complement is a noun phrase: a verb after the role ("Какой аким Алматы участвовал…") is the
  // rest of the question, not which аким.
  const roleTerms = role ? analyze(role.split(/\s+/).filter((w) => !VERB_ENDING.test(w)).join(' ')) : [];
  // "Кто аким Конаева?": a town inside an oblast is no filter's business (the filter is the whole oblast),
  // so it stays a focus word: the oblast's аким does not answer for the town's.
  // Words of the oblast's own name ("Акмолинской", "области") are the filter's, as before.
  const oblasts = role === undefined ? [] : detectRegions(role).filter((id) => REGIONS.find((r) => r.id === id)?.kind === 'oblast');
  const oblastName = new Set(oblasts.flatMap((id) => analyze(regionName(id))));
  const town = (t: string) => oblasts.length > 0 && role !== undefined && !OBLAST_WORD.test(role) && roleTerms.includes(t) && !oblastName.has(t);
  const focus = [...new Set([...attributes, ...roleTerms, ...(kind === 'money' ? payeeOf(question) : [])])].filter((t) => !ignore.has(t) || town(t));
  const before = kind === 'count' && countsNoun === undefined ? countedBefore(asking) : undefined;
  const counted = kind === 'count' ? (countsNoun ?? before) : undefined;
  const paidFor = kind === 'money' ? paidForOf(question, ignore, (t) => ATTRIBUTE_STEMS.has(t) || MONEY_WORD.test(t), carriedTopic(question)) : [];
  const base: Wanted = paidFor.length > 0 ? { kind, focus, paidFor } : { kind, focus };
  return counted === undefined || counted.some((t) => ignore.has(t)) ? base : { ...base, counted, ...(before !== undefined ? { countedBefore: true } : {}) };
}

/** An age asked of a person ("сколько ему лет", "его возраст", "жасы қанша"), not "детей какого возраста", and an age stated. */
const AGE_ASKED = re('скольк\\p{L}*\\s+(?:ему|ей|им|вам|тебе)\\s+(?:уже\\s+)?лет|(?:его|её|ее|их)\\s+возраст|возраст\\p{L}*\\s+(?:его|её|ее)|жасы қанша|неше жаста');
/** A group's ages ("детей в возрасте от 4 до 18 лет") are no one person's age. */
const AGE_RANGE = /в возрасте от\s+\d+\s+до\s+\d+/giu;
const AGE_STATED = re('\\d+-летн\\p{L}*|в возрасте|родил\\p{L}*|возраст\\p{L}*|исполни\\p{L}*\\s+\\d+|\\d+\\s+лет от роду|жаста|жасында|туған');

/**
 * The price of one thing ("сколько стоит одна квартира", "почём квартира", "за квадратный метр") is not a programme's
 * total: a sum in billions answers it only when the sentence prices one unit itself.
 */
const UNIT_PRICE_ASKED = re('почем|почём|(?:стоит|стоимость|цена)\\s+(?:\\p{L}+\\s+)?(?:одн(?:а|ой|ого|у|ин)|1)|(?:одн(?:а|о|ой|ого|у)|один)\\s+(?:\\p{L}+\\s+)?(?:стоит|обойд\\p{L}*)|за\\s+(?:один|одну|1)|за\\s+(?:квадратн\\p{L}*\\s+)?метр|за штуку|за единицу');
const TOTAL_SUM = re('млрд|миллиард\\p{L}*|трлн|триллион\\p{L}*');
const UNIT_PRICE_STATED = re('за\\s+(?:один|одну|1|квадратн\\p{L}*|метр|штуку|единицу|каждую|каждый)|стоимость\\s+(?:одного|одной|каждого|каждой)');

/**
 * A rate per period ("сколько стоит обучение в месяц", "айына қанша", "сколько тонн в год") is not a sum or a count
 * without one: "стоимость обучения составляет 50-70 тысяч тенге" may be a year's fee, or a total.
 */
const PER_PERIOD_ASKED = re('в (?:месяц|день|неделю|сутки)|ежемесячн\\p{L}*|ежедневн\\p{L}*|еженедельн\\p{L}*|за (?:месяц|день|сутки|смену)|айына|күніне|аптасына');
const PER_PERIOD_STATED = re('в (?:месяц|год|день|неделю|сутки|час|секунду|смену)|ежемесячн\\p{L}*|ежегодн\\p{L}*|ежедневн\\p{L}*|еженедельн\\p{L}*|за (?:месяц|год|день|сутки|час|смену)|в среднем|айына|жылына|күніне|аптасына|айлық');

/** Figures that belong to a place and a time: a country's total does not answer for a region, nor 2027's for 2024. */
const VALUE_KINDS_OF_PLACE = new Set<WantedKind>(['count', 'money', 'percent']);

/** An end asked ("до какого года действует", "до каких пор") and an end stated ("до 2030 года", "по 2027 год", "сроком на"). */
const END_ASKED = re('до какого (?:года|числа|срока|месяца|времени)|до каких пор|когда истека\\p{L}*|қай жылға дейін');
const END_STATED = re('(?:до|по)\\s+(?:\\d|конц\\p{L}*|начал\\p{L}*|(?:\\p{L}+\\s+)?\\d{4})|срок\\p{L}*|бессрочн\\p{L}*|истека\\p{L}*|дейін');
/** "Когда именно…?", "точная дата есть?": a vague time ("в ближайшее время", "в течение 4-5 лет") does not answer it. */
const PRECISE_TIME_ASKED = re('когда (?:именно|конкретно|точно)|точн\\p{L}* (?:дат|срок|врем|день|число)\\p{L}*|нақты (?:қашан|күні|мерзімі)');
/** A year, a month, a day or a season: a time one can put in a calendar. */
const PRECISE_TIME = re('(?:19|20)\\d{2}|(?:лет|весн|осен|зим)(?:ом|ой|у|а|ы)');

/** A ranking asked with "кто": the winner may be a team, a city or a region. */
const RANKED = re('кто\\s+(?:\\p{L}+\\s+){0,2}?(?:занял\\p{L}*|занима\\p{L}*|займ[её]т|заняли|победил\\p{L}*|выиграл\\p{L}*|стал\\p{L}* (?:первым|первой|победител\\p{L}*|чемпион\\p{L}*|лучш\\p{L}*)|лидир\\p{L}*|(?:перв|втор|трет|последн)\\p{L}*)|кім\\s+(?:\\p{L}+\\s+){0,2}?(?:орын|жеңді|жеңімпаз)\\p{L}*|орын\\p{L}*\\s+кім');

/**
 * A synonym stands for the asked attribute only when it is a close one: the news' own groups, a glossary
 * word, a one-word everyday equivalent. A loose thesaurus synonym ("зарплата" → "труд") would let a
 * sentence about labour answer a question about salaries.
 */
export const FOCUS_SYNONYM_WEIGHT = 0.8;

/** A stem this long may be a clipped word of chat ("межвед", "госзакуп"): a longer stem it starts is the word. */
const MIN_CLIPPED = 6;

/** Stems this long that differ only in their last two letters are one word family ("инвестиц", "инвестирова"). */
const MIN_ROOT = 6;
const ROOT_SLACK = 2;
function sameRoot(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_ROOT + ROOT_SLACK || /\d/.test(a) || /\d/.test(b)) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= MIN_ROOT && common >= shorter - ROOT_SLACK;
}

/**
 * Does a sentence answer what was asked: a fact of the wanted kind in the sentence, and every asked
 * attribute (or a synonym of it) in `context` (the sentence with its neighbours, headline or cited passage)?
 */
export function answersWanted(
  wanted: Wanted,
  sentence: string,
  context: ReadonlySet<string>,
  question: string,
  relatedOf: (term: string) => readonly Related[] = () => [],
  near: ReadonlySet<string> = context,
): boolean {
  // An attribute must be named by itself or a close synonym; what a count counts, as namesCounted reads it.
  // A word of the same family counts: "инвестиция" is spoken of in "намерена инвестировать".
  // A clipped word ("межвед комиссия") starts the full one; an abbreviation ("НАН") stands for the words it initials.
  const abbreviated = abbreviatedTerms(question, sentence);
  const speaksOf = (term: string) =>
    context.has(term) ||
    abbreviated.has(term) ||
    relatedOf(term).some((r) => r.weight >= FOCUS_SYNONYM_WEIGHT && context.has(r.term)) ||
    [...context].some((t) => sameRoot(t, term) || (term.length >= MIN_CLIPPED && t.startsWith(term)));
  if (wanted.kind === 'person' && (namesOnlyDeputy(question, sentence) || !namesRoleHolder(question, sentence))) return false;
  if (wanted.kind === 'role' && !statesRoleOf(question, sentence)) return false;
  if (saysTheOpposite(question, sentence) || statesAnotherUnit(question, sentence) || statesNoChange(question, sentence)) return false;
  // "предприятий малого и среднего бизнеса" is named "субъектов МСБ": the abbreviation of the words after the head.
  const byAbbreviation = (t: string) => t.split(' ').slice(1).some((w) => abbreviated.has(w));
  const gated = wanted.countedBefore === true ? undefined : wanted.counted;
  const namesIt = (counted: string[]) => counted.some((t) => namesCounted(t, context, relatedOf) || byAbbreviation(t));
  if (gated !== undefined && (!namesIt(gated) || !countsPeopleIfAsked(gated.filter((t) => !t.includes(' ')), sentence))) return false;
  if ((wanted.kind === 'count' && missesWorkAsked(question, sentence)) || (wanted.kind === 'place' && statesNoVenue(question, sentence))) return false;
  // What a sum is for: the sentence's own purpose when it states one ("на закуп оборудования выделят 86 млрд" is no
  // sum for a service), else a neighbour may name it ("Начата реанимация птицефабрики. Компания инвестирует 1,8 млрд").
  // It is named as a counted thing is: a split compound by its words together ("медоборудование", "медицинского оборудования").
  if (wanted.paidFor !== undefined) {
    const where = statesPurpose(sentence) ? context : near;
    if (!wanted.paidFor.some((t) => where.has(t) || namesCounted(t, where, relatedOf) || abbreviated.has(t))) return false;
  }
  // "Сколько ему лет?" asks an age: a span of years in the news ("на первом этапе — 2 года") is no age.
  if (AGE_ASKED.test(question) && !AGE_STATED.test(sentence.replace(AGE_RANGE, ''))) return false;
  if (wanted.kind === 'money' && UNIT_PRICE_ASKED.test(question) && TOTAL_SUM.test(sentence) && !UNIT_PRICE_STATED.test(sentence)) return false;
  if (VALUE_KINDS_OF_PLACE.has(wanted.kind) && PER_PERIOD_ASKED.test(question) && !PER_PERIOD_STATED.test(sentence)) return false;
  if (VALUE_KINDS_OF_PLACE.has(wanted.kind) && (speaksOfAnotherPlace(question, sentence) || speaksOfAnotherTime(question, sentence))) return false;
  // "До какого года действует меморандум?": the day it was signed is no end.
  if (END_ASKED.test(question) && !END_STATED.test(sentence)) return false;
  if (PRECISE_TIME_ASKED.test(question) && !PRECISE_TIME.test(sentence) && !holdsKind('month', sentence, () => false)) return false;
  // "Кто вложит деньги / построит…" is answered by a firm as well as by a person: "ТОО «The Farm» намерена инвестировать".
  // The firm must be another than the one asked about ("…реанимировать птицефабрику ТОО «КазБройлер»" is the object).
  // "Кто занял второе место / победил?" is answered by a city, a region or a club as well: "второе место – город Шымкент".
  const byTeam = RANKED.test(question) && (detectRegions(sentence).length > 0 || namesFirm(sentence));
  const kind = wanted.kind === 'person' && wanted.focus.length === 0 && (firmAnswers(question, sentence) || byTeam) ? 'any' : wanted.kind;
  const holds = kind === 'reason' && asksCauseOfFailure(question) ? statesCauseOnly(sentence) : holdsKind(kind, sentence, (type) => typeFit(type, type === 'когда' ? withoutQuoted(sentence) : sentence, question) === 1);
  return wanted.focus.every(speaksOf) && holds;
}
