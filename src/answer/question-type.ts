import { detectRegions } from '../corpus/regions.js';
import { analyze } from '../text/analyzer.js';

/** What kind of fact a question wants; the extractive answerer prefers sentences that hold one. */
export type QuestionType = 'сколько' | 'кто' | 'когда' | 'где' | 'что';

const PATTERNS: Array<[QuestionType, RegExp]> = [
  ['сколько', /(^|[^\p{L}])(сколько|скольк\p{L}*|какое количество|каков\p{L}* (объем|размер|доля|число|сумма|площадь|мощность|курс|ставка)|как\p{L}* (объем|размер|процент|курс|ставка|сумма|доля|площадь|мощность)|на какую сумму|во сколько|қанша\p{L}*|неше\p{L}*|нешінші)([^\p{L}]|$)/iu],
  ['когда', /(^|[^\p{L}])(когда|в какие сроки|в какой срок|к какому (году|сроку)|в каком году|с какого (года|числа|месяца)|до какого (года|срока)|какого числа|қашан\p{L}*|қай жылы|қай кезде|қай уақытта)([^\p{L}]|$)/iu],
  ['кто', /(^|[^\p{L}])(кто|кого|кому|кем|чей|чья|какой (аким|министр|руководитель)|кім\p{L}*)([^\p{L}]|$)/iu],
  ['где', /(^|[^\p{L}])(где|в каком (городе|районе|селе|регионе|ущелье|месте)|в какой области|(в|на|из) каких (областях|регионах|городах|реках|районах|объектах)|каких (областей|регионов|городов)|откуда|куда|қайда\p{L}*|қай жерде|қай (ауданда|облыста|қалада|ауылда))([^\p{L}]|$)/iu],
];

export function questionType(question: string): QuestionType {
  return PATTERNS.find(([, re]) => re.test(question))?.[0] ?? 'что';
}

/**
 * A number in digits, or in words: news writes small counts out ("шесть объектов", "две школы"). "Один"
 * is left out (it is as often "one of"), and so are forms shared with other words ("семью" is "family").
 */
export const NUMBER_WORDS =
  'дв(?:а|е|ух|ум|умя)|тр(?:и|ех|ёх|ем|ём|емя)|четыр(?:е|ех|ёх|ем|ём|ьмя)|пят(?:ь|и|ью)|шест(?:ь|и|ью)|семи|восем(?:ь|и)|восьми|' +
  'девят(?:ь|и|ью)|десят(?:ь|и|ью)|(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат(?:ь|и)|двадцат(?:ь|и)|тридцат(?:ь|и)|' +
  'сорок(?:а)?|(?:пять|шесть|семь|восемь)десят|(?:пяти|шести|семи|восьми)десяти|девяност(?:о|а)|сто|ста|двест(?:и)|двухсот|трист(?:а)|' +
  'четырест(?:а)|(?:пять|шесть|семь|восемь|девять)сот|тысяч(?:а|и|у|ей|ами)?|миллион(?:а|ов)?|миллиард(?:а|ов)?|полтор(?:а|ы)';
const NUMBER = new RegExp(`\\d+(?:[ ,.]\\d+)*|(?<![\\p{L}])(?:${NUMBER_WORDS})(?![\\p{L}])`, 'giu');
/** Month stems but May's, whose forms differ after a day number ("15 мая") and alone ("в мае"). */
export const MONTH_STEMS = 'январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр';
/** Kazakh months, dated only after a day's number: "қазан" and "наурыз" are words of their own too. */
export const KAZAKH_MONTHS = 'қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан';
const DATE = new RegExp(
  `\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}|(?<!\\d)(?:19|20)\\d{2}(?!\\d)|\\d{1,2}\\s+(?:${MONTH_STEMS}|ма[яй]|${KAZAKH_MONTHS})\\p{L}*|(?<![\\p{L}])(?:${MONTH_STEMS}|ма[йея])\\p{L}*|` +
    `квартал\\p{L}*|полугоди\\p{L}*|(?:в ближайшие|в течение|через)\\s+(?:\\d+(?:[-–]\\d+)?|\\p{L}+)\\s+(?:год|лет|месяц|недел|дн)\\p{L}*|до конца \\p{L}+|в течение \\p{L}+|ближайш\\p{L}* \\p{L}+|(?:этом|следующем|прошлом|текущем|будущем|нынешнем) году|(?:на|в)\\s+(?:этот|следующий|текущий|будущий|нынешний)\\s+год(?![\\p{L}])|(?<![\\p{L}])(?:летом|весной|осенью|зимой)(?![\\p{L}])|(?<![\\p{L}])(?:на|к|до)\\s+(?:лето|весну|осень|зиму|конец|концу|начало|началу|середину)\\s+(?:\\p{L}+\\s+)?года?(?![\\p{L}])|(?:следующего|этого|текущего|прошлого|будущего) года`,
  'giu',
);
const UPPER = '[А-ЯЁӘҒҚҢӨҰҮҺІ]';
const LOWER = '[а-яёәғқңөұүһі]';
// Name + surname, or initials with a surname; the look-behind keeps the sentence's first word out.
// A first word with an adjective ending is an organisation ("Верховного суда", "Национальной академии").
// Institutions and titles are capitalised too ("Президенте Республики", "Министерства Юстиции").
const ADJECTIVE = '(?:ого|его|ому|ему|ый|ий|ая|яя|ое|ее|ых|их|ую|юю|ной|ской|цкой)';
const INSTITUTION = '(?:Президент|Республик|Казахстан|Министерств|Министр|Комисси|Правительств|Парламент|Мажилис|Сенат|Совет|Агентств|Департамент|Управлени|Акимат|Фонд|Банк|Организаци|Программ|Послани)';
// Or a surname alone after a role ("аким Сатыбалды", "министр водных ресурсов Нуржигитов"): a one-word capital that is
// not an institution, a region's name (checked in factSpans) or an adjective ("аким Алматинской").
const ROLE_WORDS = `(?:${['аким', 'әкім', 'министр', 'вице-министр', 'глав', 'президент', 'председател', 'руководител', 'директор', 'заместител', 'депутат', 'ректор', 'начальник', 'посол', 'советник', 'спикер', 'мэр']
  .map((w) => `[${w.charAt(0).toUpperCase()}${w.charAt(0)}]${w.slice(1)}`)
  .join('|')})`;
// Two capitals after a place or facility word are its name: "курортный кластер Ак Бура", "на озере Жукей Бата".
// Not when the place word has its name already: "Жуалынского района Жанар Нурмурадкызы" names a person.
const NAMED_THING = '(?:кластер|курорт|комплекс|парк|сквер|озер|сел[оаеу]|город|район|ущель|завод|фабрик|центр|улиц|проспект|микрорайон|аул|пос[её]лк|трасс|канал|рек[аеиу]|мост|станци|месторождени|водохранилищ)\\p{L}*';
/** A role or a verb of leading ("аким", "министр", "руководит", "возглавляет"): who holds an office. */
export const NAMES_ROLE = new RegExp(`(?<![\\p{L}])(?:${ROLE_WORDS}|[Рр]уковод|[Вв]озглав)`, 'u');
const PERSON = new RegExp(
  `(?<=[^.!?]\\s)(?<!(?<!${UPPER}${LOWER}*${ADJECTIVE}\\s)${NAMED_THING}\\s)(?:(?!${UPPER}${LOWER}*${ADJECTIVE}\\s|${INSTITUTION}|${ROLE_WORDS}${LOWER}*\\s|${UPPER}${LOWER}+\\s+${INSTITUTION})${UPPER}${LOWER}+\\s+(?:${UPPER}${LOWER}+|${UPPER}\\.\\s?(?:${UPPER}\\.)?)|${UPPER}\\.\\s?(?:${UPPER}\\.\\s?)?${UPPER}${LOWER}+)` +
    `|(?<=(?:^|[\\s(])${ROLE_WORDS}${LOWER}*(?:\\s${LOWER}+){0,2}\\s)(?!${INSTITUTION}|${UPPER}${LOWER}*${ADJECTIVE}(?![\\p{L}]))${UPPER}${LOWER}{2,}(?![\\p{L}-])`,
  'gu',
);
// A named place: after a preposition ("в Пекине", "в Уйгурском районе") or after a place word
// ("в селе Катарколь", "ущелья Аюсай"). A bare "в области" is as often "in the field of".
// A street address is a place too: "ул. Киевская, 1", "проспект Абая"; so is a town after its abbreviation ("в г. Женева").
const PLACE = new RegExp(
  `(?:област|район|город|сел[оаеу]|пос[её]лк|аул|ущель|облыс|қала|улиц|проспект|бульвар|микрорайон|көше|даңғыл)\\p{L}*\\s+${UPPER}${LOWER}+|(?<![\\p{L}])(?:ул|пр|просп|мкр|б-р|г|гор|с|пос|п)\\.\\s*${UPPER}${LOWER}+|(?<=(?:^|\\s)(?:в|во|на|из|под|около)\\s)${UPPER}${LOWER}+`,
  'gu',
);

/** A surname stem this long is compared by its start: shorter ones ("ли", "ким") are too common. */
const MIN_SURNAME_STEM = 5;

const PATTERN_OF: Record<QuestionType, RegExp | undefined> = {
  сколько: NUMBER,
  когда: DATE,
  кто: PERSON,
  где: PLACE,
  что: undefined,
};

/**
 * 1 when the sentence holds the kind of fact the question wants (a number, a date, a name, a place)
 * that the question does not already contain: "Кто был модератором заседания с Маликом Отарбаевым?"
 * is not answered by the sentence that merely repeats "Малика Отарбаева". Words are compared by
 * stem, so the question's inflected forms ("Аидой Балаевой") count as the sentence's ("Аида Балаева").
 */
export function typeFit(type: QuestionType, sentence: string, question = ''): number {
  return factSpans(type, sentence, question).length > 0 ? 1 : 0;
}

/** Where in the sentence the facts of the wanted kind are (see typeFit): [start, end) offsets. */
export function factSpans(type: QuestionType, sentence: string, question = ''): Array<[number, number]> {
  const pattern = PATTERN_OF[type];
  if (!pattern) return [];
  const asked = new Set(analyze(question));
  const spans: Array<[number, number]> = [];
  for (const m of sentence.matchAll(pattern)) {
    // "аким Алматы" names a place, not a person.
    if (type === 'кто' && !/\s/.test(m[0]) && detectRegions(m[0]).length > 0) continue;
    const terms = analyze(m[0]);
    // A person is the asked one when the surname is: "Малика Отарбаева" for "…с участием Отарбаева?".
    // Surnames stem unevenly ("Отарбаев" → "отарба", "Отарбаева" → "отарбаев"): one may start the other.
    const surname = terms.at(-1) ?? '';
    const known =
      type === 'кто'
        ? [...asked].some((a) => Math.min(a.length, surname.length) >= MIN_SURNAME_STEM && (a.startsWith(surname) || surname.startsWith(a)))
        : terms.every((t) => asked.has(t));
    if (terms.length === 0 || !known) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}
