/**
 * Small talk: greetings, thanks, goodbyes, "who are you", "what can you do", "help", in Russian and
 * Kazakh. Such a message gets a short friendly reply, never a search: «спасибо» must not be answered
 * with a quote that happens to contain "спасибо". A greeting or thanks followed by a question ("Привет!
 * Сколько школ…?", "Спасибо! А в Шымкенте?") is a question: the courtesy is dropped and the rest is asked.
 */
import type { SmallTalk, SmallTalkKind } from '../shared/small-talk.js';
import { detectRegions } from '../corpus/regions.js';
import { isKazakhWord, isStopword } from '../text/analyzer.js';
import { PHRASES } from './small-talk-phrases.js';

export type { SmallTalk, SmallTalkKind };

type Language = SmallTalk['language'];


/** Words that may surround a small-talk phrase: "ну привет", "привет бот", "спасибо тебе". */
const FILLERS = new Set([
  'ну', 'а', 'и', 'тебе', 'вам', 'бот', 'ботик', 'жауап', 'zhauap', 'друг', 'ещё', 'еще', 'всем', 'очень', 'ок', 'окей',
  'ладно', 'хорошо', 'понятно', 'ясно', 'сізге', 'саған', 'мне', 'же', 'там', 'да', 'вот', 'всё', 'все', 'енді', 'ал', 'иә', 'ия',
  // What people thank for: "Спасибо вам за ваш труд!", "Рақмет, көмегіңіз үшін" is thanks, not a question.
  'за', 'ваш', 'вашу', 'твой', 'твою', 'труд', 'работу', 'помощь', 'информацию', 'ответ', 'ответы', 'көмектестіңіз', 'көмектестің',
  'большое', 'огромное', 'көмегіңіз', 'көмегің', 'жауабыңыз', 'жауабың', 'үшін', 'көп', 'вообще', 'такой',
  // The verbs of helping in every past form: "спасибо, помогло", "благодарю, очень выручила".
  'помог', 'помогла', 'помогло', 'помогли', 'выручил', 'выручила', 'выручило', 'выручили',
  'такое', 'сам', 'сама', 'бро', 'братан', 'уважаемый', 'дорогой', 'сен', 'сіз', 'ғой', 'ше', 'ма', 'ме', 'ба', 'бе', 'па', 'пе',
  // Words about asking the bot itself: "как тобой пользоваться, просто писать вопрос сюда?"
  'просто', 'писать', 'написать', 'пишу', 'задать', 'задавать', 'вопрос', 'вопросы', 'спросить', 'спрашивать', 'сюда', 'сұрақ',
  'жазу', 'жаза', 'жазамын',
  // What a complaint says it asked: "это не то, что я спрашивал".
  'спрашивал', 'спрашивала', 'просил', 'просила', 'имел', 'имела', 'виду', 'сұрадым',
]);

/**
 * Question words: a message with one left over after the courtesy ("понятно, а когда?") asks something.
 * Other function words around a courtesy ("как у тебя дела", "ну ты кто такой") are only chatter.
 */
const QUESTION_WORDS = new Set([
  'где', 'когда', 'сколько', 'скока', 'почему', 'зачем', 'куда', 'откуда', 'какой', 'какая', 'какое', 'какие', 'каких', 'каков',
  'чей', 'чья', 'чьё', 'чье', 'кому', 'кого', 'кем', 'чем', 'чём', 'каким', 'какую', 'қайда', 'қашан', 'қанша', 'неше', 'кім', 'неге',
  'қандай', 'қай', 'нені', 'кімге',
]);
const isChatter = (word: string) => isStopword(word) && !QUESTION_WORDS.has(word);

/** Interjections, laughter and drawn-out letters ("хм", "ахаха", "ааа", "лол"): no topic to search for. */
const INTERJECTION = /^(?:(?:а|х)?(?:ха|хе|хи)+х?|([а-яёәғқңөұүһі])\1*|х+м+|м+|ээ+|ого|ух|ой|ай|эх|ах|ау|вау|лол|кек|блин|упс|ну|нуу+|да|нет|неа|ага|угу|мда|жоқ|иә)$/u;
/** A word small talk reads past: a filler, chatter or an interjection. */
const passesOver = (word: string) => FILLERS.has(word) || isChatter(word) || INTERJECTION.test(word) || POLITE.has(word);
/** A word that says nothing and asks nothing: a message of nothing else is `unclear`. */
const saysNothing = (word: string) => passesOver(word) && !ASKS.has(word);
/** "а кто?", "ну и что?" ask about the last answer: the engine's follow-up reading, not chatter. */
const ASKS = new Set([...QUESTION_WORDS, 'кто', 'что', 'как', 'ли', 'кім', 'не', 'ше']);

/** Fillers that address the bot; after a greeting they go with it ("Привет, бот! Сколько…"), unlike "а" or "и". */
const ADDRESS = new Set(['бот', 'ботик', 'жауап', 'zhauap', 'друг', 'всем']);
/** Polite words before a question ("Подскажите, пожалуйста, сколько…"): they carry nothing to search for. */
const POLITE = new Set(['подскажите', 'подскажи', 'скажите', 'скажи', 'пожалуйста', 'пожалуй', 'пжл', 'плиз', 'айтыңызшы', 'извините', 'простите', 'кешіріңіз']);
/** Small talk that may open a question; the rest of small talk ("что ты умеешь") is a message of its own. */
const OPENERS = new Set<SmallTalkKind>(['greeting', 'thanks']);

/** A message longer than this says something more than small talk. */
const MAX_SMALL_TALK_WORDS = 8;

interface Phrase {
  kind: SmallTalkKind;
  language: Language;
  words: string[];
}

const normalize = (word: string) => word.toLowerCase().replace(/ё/g, 'е');

const PHRASE_LIST: Phrase[] = Object.entries(PHRASES).flatMap(([kind, byLanguage]) =>
  Object.entries(byLanguage).flatMap(([language, list]) =>
    list.map((p) => ({ kind: kind as SmallTalkKind, language: language as Language, words: p.split(' ').map(normalize) })),
  ),
);

/** Every word of some small-talk phrase: such a word may stand in a message about the bot or the news. */
const PHRASE_WORDS = new Set(PHRASE_LIST.flatMap((p) => p.words));

/**
 * Reads words[at..] as small-talk phrases among filler words; undefined when some word is neither. A
 * shorter phrase (or a filler) is tried when the longest one leaves the rest unreadable: "сен не істей
 * аласың" is "сен" + "не істей аласың", not "сен не" + two unknown words. Messages are at most
 * MAX_SMALL_TALK_WORDS long, so the search stays tiny.
 */
function readPhrases(words: readonly string[], at: number): Phrase[] | undefined {
  if (at >= words.length) return [];
  const word = words[at] ?? '';
  for (const p of phrasesAt(words, at)) {
    const rest = readPhrases(words, at + p.words.length);
    if (rest) return [p, ...rest];
  }
  return passesOver(word) ? readPhrases(words, at + 1) : undefined;
}

/** The small-talk phrases starting at word `at`, longest first (in list order among equals). */
function phrasesAt(words: readonly string[], at: number): Phrase[] {
  return PHRASE_LIST.filter((p) => p.words.every((w, i) => words[at + i] === w)).sort((a, b) => b.words.length - a.words.length);
}

/** The longest small-talk phrase starting at word `at`. */
function phraseAt(words: readonly string[], at: number): Phrase | undefined {
  return phrasesAt(words, at)[0];
}

/** Words that address the bot: a message speaking to "ты"/"вы"/"сен" or of "бот" may be about the bot itself. */
const ADDRESSES_BOT = new Set([
  'ты', 'тебя', 'тебе', 'тобой', 'вы', 'вас', 'вам', 'вами', 'твой', 'твои', 'ваш', 'ваши', 'бот', 'ботик', 'бота', 'боту', 'ботом',
  'сен', 'сіз', 'саған', 'сізге', 'сенің', 'сіздің', 'сені', 'сізді', 'сенен', 'сізден',
]);
/**
 * What people say about a bot's abilities and nature, in general Russian and Kazakh ("что вы умеете",
 * "какие новости ты знаешь", "ты робот или человек"). With only these, question words and fillers, a
 * message addressed to the bot asks about the bot, not the news: it has no topic to search for.
 */
const ABILITY_WORDS = new Set([
  'умеешь', 'умеете', 'можешь', 'можете', 'знаешь', 'знаете', 'отвечаешь', 'отвечаете', 'ответить', 'отвечать', 'ответишь',
  'рассказать', 'рассказывать', 'расскажешь', 'расскажете', 'рассказываешь', 'помочь', 'помогаешь', 'помогаете', 'поможешь',
  'подсказать', 'подскажешь', 'искать', 'ищешь', 'ищете', 'найти', 'находишь', 'работаешь', 'работаете', 'понимаешь', 'понимаете',
  'говоришь', 'говорите', 'говорить', 'узнать', 'хочу', 'хотел', 'хотела', 'могу', 'можно', 'умеет', 'может', 'знает', 'отвечает', 'делаешь',
  'новости', 'новостей', 'новостях', 'новостям', 'новостями', 'темы', 'тем', 'темах', 'информация', 'информации', 'информацию',
  'сведения', 'данные', 'источники', 'статьи', 'статей', 'база', 'базе', 'базы', 'на', 'о', 'об', 'про', 'по', 'какие', 'каких',
  'білесің', 'білесіз', 'айтасың', 'айтасыз', 'жауап', 'бересің', 'бересіз', 'жаңалық', 'жаңалықтар', 'жаңалықтарды',
  'көмектесесің', 'көмектесесіз', 'аласың', 'аласыз', 'сұрақтарға', 'сұрақтар', 'туралы', 'сұрақ', 'қоюға', 'сұрауға', 'бола',
  'болады', 'сұрай', 'аламын', 'аламыз',
  // Where its news come from ("откуда ты берёшь информацию?") and which languages it speaks.
  'берешь', 'берете', 'берет', 'получаешь', 'получаете', 'берутся', 'последние', 'свежие', 'казахски', 'казахском', 'русски',
  'русском', 'языке', 'языках', 'қазақша', 'орысша', 'қазақ', 'тілінде', 'тілде', 'сөйлейсің', 'сөйлейсіз',
]);
/** The bot's nature ("ты робот?", "ты умный"): answered by who it is. */
const NATURE_WORDS = new Set([
  'робот', 'человек', 'живой', 'настоящий', 'программа', 'нейросеть', 'искусственный', 'интеллект', 'умный', 'глупый',
  'или', 'әлде', 'адам', 'бағдарлама', 'придумал', 'придумали', 'создал', 'создали', 'сделал', 'сделали', 'разработал', 'разработали',
  'написал', 'написали', 'жасады', 'жасаған',
]);

/** A verb in the second person ("умеешь", "можете", "білесің") speaks to the bot without a pronoun. */
const SECOND_PERSON = /(?:ешь|ишь|ете|ите|сің|сың|сіз|сыз)$/u;

/** What a message asking for the news itself says ("что нового?", "есть новости?", "не жаңалық?"). */
const NEWS_NOUNS = new Set(['новости', 'новостей', 'нового', 'новенького', 'новенькое', 'новое', 'жаңалық', 'жаңалықтар', 'жаңалықтары', 'жаңалығы']);
/** Words that may go with it: "какие последние новости на сегодня?", "бүгін қандай жаңалықтар бар?". */
const NEWS_WORDS = new Set([
  'какие', 'что', 'есть', 'последние', 'свежие', 'свежее', 'главные', 'сегодня', 'сегодняшние', 'за', 'день', 'неделю', 'покажи',
  'покажите', 'расскажи', 'расскажите', 'новенького', 'слышно', 'соңғы', 'бүгін', 'бүгінгі', 'қандай', 'не', 'бар', 'жаңа', 'айтшы',
]);
/** "Что нового?", "Привет! Какие последние новости?": the latest news, with no topic to search for. */
const asksForNews = (words: readonly string[]) =>
  words.some((w) => NEWS_NOUNS.has(w)) && words.every((w) => NEWS_NOUNS.has(w) || NEWS_WORDS.has(w) || passesOver(w) || PHRASE_WORDS.has(w));

/** Emoji that say something on their own: a thumbs-up or folded hands thank, a wave greets. */
const THANKS_EMOJI = /[👍👌🙏❤♥💯🤝😊🙂☺😍🥰🔥✅]/u;
const GREETING_EMOJI = /👋/u;

/** Praise of the bot ("ты классный"): answered like thanks. */
const PRAISE_WORDS = new Set(['классный', 'крутой', 'лучший', 'хороший', 'полезный', 'молодец', 'умница', 'супер', 'керемет', 'жақсы', 'тамаша', 'жарайсың']);

/**
 * A message that speaks to the bot with nothing but words about its abilities or nature: "Здравствуйте,
 * вы отвечаете на вопросы о новостях?", "Кім сен?". Every word must be one of those, a question word or a
 * filler, so "ты знаешь, сколько врачей в Алматы?" stays a question.
 */
function aboutTheBot(words: readonly string[]): SmallTalkKind | undefined {
  if (!words.some((w) => ADDRESSES_BOT.has(w) || (ABILITY_WORDS.has(w) && SECOND_PERSON.test(w)))) return undefined;
  const known = (w: string) =>
    ADDRESSES_BOT.has(w) || ABILITY_WORDS.has(w) || NATURE_WORDS.has(w) || PRAISE_WORDS.has(w) || ASKS.has(w) || passesOver(w) || PHRASE_WORDS.has(w);
  if (!words.every(known)) return undefined;
  if (words.some((w) => ABILITY_WORDS.has(w))) return 'abilities';
  return words.some((w) => PRAISE_WORDS.has(w)) ? 'thanks' : 'about';
}

// "Привет, что ты умеешь?" is about abilities; "спасибо, пока" is a goodbye.
const PRECEDENCE: SmallTalkKind[] = ['abilities', 'help', 'about', 'complaint', 'goodbye', 'thanks', 'apology', 'greeting'];

/**
 * The small-talk reading of a message, or undefined when it says something else. Every word must be
 * part of a small-talk phrase or a filler, so a message with a question in it is not small talk.
 */
export function smallTalkOf(message: string): SmallTalk | undefined {
  return smallTalkOfSentence(message) ?? aboutTheBotAtLength(message) ?? howToUse(message) ?? announcement(message) ?? topicOffer(message);
}

/** Words that offer a topic without asking yet: "подскажешь по спорту?", "есть вопрос про садики", "спорт туралы сұрақ бар". */
const OFFER_WORDS = new Set([
  'подскажешь', 'подскажете', 'поможешь', 'поможете', 'можно', 'есть', 'хочу', 'хотел', 'хотела', 'хотелось', 'спросить',
  'узнать', 'вопрос', 'вопросик', 'вопросы', 'вопросов', 'сориентируешь', 'сориентируете', 'проконсультируешь', 'проконсультируете',
  'сұрақ', 'сұрағым', 'сұрақтар', 'көмектесесің', 'көмектесесіз', 'білгім', 'келеді', 'бар', 'бола',
]);
/** What ties the offer to its topic: "по спорту", "про садики", "насчёт налогов"; Kazakh puts it after ("спорт туралы"). */
const TOPIC_TIES = new Set(['по', 'про', 'о', 'об', 'насчет', 'касательно', 'относительно', 'туралы', 'бойынша', 'жайлы']);
/** A topic of more words than this is a question of its own ("подскажете про очередь в садик в Алатауском районе"). */
const MAX_TOPIC_WORDS = 2;

/**
 * "Привет! Подскажешь по спорту?": a topic offered with no question about it yet (no question word, a topic of a
 * word or two). A search would quote whatever mentions sport; the user is better asked what exactly they want.
 */
function topicOffer(message: string): SmallTalk | undefined {
  return smallTalkAround(message, offersTopic) ? { kind: 'offer', language: languageOf(message) } : undefined;
}

/** One sentence of a topic offer: an offer word, a tie and a topic of a word or two, no question and no name. */
function offersTopic(sentence: string): boolean {
  const words = wordsOf(sentence);
  // "Что есть о газификации?", "есть новости про газ?" ask for what the news says: a search.
  const asks = words.some((w) => ASKS.has(w) || NEWS_NOUNS.has(w));
  if (asks || !words.some((w) => OFFER_WORDS.has(w)) || !words.some((w) => TOPIC_TIES.has(w))) return false;
  // A name ("про садик в Косшы", "Алматы туралы") makes the topic specific enough to search.
  if (/\s\p{Lu}\p{Ll}/u.test(sentence.trim()) || detectRegions(sentence).length > 0) return false;
  const topic = words.filter((w) => !OFFER_WORDS.has(w) && !TOPIC_TIES.has(w) && !ADDRESSES_BOT.has(w) && !passesOver(w) && !ABILITY_WORDS.has(w));
  return topic.length > 0 && topic.length <= MAX_TOPIC_WORDS;
}

/**
 * The small talk of a message whose every sentence is small talk or one `reads` accepts, at least one of them the
 * latter ("Привет! Подскажешь по спорту?"); undefined for any other message.
 */
function smallTalkAround(message: string, reads: (sentence: string) => boolean): SmallTalk[] | undefined {
  let read = false;
  const talks: SmallTalk[] = [];
  for (const sentence of sentencesOf(message)) {
    const talk = smallTalkOfSentence(sentence);
    if (talk) talks.push(talk);
    else if (reads(sentence)) read = true;
    else return undefined;
  }
  return read ? talks : undefined;
}

/** Verbs of asking: "хотел спросить", "можно уточнить", "сұрағым келеді" announce a question still to come. */
const ASK_VERBS = new Set([
  'спросить', 'спрошу', 'узнать', 'узнаю', 'уточнить', 'уточню', 'задать', 'поинтересоваться', 'поспрашивать', 'обратиться',
  'сұрағым', 'сұрайын', 'білгім', 'сұрау', 'сұрақ',
]);
/** What such an announcement says besides the verb: how much it will ask, of what in general, a wish. */
const ANNOUNCEMENT_WORDS = new Set([
  'кое', 'что-то', 'кое-что', 'пару', 'пара', 'несколько', 'один', 'одну', 'одно', 'вещь', 'вещи', 'вещей', 'момент', 'моментов',
  'вопросик', 'вопросов', 'вопроса',
  'тему', 'теме', 'наш', 'наша', 'нашего', 'нашей', 'нашем', 'нашу', 'регион', 'региона', 'регионе', 'город', 'города', 'городе',
  'область', 'области', 'страны', 'стране', 'района', 'районе', 'хотелось', 'хотим', 'разрешите', 'позвольте',
  'бір', 'келеді', 'еді', 'едім', 'жайлы', 'өңір', 'өңіріміз', 'қаламыз', 'облысымыз',
]);

/**
 * "Добрый вечер! Хотел спросить у вас кое-что про новости нашего региона": a greeting and an announcement of a
 * question with no question in it yet (no "сколько", no topic). It is answered as a greeting, with an example,
 * never with a quote found by "новости" and "региона". Every sentence is small talk or such an announcement.
 */
function announcement(message: string): SmallTalk | undefined {
  const talks = smallTalkAround(message, (sentence) => announces(wordsOf(sentence)));
  if (!talks) return undefined;
  const kind = PRECEDENCE.find((k) => talks.some((t) => t.kind === k)) ?? 'greeting';
  return { kind, language: languageOf(message) };
}

const announces = (words: readonly string[]) =>
  words.some((w) => ASK_VERBS.has(w)) &&
  !words.some((w) => QUESTION_WORDS.has(w)) &&
  words.every((w) => ASK_VERBS.has(w) || ANNOUNCEMENT_WORDS.has(w) || ABILITY_WORDS.has(w) || ADDRESSES_BOT.has(w) || passesOver(w) || PHRASE_WORDS.has(w));

/** "Как с вами лучше общаться?", "как тобой пользоваться", "как лучше задавать вопросы": how to use the bot. */
const HOW_TO_USE =
  /(?<![\p{L}])как\s+(?:мне\s+)?(?:(?:тут|здесь|у\s+вас|у\s+тебя)\s+)?(?:с\s+(?:вами|тобой)\s+(?:лучше\s+)?(?:общаться|работать|говорить)|(?:вами|тобой)\s+(?:лучше\s+)?пользоваться|(?:лучше\s+|правильно\s+)?(?:задавать|задать)\s+(?:вам\s+|тебе\s+)?вопрос\p{L}*)/iu;

/**
 * "Добрый вечер! Я хотел бы задать пару вопросов о работе акиматов, подскажите, как с вами лучше общаться?":
 * a message that asks how to use the bot and no question of its own (no "сколько", "когда"…) wants the help.
 */
function howToUse(message: string): SmallTalk | undefined {
  if (!HOW_TO_USE.test(message) || wordsOf(message).some((w) => QUESTION_WORDS.has(w))) return undefined;
  return { kind: 'help', language: languageOf(message) };
}

/** The language of a message that is small talk: Kazakh when it has a letter only Kazakh uses. */
const languageOf = (message: string): Language => (isKazakhWord(message.toLowerCase()) ? 'kk' : 'ru');

/** A message's sentences that have words: small talk and questions may share a message. */
const sentencesOf = (message: string) => message.split(/(?<=[.!?…])\s+/u).filter((s) => /\p{L}/u.test(s));

const wordsOf = (text: string) => (text.replace(/<[^>]*>/g, ' ').match(/\p{L}+/gu) ?? []).map(normalize);

/**
 * "Здравствуйте. Что вы умеете? Можно у вас про новости области спрашивать?": several sentences, one of
 * them small talk about the bot and every other one still speaking to the bot without a question word
 * of its own. Such a message asks what the bot does; "Что вы умеете? Сколько врачей…?" asks a question.
 */
function aboutTheBotAtLength(message: string): SmallTalk | undefined {
  const sentences = sentencesOf(message);
  if (sentences.length < 2) return undefined;
  const talks = sentences.map(smallTalkOfSentence);
  const about = talks.find((t) => t?.kind === 'abilities' || t?.kind === 'about' || t?.kind === 'help');
  // "Жаңалықтар туралы сұрақ қоюға бола ма?" (may one ask about the news?) speaks of the bot's use with no topic of its own.
  const ofItsUse = (words: string[]) => words.some((w) => ABILITY_WORDS.has(w)) && words.every((w) => ABILITY_WORDS.has(w) || passesOver(w) || PHRASE_WORDS.has(w));
  const toTheBot = (words: string[]) =>
    (words.some((w) => ADDRESSES_BOT.has(w) || (ABILITY_WORDS.has(w) && SECOND_PERSON.test(w))) || ofItsUse(words)) && !words.some((w) => QUESTION_WORDS.has(w));
  return about && sentences.every((s, i) => talks[i] !== undefined || toTheBot(wordsOf(s))) ? about : undefined;
}

function smallTalkOfSentence(message: string): SmallTalk | undefined {
  // Tags are no words ("<b></b>" is left to the question check, which says it has none).
  const words = wordsOf(message);
  if (words.length === 0) return emojiTalk(message);
  if (words.length > MAX_SMALL_TALK_WORDS) return undefined;
  const addressed = aboutTheBot(words);
  if (!addressed && asksForNews(words)) return { kind: 'news', language: languageOf(message) };
  const found = readPhrases(words, 0);
  if (found === undefined) return addressed && { kind: addressed, language: languageOf(message) };
  // "Привет, ты вообще кто?": a question to the bot beside the greeting says more than the greeting.
  const phrased = PRECEDENCE.find((k) => found.some((p) => p.kind === k));
  const inPhrases = new Set(found.flatMap((p) => p.words));
  const asksTheBot = addressed !== undefined && words.some((w) => ASKS.has(w) && !inPhrases.has(w));
  const kind =
    (phrased && !(OPENERS.has(phrased) && asksTheBot) ? phrased : (addressed ?? phrased)) ??
    (words.every(saysNothing) && !/\d/.test(message) ? 'unclear' : undefined);
  if (kind === undefined) return undefined;
  // A letter only Kazakh uses makes the message Kazakh.
  const kazakh = isKazakhWord(message.toLowerCase()) || found.some((p) => p.language === 'kk');
  return { kind, language: kazakh ? 'kk' : 'ru' };
}

/** A message of emoji alone: 👍 or 🙏 thank, 👋 greets; a digit or a sign alone is left to the question check. */
function emojiTalk(message: string): SmallTalk | undefined {
  if (!/\p{Extended_Pictographic}/u.test(message) || /\d/.test(message)) return undefined;
  const kind: SmallTalkKind = GREETING_EMOJI.test(message) ? 'greeting' : THANKS_EMOJI.test(message) ? 'thanks' : 'unclear';
  return { kind, language: 'ru' };
}

/**
 * Drops a leading greeting, thanks or polite word from a question: "Привет! Сколько врачей…" and
 * "Подскажите, пожалуйста, сколько врачей…" ask "Сколько врачей…", "Спасибо! А в Шымкенте?" asks "А в
 * Шымкенте?". Returns the message unchanged when it does not start with one or is nothing but small talk.
 */
export function stripCourtesy(message: string): string {
  const found = [...message.matchAll(/\p{L}+/gu)];
  const words = found.map((m) => normalize(m[0]));
  let i = 0;
  let end = -1;
  while (i < words.length) {
    const hit = phraseAt(words, i);
    if (hit && OPENERS.has(hit.kind)) {
      i += hit.words.length;
      while (ADDRESS.has(words[i] ?? '')) i++;
      end = i;
    } else if (POLITE.has(words[i] ?? '')) end = ++i;
    else if (FILLERS.has(words[i] ?? '')) i++;
    else break;
  }
  // The rest starts after the last courtesy: "Привет, а в Шымкенте?" keeps its "а".
  const restAt = end < 0 ? undefined : found[end]?.index;
  if (restAt === undefined) return message;
  const rest = message.slice(restAt).trim();
  return smallTalkOf(rest) ? message : rest;
}
