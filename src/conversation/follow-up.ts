/**
 * Heuristic follow-up rewriting without a language model. A short question that leans on the previous
 * one ("а в Шымкенте?", "а сколько там врачей?", "а когда?") is rewritten into a standalone question;
 * anything that already stands alone is returned unchanged.
 */
import { MONTH_STEMS } from '../answer/question-type.js';
import { asksAttribute } from '../answer/wanted.js';
import { countedNoun } from '../answer/counted.js';
import { GENERIC_TERMS } from '../answer/topic-words.js';
import { detectRegions } from '../corpus/regions.js';
import { analyze } from '../text/analyzer.js';
import type { Exchange, FollowUpCondenser } from './exchange.js';

const CAPITAL = '[А-ЯЁӘҒҚҢӨҰҮҺІ]';
const OBLAST_WORDS = 'област\\p{L}*|район\\p{L}*|регион\\p{L}*|округ\\p{L}*|облыс\\p{L}*';
/** Common nouns before a place's name: "в озеро Балхаш", "в селе Косшы", "на реке Или". */
const PLACE_NOUNS = 'город[аеу]?|озер[оаеу]|рек[аеиу]|сел[оаеу]|пос[её]лк?[аеу]?|поселок|район[аеу]?|водохранилищ[аеу]|мор[еяю]|канал[аеу]?|аул[аеу]?|ауыл';
/** "в Алматинской области", "по Шымкенту", "в г. Алматы": a preposition (capitalised at the start) and capitalised place words. */
const PLACE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:[Вв]|[Вв]о|[Нн]а|[Пп]о|[Ии]з|[Дд]ля|[Уу])\\s+(?:г\\.\\s*|(?:${PLACE_NOUNS})\\s+)?${CAPITAL}[\\p{L}-]*(?:\\s+(?:${CAPITAL}[\\p{L}-]*|${OBLAST_WORDS}))*`,
  'gu',
);
/** A region named without a preposition: "населения Алматинской области", "Шымкента". */
const NAME = new RegExp(`${CAPITAL}[\\p{L}-]*(?:\\s+(?:${OBLAST_WORDS}))?`, 'gu');

/** Words that point back at the previous question's place. */
const PLACE_ANAPHORA = /(?<![\p{L}])(там|туда|оттуда|здесь|онда|сонда|мұнда)(?![\p{L}])/iu;
/** Pronouns and references that point back at the previous question's topic. */
const TOPIC_ANAPHORA =
  /(?<![\p{L}])(он|она|оно|они|его|её|ее|их|ему|ей|им|нему|ней|них|этом|этого|этой|это|эти|этих|этот|эта|эту|такой|такая|такие|такого|такую|таких|тогда|тот|та|те|того|той|тех|ол|олар|оның|оған|оны|олардың|бұл|осы|сол|мұндай|сондай|ондағы)(?![\p{L}])/iu;
/** A leading "а", "и", "ну а", "а ещё" (Kazakh "ал", "ал енді") marks a continuation. */
const CONTINUATION = /^(?:ну\s+)?(?:а|и|ещё|еще|ал|енді)(?:\s+(?:ещё|еще|вот|если|енді))?\s+/iu;
/** The Kazakh particle "ше" after a word ("Шымкентте ше?") asks "and what about …": a continuation too. */
const KAZAKH_WHAT_ABOUT = /\s+(?:ше|ше\s+енді)\s*[?？!.]*\s*$/iu;

const INTERROGATIVES = [
  'кто', 'что', 'где', 'когда', 'куда', 'откуда', 'почему', 'зачем', 'как', 'сколько', 'какой', 'какая',
  'какое', 'какие', 'каких', 'каким', 'какова', 'каков', 'чем', 'чего', 'кого', 'кому', 'именно',
];
const INTERROGATIVE = new RegExp(`^(?:${INTERROGATIVES.join('|')})(?![\\p{L}])`, 'iu');
/** A question word anywhere: "на какую сумму", "врачей из них сколько". */
const ASKS_ANYWHERE = new RegExp(`(?<![\\p{L}])(?:${INTERROGATIVES.join('|')}|какую|какого|каком|какому|какими)(?![\\p{L}])`, 'iu');
/** Kazakh question words: not topic words either. */
const KAZAKH_INTERROGATIVES = ['қанша', 'неше', 'қашан', 'кім', 'қайда', 'қандай', 'қай', 'неге', 'неліктен', 'қалай', 'ше'];
const INTERROGATIVE_TERMS = new Set([...INTERROGATIVES, ...KAZAKH_INTERROGATIVES].flatMap((w) => analyze(w)));

/** A continuation ("а …") with more content words than this is a new question of its own. */
const MAX_CONTINUATION_TERMS = 3;
/** Likewise for a question with a pronoun: "что это за программа «Комфортная школа»?" stands alone. */
const MAX_ANAPHORA_TERMS = 2;

/**
 * The place phrase of a question: a prepositional phrase that names a region first ("в Шымкенте"),
 * else a region named without a preposition ("населения Алматинской области"), else any capitalised
 * prepositional phrase ("в Кенгире"). Swapping the place must replace the old region, or both stay
 * in the question and the old place's fact comes back.
 */
export function findPlace(question: string): string | null {
  const phrases = [...question.matchAll(PLACE)].map((m) => m[0]);
  const names = [...question.matchAll(NAME)].map((m) => m[0]);
  const namesRegion = (text: string) => detectRegions(text).length > 0;
  return phrases.find(namesRegion) ?? names.find(namesRegion) ?? phrases[0] ?? null;
}

/** A feminine adjective of a place ("в Жамбылской", "по Туркестанской"): "области" left unsaid in a chat. */
const FEMININE_ADJECTIVE = /\p{Lu}\p{Ll}+(?:ской|ская|скую|цкой|цкая)$/u;

/** "а в Жамбылской?" names the oblast: the word "области" is added when only with it the phrase names a region. */
export function withOblastWord(place: string | null): string | null {
  if (place === null || !FEMININE_ADJECTIVE.test(place) || detectRegions(place).length > 0) return place;
  const oblast = `${place} области`;
  return detectRegions(oblast).length > 0 ? oblast : place;
}

/** Region names typed in lower case ("а в шымкенте?") get their capital, so they read as places. */
export function capitalizeRegions(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}-]*/gu, (word) =>
    detectRegions(capitalize(word)).length > 0 ? capitalize(word) : word,
  );
}

function stripContinuation(question: string): string {
  return question.trim().replace(CONTINUATION, '').replace(KAZAKH_WHAT_ABOUT, '');
}

function stripQuestionMark(text: string): string {
  return text.trim().replace(/[?？!.\s]+$/u, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('ru') + text.slice(1);
}

function asQuestion(text: string): string {
  return `${capitalize(stripQuestionMark(text).replace(/\s+/g, ' '))}?`;
}

/** Content words of the question outside its place phrase, question words excluded. */
function topicTerms(question: string): string[] {
  const place = findPlace(question);
  // "на юге, в Туркестанской" places it as well: a side of the country beside a place is part of the place.
  return analyze(place ? question.replace(place, ' ').replace(SIDE_OF_COUNTRY, ' ') : question).filter((t) => !INTERROGATIVE_TERMS.has(t));
}
/** A side of the country or a region ("на юге", "в центре", "на северо-западе", "оңтүстікте"). */
const SIDE_OF_COUNTRY =
  /(?<![\p{L}])(?:(?:на|в)\s+(?:(?:юго|северо)-?)?(?:юг|север|запад|восток|центр)\p{L}*(?:\s+(?:страны|области|региона|республики))?|(?:оңтүстік|солтүстік|батыс|шығыс|орталық)\p{L}*)(?![\p{L}])/giu;

/** "А подробнее?", "расскажи подробнее", "толығырақ": more on the previous question itself. */
const MORE = /^(?:ну\s+)?(?:а\s+)?(?:(?:расскажи(?:те)?|напиши(?:те)?|можно|давай(?:те)?|а\s+можно)\s+)?(?:по)?(?:подробнее|детальнее|побольше|больше подробностей|больше информации|толығырақ|толығырақ айтыңызшы)\s*[?!.]*$/iu;

/**
 * An adjective left without its noun at the end ("а сколько выделят на закуп нового?", "а на старую?"): the noun is
 * the previous question's. Only endings nouns hardly have (a noun in "-ого" or "-ую" is rare).
 */
const ELLIPTIC_ADJECTIVE = /\p{L}{2,}(?:ого|его|ую|юю)$/u;
const endsElliptic = (question: string) => ELLIPTIC_ADJECTIVE.test(stripQuestionMark(question).trim().split(/\s+/).at(-1)?.toLowerCase() ?? '');
/** A continuation with an elliptic adjective may say this much of its own and still lean on the previous topic. */
const MAX_ELLIPTIC_TERMS = 5;

/** Does this question lean on the previous one? Standalone questions must not be rewritten. */
export function isFollowUp(question: string): boolean {
  const trimmed = question.trim();
  if (MORE.test(trimmed)) return true;
  const terms = topicTerms(trimmed).length;
  if (CONTINUATION.test(trimmed) || KAZAKH_WHAT_ABOUT.test(trimmed)) return terms <= MAX_CONTINUATION_TERMS || (endsElliptic(trimmed) && terms <= MAX_ELLIPTIC_TERMS);
  if (PLACE_ANAPHORA.test(trimmed) || TOPIC_ANAPHORA.test(trimmed)) return terms <= MAX_ANAPHORA_TERMS;
  // "Когда?" or "Где именно?" alone cannot be answered without the previous question; nor can "когда
  // закончат?", a question word with a bare verb and no topic of its own.
  const words = stripQuestionMark(trimmed).split(/\s+/);
  // A preposition may lead ("на сколько уже построили?").
  const asking = words[0] !== undefined && PREPOSITION.test(words[0]) ? words.slice(1) : words;
  const onlyVerb = terms === 1 && INTERROGATIVE.test(asking.join(' ')) && asking.length <= 3 && asking.slice(1).some((w) => VERB_FORM.test(w.toLowerCase()));
  // "На какую сумму?", "какова стоимость?": a question word and an attribute, of no topic of their own.
  const onlyAttribute = ASKS_ANYWHERE.test(trimmed) && asking.length <= 3 && asking.every((w) => ASKS_ANYWHERE.test(w) || asksAttribute(w));
  return terms === 0 || onlyVerb || onlyAttribute;
}

/**
 * "а в этом году?", "а в следующем?": a time alone, which asks the previous question at that time. Other messages
 * without a word of their own ("а там?") stay unclear.
 */
export function continuesExchange(message: string): boolean {
  const core = stripQuestionMark(stripContinuation(message.trim())).trim();
  return TIME_ONLY.test(core) || ELLIPTIC_YEAR.test(core);
}

/** Replaces the place of `previous` with `place`, or adds it when `previous` names none. */
export function replacePlace(previous: string, place: string): string {
  const old = findPlace(previous);
  const body = stripQuestionMark(previous);
  // "а в Алатауском районе?" after a question about Almaty asks about a district of it: the city stays.
  const within = old && DISTRICT.test(place) && detectRegions(place).length === 0 && detectRegions(old).length > 0;
  const where = within ? `${place} ${old.replace(LEADING_PREPOSITION, '')}` : place;
  return asQuestion(old ? body.replace(old, where) : `${body} ${place}`);
}

/** A district or a village council ("в Алатауском районе", "в сельском округе"): a part of a city or region. */
const DISTRICT = /(?<![\p{L}])(?:район\p{L}*|округ\p{L}*|микрорайон\p{L}*|ауданы\p{L}*)(?![\p{L}])/iu;
const LEADING_PREPOSITION = /^(?:в|во|на|по|из)\s+/iu;

/**
 * A time phrase: "в 2019 году", "в 2020-м", "до конца 2019 года", "за 2024 год", "в прошлом году", "на
 * следующий год", "20 марта", "на 13 апреля", "в марте", "2025 жылы".
 */
const TIME =
  `(?:(?:в|на|за|к|до|с|по|ко)\\s+)?(?:(?:конц[ае]|начал[ае]|середин[ае])\\s+)?(?:(?:19|20)\\d{2}(?:-?(?:м|го|й|му|ом))?(?:\\s*(?:год\\p{L}*|г\\.?|жыл\\p{L}*))?|(?:этом|прошлом|позапрошлом|следующем|текущем)\\s+году|(?:этот|прошлый|следующий|текущий)\\s+год|биыл|былтыр|\\d{1,2}\\s+(?:${MONTH_STEMS}|ма[яй])\\p{L}*(?:\\s+(?:19|20)\\d{2}(?:\\s*год\\p{L}*)?)?|(?:${MONTH_STEMS}|ма[ейя])\\p{L}*(?:\\s+(?:19|20)\\d{2}(?:\\s*год\\p{L}*)?)?)`;
/** "в этом", "в следующем" with "году" left unsaid after a question about a year. */
const ELLIPTIC_YEAR = /^(?:в|на)\s+(?:этом|прошлом|позапрошлом|следующем|текущем)$/iu;
const TIME_PHRASE = new RegExp(`(?<![\\p{L}\\p{N}])${TIME}(?![\\p{L}\\p{N}])`, 'iu');
const TIME_ONLY = new RegExp(`^${TIME}$`, 'iu');

/** Replaces the time of `previous` with `time`, or adds it when `previous` names none. */
export function replaceTime(previous: string, time: string): string {
  const body = stripQuestionMark(previous);
  return asQuestion(TIME_PHRASE.test(body) ? body.replace(TIME_PHRASE, time) : `${body} ${time}`);
}

/** A question's leading question phrase: "сколько", "на какую сумму", "в каком году", "до какого срока". */
const QUESTION_PHRASE = /^(?:(?:на|в|во|с|со|до|за|к|по|из)\s+)?(?:как\p{L}*|сколько|скольк\p{L}*|когда|где|кто|что|почему|зачем|куда|откуда|чей|чья)(?:\s+(?:сумм\p{L}*|процент\p{L}*|дол(?:я|ю|и|ей)|срок\p{L}*|год\p{L}*|числа|месяц\p{L}*|дат\p{L}*))?(?![\p{L}])/iu;

/**
 * What a question is about, for a follow-up to carry: without its question phrase, and the topic an earlier
 * follow-up carried in brackets read as plain words ("На какую сумму (новых птицефабрик …)?" → "новых
 * птицефабрик …"), so a third turn does not inherit "на какую сумму".
 */
function topicOf(question: string): string {
  return stripQuestionMark(question).replace(QUESTION_PHRASE, '').replace(KAZAKH_QUESTION_PHRASE, ' ').replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether `question` opens with the question word `asking` ("Сколько …" with "сколько"). */
function startsWithQuestion(question: string, asking: string): boolean {
  return (QUESTION_PHRASE.exec(stripQuestionMark(question).trim())?.[0] ?? '').toLowerCase().split(/\s+/).includes(asking.toLowerCase());
}

/** Swaps the leading interrogative of `previous` ("Сколько …") for a new one ("когда"). */
export function replaceInterrogative(previous: string, interrogative: string): string {
  // A Kazakh question word stands anywhere ("жеңімпаздарға қанша ақша береді?"): left in, "а когда?" would still ask how much.
  const body = stripQuestionMark(previous).replace(INTERROGATIVE, '').replace(KAZAKH_QUESTION_WORD, ' ').replace(/\s+/g, ' ').trim();
  return asQuestion(`${interrogative} ${body}`);
}

/** A Kazakh question word in any case form ("қанша", "қаншаға", "кімге"). */
const KAZAKH_ASKING = 'қанша\\p{L}*|неше\\p{L}*|қашан\\p{L}*|кім(?:ге|нің|ді|мен|дер)?|қайда\\p{L}*|қандай|қай|неге|неліктен|қалай';
/** Such a word, wherever it stands. */
const KAZAKH_QUESTION_WORD = new RegExp(`(?<![\\p{L}])(?:${KAZAKH_ASKING})(?![\\p{L}])`, 'giu');

/**
 * A Kazakh question phrase, wherever it stands: the question word, the measure it asks in and a postposition ("қай жылға
 * дейін", "қанша пайызға", "неше есе"). Carried into the next turn it would ask that turn for a year or a share.
 */
const KAZAKH_QUESTION_PHRASE = new RegExp(
  `(?<![\\p{L}])(?:${KAZAKH_ASKING})(?:\\s+(?:жыл|ай|күн|пайыз|есе|мерзім|уақыт|сома)\\p{L}*)?(?:\\s+(?:дейін|шейін|бастап|кейін|бойы))?(?![\\p{L}])`,
  'giu',
);

/**
 * Word forms of a finite verb, a participle or an infinitive: where the subject of "Сколько врачей не хватает"
 * ends. Reflexive forms may be short ("учится"); other endings need a longer stem ("школ" is no past tense).
 */
const VERB_FORM =
  /^(?:не|\p{L}{3,}(?:[еёуюая]т|ит|[ая]тся|[еи]тся|[уюя]тся|[аеиоуыя]л[аио]?|[аеиоуыя]ли|лись|лся|[еаяё]н[оаы]?|ть|ться)|\p{L}{2}(?:[ая]тся|[еи]тся|[уюя]тся))$/u;
/** Prepositions: a subject that runs into one ("жителей в Алматы") is not followed by a verb. */
const PREPOSITION = /^(?:в|во|на|по|из|для|у|с|со|к|ко|о|об|от|до|за|при|про|над|под)$/iu;
const SUBJECT_INTERROGATIVES = new Set(['сколько', 'какой', 'какая', 'какое', 'какие', 'каких']);

/**
 * "а сколько там педагогов?" after "Сколько врачей не хватает в Алматы?": the new subject takes the
 * old one's place and the rest of the question (its verb and place) stays: "Сколько педагогов не
 * хватает в Алматы?". Undefined when the shapes do not line up: the follow-up has a verb of its own,
 * the previous question starts with another question word, or its subject is not followed by a verb.
 */
export function swapSubject(previous: string, followUp: string): string | undefined {
  const [asked, ...subject] = followUp.trim().split(/\s+/);
  const interrogative = asked?.toLowerCase();
  if (!interrogative || !SUBJECT_INTERROGATIVES.has(interrogative) || subject.length === 0) return undefined;
  if (subject.some((w) => VERB_FORM.test(w.toLowerCase()))) return undefined;
  const [first, ...rest] = stripQuestionMark(previous).split(/\s+/);
  if (first?.toLowerCase() !== interrogative) return undefined;
  const verbAt = rest.findIndex((w) => VERB_FORM.test(w.toLowerCase()) || PREPOSITION.test(w));
  const verb = rest[verbAt];
  if (verbAt < 1 || verb === undefined || PREPOSITION.test(verb)) return undefined;
  return asQuestion([interrogative, ...subject, ...rest.slice(verbAt)].join(' '));
}

/** "Алматыда қанша дәрігер жетіспейді?": the Kazakh count word and the noun it counts. */
const KAZAKH_COUNTED = /(?<![\p{L}])(қанша|неше)\s+([\p{L}-]+)/iu;

/**
 * "ал мұғалімдер ше?" after "Алматыда қанша дәрігер жетіспейді?": the new noun takes the counted one's
 * place ("Алматыда қанша мұғалімдер жетіспейді?"). Undefined when the previous question counts nothing.
 */
export function swapKazakhCounted(previous: string, noun: string): string | undefined {
  if (!KAZAKH_COUNTED.test(previous) || /\s/.test(noun.trim())) return undefined;
  return asQuestion(stripQuestionMark(previous).replace(KAZAKH_COUNTED, (_, count: string) => `${count} ${noun.trim()}`));
}

export function condenseFollowUp(asked: string, previousExchange: Exchange | undefined): string {
  if (!previousExchange || !isFollowUp(asked)) return asked;
  const question = capitalizeRegions(asked);
  const previous = { ...previousExchange, question: capitalizeRegions(previousExchange.question) };
  const typedCore = stripQuestionMark(stripContinuation(question));
  // The engine, given the previous answer, quotes what it has not told yet.
  if (typedCore.length === 0 || MORE.test(question.trim())) return previous.question;
  const typedPlace = findPlace(typedCore);
  const place = withOblastWord(typedPlace);
  // "а в Жамбылской кто аким?" is read with the word it left unsaid.
  const core = place && typedPlace && place !== typedPlace ? typedCore.replace(typedPlace, place) : typedCore;
  const ownTerms = topicTerms(core);

  // "а в 2019 году?", "а в прошлом году?" — same question, another time; "а в этом?" leaves "году" unsaid.
  const year = ELLIPTIC_YEAR.test(core.trim()) && /(?<![\p{L}])году(?![\p{L}])/iu.test(previous.question) ? `${core.trim()} году` : core.trim();
  if (TIME_ONLY.test(year)) return replaceTime(previous.question, year);

  // "а в Шымкенте?" — same question, another place. "а сколько из них в Карагандинской области?" after "на какую
  // сумму?" asks its own question word there: the topic comes along, the old question word goes.
  const asking = ASKS_ANYWHERE.exec(core)?.[0];
  if (place && ownTerms.length === 0) {
    const moved = replacePlace(previous.question, place);
    return asking && !startsWithQuestion(previous.question, asking) ? asQuestion(`${asking.toLowerCase()} ${topicOf(moved)}`) : moved;
  }

  // "а до какого года?", "а на какую сумму?": a question phrase alone asks it of the whole previous topic.
  const phrase = QUESTION_PHRASE.exec(core.trim())?.[0];
  if (phrase && phrase.length === core.trim().length && phrase.includes(' ')) return asQuestion(`${phrase} (${topicOf(previous.question)})`);

  // "а когда?", "а почему?" — same topic, another question word.
  const interrogative = INTERROGATIVE.exec(core)?.[0];
  if (interrogative && ownTerms.length === 0) return replaceInterrogative(previous.question, interrogative.toLowerCase());

  // "а в Шымкенте сколько школ?" — complete once the leading "а" is gone.
  if (place) return asQuestion(core);

  // "а на следующий год сколько ещё хотят?", "а в этом году сколько ждут?" — the previous question at
  // another time; the follow-up's own words come along, the old time goes (or both years are searched).
  const time = TIME_PHRASE.exec(core)?.[0];
  if (time) {
    // "а в 2020 году сколько единиц купят?" after a sum counts a thing of its own: its own question at that time, the
    // old topic in brackets, not the old question ("сколько денег…") with the time swapped.
    const untimed = core.replace(time, ' ').replace(/\s+/g, ' ').trim();
    const counted = countedNoun(untimed);
    const previousTerms = new Set(analyze(previous.question));
    if (counted !== undefined && !counted.some((t) => previousTerms.has(t))) return asQuestion(`${core} (${topicOf(previous.question)})`);
    const rest = untimed.replace(ASKS_ANYWHERE, ' ').replace(/\s+/g, ' ').trim();
    const body = stripQuestionMark(replaceTime(previous.question, time.trim()));
    return asQuestion(analyze(rest).length > 0 ? `${body} (${rest})` : body);
  }

  // "а кто второй?", "а третье?" — a rank of the same topic: an ordinal is no topic of its own.
  if (ORDINAL_ONLY.test(core.replace(ASKS_ANYWHERE, ' ').trim())) {
    // After "а кто второй?" the topic is the one in brackets, not "второй" again.
    const topic = topicOf(previous.question).split(/\s+/);
    return asQuestion(`${core} (${(ORDINAL_ONLY.test(topic[0] ?? '') ? topic.slice(1) : topic).join(' ')})`);
  }

  // "а сколько там врачей?" — own topic, the previous place.
  const previousPlace = findPlace(previous.question);
  if (previousPlace && !TOPIC_ANAPHORA.test(core)) {
    const withoutThere = core.replace(PLACE_ANAPHORA, ' ').replace(/\s+/g, ' ').trim();
    // "а педагогов?" asks the previous question of another subject: it borrows the question word.
    const asked = stripQuestionMark(previous.question).split(/\s+/)[0]?.toLowerCase() ?? '';
    const ownQuestionWord = ASKS_ANYWHERE.test(withoutThere);
    const borrowed = !ownQuestionWord && SUBJECT_INTERROGATIVES.has(asked) ? swapSubject(previous.question, `${asked} ${withoutThere}`) : undefined;
    // When the shapes do not line up, the new subject still keeps the old question word and place:
    // "Сколько школьников в Алматы?", not "Школьников в Алматы?".
    const keepsAsking = !ownQuestionWord && SUBJECT_INTERROGATIVES.has(asked) ? `${asked} ` : '';
    // "а на какую сумму?" asks its own question of the previous topic: all of it comes along, or "птицефабрик" is
    // lost. A question that counts a thing of its own ("а сколько там врачей?") has a topic of its own.
    // "а что с водой?" has a topic of its own and takes only the place: "Что с водой в Косшы?", not the old gas topic.
    // A verb ("когда закончат?") is no topic: the old one stays.
    // Nor are words that fit any topic: "а в каком районе больше всего не хватает мест?" still asks about kindergartens.
    const ownTopic = withoutThere
      .split(/\s+/)
      .some(
        (w) =>
          analyze(w).some((t) => !INTERROGATIVE_TERMS.has(t) && !GENERIC_TERMS.has(t) && !ANY_TOPIC.has(t)) &&
          !asksAttribute(w) &&
          !VERB_FORM.test(w.toLowerCase().replace(/[?!.,]+$/, '')),
      );
    // An adjective without its noun ("…на закуп нового?") borrows the noun with the rest of the old topic.
    const ownQuestion =
      ownQuestionWord && countedNoun(withoutThere) === undefined
        ? asQuestion(ownTopic && !endsElliptic(withoutThere) ? `${withoutThere} ${previousPlace}` : `${withoutThere} (${topicOf(previous.question)})`)
        : undefined;
    return (
      swapSubject(previous.question, withoutThere) ??
      borrowed ??
      swapKazakhCounted(previous.question, withoutThere) ??
      ownQuestion ??
      asQuestion(`${keepsAsking}${withoutThere} ${previousPlace}`)
    );
  }

  // "а кто его назначил?" — bring in the previous topic words so retrieval sees them.
  const previousTopic = topicOf(previous.question);
  return asQuestion(`${core} (${previousTopic})`);
}

/** Words of any topic: places in general, seats, more and most. */
const ANY_TOPIC = new Set(analyze('район районе районах районов место места мест местах город городе больше меньше всего самый самая самое самые'));

/** Ordinal numbers alone, as a rank in a list is asked ("второй", "третье место", "на последнем"). */
const ORDINAL_ONLY =
  /^(?:(?:на|в)\s+)?(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|последн)\p{L}*(?:\s+(?:мест\p{L}*|орын\p{L}*))?$/iu;

/** A question this short, without a place or a name of its own, may lean on the previous one though it has a topic word. */
const MAX_LEANING_WORDS = 5;

/** "сколько детей примет?" after a question about a school: the question with the previous topic, or undefined. */
export function withPreviousTopic(question: string, previous: Exchange): string | undefined {
  const core = stripQuestionMark(stripContinuation(question.trim()));
  const words = core.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_LEANING_WORDS || findPlace(core) || words.slice(1).some((w) => /^\p{Lu}/u.test(w))) return undefined;
  const topic = topicOf(capitalizeRegions(previous.question));
  return topic ? asQuestion(`${core} (${topic})`) : undefined;
}

export class HeuristicCondenser implements FollowUpCondenser {
  async condense(question: string, previous: Exchange | undefined): Promise<string> {
    return condenseFollowUp(question, previous);
  }

  withTopic(question: string, previous: Exchange): string | undefined {
    return withPreviousTopic(question, previous);
  }
}
