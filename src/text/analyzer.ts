import snowball from 'snowball-stemmers';
import { stemRussian } from './russian-stemmer.js';
import { isKnownKazakhStem, shippedKazakhStemmer } from './shipped-kazakh-stemmer.js';

/** Bump when analyze() may return other terms for the same text: indexes built before then rebuild. */
export const ANALYZER_VERSION = 31;

/**
 * Word-level analysis shared by the lexical index, the built-in embedder, retrieval and the
 * extractive answerer: one tokenizer and one stemmer, so a query and a passage meet on the same terms.
 */

// Snowball costs microseconds a word and texts repeat words: stem() keeps a bounded memo of its
// results (per context, see below), which makes embedding and indexing a corpus several times faster.
// A realistic news vocabulary keeps growing, so the memo is large enough for the word forms of a
// 100k-chunk corpus (573k; about 80 MB when full) and is emptied when it fills up. At 300k it filled
// twice in such a corpus and Snowball ran 933k times instead of 573k (bench/README.md, "Ingest CPU").
const STEM_MEMO_LIMIT = 600_000;

const english = snowball.newStemmer('english');

/** Letters that exist in Kazakh Cyrillic but not in Russian. */
const KAZAKH_LETTERS = /[әғқңөұүһі]/;
const CYRILLIC = /[а-я]/;
const LATIN = /[a-z]/;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

// Markup in a pasted question ("<b>Акмолинской</b>") is not words.
const TAG = /<\/?[a-z][^<>]*>/gi;

export function normalize(text: string): string {
  return text.replace(TAG, ' ').toLowerCase().replace(/ё/g, 'е').replace(/\u00ad/g, '').replace(LATIN_WITH_MARK, foldLatin);
}

/**
 * Latin letters with diacritics, as Kazakh Latin script writes names ("Qoldaý", "Úzdik", "Jańa"): people type them
 * without the marks. ý is Kazakh у ("Qoldau"); ı is i; the rest lose their mark (á → a, ú → u, ń → n, ş → s).
 */
const LATIN_WITH_MARK = /[\u00e0-\u00ff\u0100-\u017f]/g;
function foldLatin(letter: string): string {
  if (letter === 'ý' || letter === 'ÿ') return 'u';
  if (letter === 'ı') return 'i';
  const base = letter.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return /^[a-z]+$/.test(base) ? base : letter;
}

/** Lower-cased words and numbers, in order. "1 065" stays two tokens; numbers are matched as written. */
export function tokenize(text: string): string[] {
  return normalize(text).match(WORD) ?? [];
}

const KAZAKH_TO_RUSSIAN: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

/** A Kazakh spelling in Russian letters, as Russian news writes names: "Шымбұлақ" → "шымбулак", "Қонаев" → "конаев". */
export function transliterateKazakh(word: string): string {
  return normalize(word).replace(/[әғқңөұүһі]/g, (c) => KAZAKH_TO_RUSSIAN[c] ?? c);
}

export function isKazakhWord(word: string): boolean {
  return KAZAKH_LETTERS.test(word);
}

/**
 * Kazakh question words and particles written without a Kazakh-only letter ("Алматы облысында неше
 * елді мекен бар?" has none): they too mark a question as Kazakh.
 */
const KAZAKH_MARKERS = new Set(['неше', 'ше', 'ма', 'ме', 'ба', 'бе', 'па', 'пе', 'бар', 'мен', 'бен', 'пен', 'ал', 'ғой', 'екен']);

/** Does a question read as Kazakh: a word with a Kazakh-only letter, or a Kazakh question word or particle? */
export function readsAsKazakh(text: string): boolean {
  return tokenize(text).some((w) => isKazakhWord(w) || KAZAKH_MARKERS.has(w));
}

// Kazakh has no Snowball stemmer: endings are peeled by the rules of hunspell-kk's affix table and
// checked against its word list (src/text/kazakh-stemmer.ts), so "дәрігерлерге", "дәрігері" and
// "дәрігер" meet on one stem.
export function stemKazakh(word: string): string {
  return shippedKazakhStemmer(word);
}

/**
 * A Russian word with Kazakh endings ("госуслуглардың", "акиматтың"): the endings follow the Russian root, not Kazakh
 * vowel harmony, so the Kazakh rules stop short ("госуслуглар"). When they find no Kazakh stem, a root without Kazakh
 * letters before a plural and a case ending is read as the Russian word it is.
 */
const LOAN_WITH_KAZAKH_ENDING =
  /^(\p{L}{4,}?)(?:лар|лер|дар|дер|тар|тер)?(?:дың|дің|тың|тің|ның|нің|ға|ге|қа|ке|на|не|нда|нде|да|де|та|те|дан|ден|тан|тен|нан|нен|ды|ді|ты|ті|ны|ні|мен|бен|пен|ы|і)$/u;
function stemKazakhOrLoan(word: string): string {
  const kazakh = stemKazakh(word);
  if (isKnownKazakhStem(kazakh)) return kazakh;
  const root = LOAN_WITH_KAZAKH_ENDING.exec(word.toLowerCase())?.[1];
  return root !== undefined && !isKazakhWord(root) ? stemUncached(root, false) : kazakh;
}

// Words both stemmers misread: "Алматы" loses "-ты" as a Kazakh suffix, Snowball turns "Астана"
// and "Астане" into different stems and "аким" into "ак". Inflected forms in either language map
// to one stem; adjectives ("алматинский", "астанинский") are left alone.
const PROTECTED_ROOTS: Array<[root: string, stem: string, maxEnding: number]> = [
  ['аким', 'аким', 4],
  ['әкім', 'аким', 6],
  ['облыс', 'облыс', 7],
  ['алматы', 'алматы', 6],
  ['астан', 'астана', 4],
  ['шымкент', 'шымкент', 6],
  ['казахстан', 'казахстан', 4],
  ['қазақстан', 'казахстан', 6],
  // Indeclinable: Snowball's "метр" would make the metro a metre ("5 тысяч квадратных метров").
  ['метро', 'метро', 0],
  // Kazakh nouns whose Russian-style stem is another word: "жылу" (heat) would be "жыл" (year), so every "жыл сайын"
  // searched for heating; "сауда" (trade) would be "са", as "сайын" is.
  ['жылу', 'жылу', 4],
  ['сауда', 'сауда', 5],
];

/** Words whose vowel drops in their forms ("день" → "дня", "дню"): Snowball gives each form its own stem. */
const FLEETING_VOWEL = new Map<string, string>(
  (
    [
      ['ден', ['день', 'дня', 'дню', 'днем', 'дне', 'дни', 'дней', 'дням', 'днями', 'днях']],
      ['месяц', ['месяц', 'месяца', 'месяцу', 'месяцем', 'месяце', 'месяцы', 'месяцев']],
    ] as const
  ).flatMap(([stem, forms]) => forms.map((form) => [form, stem] as [string, string])),
);

function protectedStem(word: string): string | undefined {
  const fleeting = FLEETING_VOWEL.get(word);
  if (fleeting !== undefined) return fleeting;
  return PROTECTED_ROOTS.find(([root, , maxEnding]) => word.startsWith(root) && word.length - root.length <= maxEnding)?.[1];
}

/**
 * `kazakhContext`: the surrounding text is Kazakh, so a word without Kazakh-only letters
 * ("Алматыда", "мектеп") still carries Kazakh endings; the Kazakh stripper then meets the Russian
 * stem of shared names ("Алматыда" → "алмат" = Russian "Алматы" → "алмат").
 */
export function stem(word: string, kazakhContext = false): string {
  const memo = kazakhContext ? kazakhContextMemo : plainMemo;
  let result = memo.get(word);
  if (result === undefined) {
    if (memo.size >= STEM_MEMO_LIMIT) memo.clear();
    const key = ownCopy(word);
    const stemmed = stemUncached(word, kazakhContext);
    result = stemmed === word ? key : ownCopy(stemmed);
    memo.set(key, result);
  }
  return result;
}

/**
 * The string's code units in a string of their own. A word from the tokenizer is a slice of its text (V8 slices
 * strings of 13 or more code units), and so may be its stem: as memo entries they kept every text with a new
 * long word alive, ≈ 3 MB surviving each young-generation collection of a build's encode worker, each costing
 * ≈ 35 ms (bench/README.md, "Ingest: what survived the young generation").
 */
function ownCopy(s: string): string {
  // Flattening the concatenation copies the characters; the slice then points into that copy only.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const plainMemo = new Map<string, string>();
const kazakhContextMemo = new Map<string, string>();

/** A number with a case ending ("2020-м", "90-х", "5-го"; chat drops the hyphen: "3м", "5й"): the number itself. */
const NUMBER_WITH_ENDING = /^(\p{N}+)(?:-\p{L}{1,3}|(?:й|я|е|го|му|м|ом|ой|х|ми|ю|ый|ий|ая|ое|ые|ых|ым|ого|ому))$/u;

/** Kazakh writes case endings after an abbreviation or a Latin name with a hyphen: "ЖЭО-ның", "ТЭЦ-ке", "TilOquBot-қа". */
const HYPHENATED_KAZAKH_ENDING = /^(\p{L}{2,5}|[a-z][a-z\d]*)-(?:ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|на|не|ға|ге|қа|ке|да|де|та|те|нда|нде|дан|ден|тан|тен|нан|нен|мен|бен|пен|сы|сі|ы|і|лар|лер|дар|дер|тар|тер|ша|ше)$/u;

const DROPPING_VOWEL = /[бвгджзклмнпрстфхцчшщ][ое]к$/u;

/**
 * Snowball reads a noun in "-ал" as a past-tense verb in some cases only: "филиал", "филиала" → "филиа" (the verb
 * ending "-л"/"-ла" after "а") but "филиалом", "филиале" → "филиал". One stem for all: the shorter one, as the verb
 * already has ("сказал", "сказала" → "сказа"). A vowel that drops out of a word's other forms is dropped from all.
 */
function oneStemPerFamily(stem: string): string {
  if (stem.length >= 5 && stem.endsWith('ал')) return stem.slice(0, -1);
  // A vowel that comes and goes: "зарядок" (of "зарядка" → "зарядк"), "участок" / "участка", "рынок" / "рынка".
  if (stem.length >= 5 && DROPPING_VOWEL.test(stem)) return `${stem.slice(0, -2)}к`;
  return stem;
}

function stemUncached(word: string, kazakhContext: boolean): string {
  if (/^\p{N}+$/u.test(word)) return word;
  const numbered = NUMBER_WITH_ENDING.exec(word)?.[1];
  if (numbered !== undefined) return numbered;
  const abbreviation = HYPHENATED_KAZAKH_ENDING.exec(word)?.[1];
  if (abbreviation !== undefined) return stem(abbreviation);
  const kept = protectedStem(word);
  if (kept) return kept;
  if (isKazakhWord(word)) return stemKazakhOrLoan(word);
  // In Kazakh text a word without Kazakh letters is often a shared word with Kazakh endings
  // ("спартакиадада"): peel them, then let Snowball meet the Russian forms ("спартакиаде").
  if (CYRILLIC.test(word)) {
    const stemmed = oneStemPerFamily(stemRussian(kazakhContext ? stemKazakh(word) : word));
    // A two-letter abbreviation is all ending to Snowball ("ИИ" → "и", the conjunction): it stays whole.
    return stemmed.length < 2 ? word : stemmed;
  }
  if (LATIN.test(word)) return english.stem(word);
  return word;
}

// Function words carry no topic; removing them keeps BM25 and sentence overlap about content.
const STOPWORDS = new Set(
  (
    'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который которые которых которая которой котором которое которую которого которому которым которыми году год г т.е ' +
    'сколько какие каких каким каков какова каково какой какая какое каком какую насколько мне уже сейчас сегодня ныне нынешний ли ' +
    'какому какими каковы какого скольких скольким сколькими ' +
    // The other forms of "такой": "Что такое «Е-сараптама»?" is about the system alone.
    'такое такая такие таких таким такую такого такому такими ' +
    // The other forms of "быть" ("будет", "было", "были" are above): "Когда будут выборы?" is about elections.
    'будут будем будете будешь буду ' +
    'почему отчего откуда чей чья чье чьё чьи ко изо обо подо передо ' +
    // The other forms of "кто": "У кого самые низкие зарплаты?" is about salaries.
    'кого кому кем ' +
    // A request's own words ("Вы можете рассказать про газификацию?") say nothing about the topic.
    'можете можешь расскажи расскажите рассказать рассказывать подскажи подскажите скажи скажите сказать хочу хотел хотела хотелось узнать интересует интересно ' +
    // Chat fillers and hedges ("Сколько вообще народу…", "примерно сколько…"): no topic, and not the thing counted.
    'вообще вообщем вообщето короче типа кстати примерно приблизительно ориентировочно ' +
    // The other forms of "мочь": "Сколько детей сможет заниматься…?" counts children, not "сможет".
    'сможет смогут сможем смогу могут может могу мог могла могли ' +
    'және мен бен пен да де та те бұл осы ол сол үшін туралы бойынша қанша қандай қашан кім не неше нешінші қай ме ма ба бе па пе ше ал бар жоқ ' +
    'қайда неге неліктен қалай ' +
    // Their case forms ("қаншаға көбейеді", "кімге береді") ask just the same.
    'қаншаға қаншадан қаншасы қаншалық қаншама нешеге нешеден нешесі қашаннан қашанға қайдан қайдағы қайсы қайсысы кімге кімнің кімді кіммен кімдер ' +
    // Kazakh counterparts of the Russian function words above: "бір" один, "көп" много, "қазір" сейчас, "бүгін"
    // сегодня, "тағы"/"әлі" ещё, "ғана"/"тек" только, "ең" самый (in "ең көп дегенде", at most), "немесе" или.
    'бір көп қазір бүгін енді тағы әлі ғана тек барлық бәрі өте дейін кейін арқылы сияқты ең дегенде немесе егер яғни әрі ' +
    // Particles and verbs of saying ("…екенін айтты", "…деп айтты": that … said): they frame a statement, as "сказать" does.
    'екен екенін екені еді деп деді дейді айтты айтқан айтады айтып айту бірақ'
  )
    .split(/\s+/)
    .filter(Boolean),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Share of words with Kazakh-only letters above which a text is read as Kazakh. */
const KAZAKH_TEXT_SHARE = 0.15;

/** A text's words (tokenize) and content terms (analyze), computed together: ingest needs both once per chunk. */
export interface TextAnalysis {
  tokens: string[];
  terms: string[];
}

export function analyzeText(text: string): TextAnalysis {
  const tokens = tokenize(text);
  return { tokens, terms: termsOf(tokens) };
}

/** Content terms of a text: tokenized, stop words dropped, stemmed. */
export function analyze(text: string): string[] {
  return termsOf(tokenize(text));
}

/** Whether analyze() reads a text's words in Kazakh context (shared words take Kazakh endings). */
export function kazakhContextOf(text: string): boolean {
  return isKazakhContext(tokenize(text));
}

function isKazakhContext(tokens: readonly string[]): boolean {
  let kazakhWords = 0;
  for (const token of tokens) if (KAZAKH_LETTERS.test(token)) kazakhWords += 1;
  return tokens.length > 0 && kazakhWords / tokens.length >= KAZAKH_TEXT_SHARE;
}

/**
 * Content terms of a piece of a text, read in the whole text's language: a word of a Kazakh question taken on its
 * own ("Жолдауында") carries Kazakh endings though it has no Kazakh-only letter.
 */
export function analyzeAs(text: string, kazakhContext: boolean): string[] {
  return termsOf(tokenize(text), kazakhContext);
}

/** A number and an adjective made of a measure: "100-часовую", "300-местная", "5-этажный" (not "30-летие"). */
const MEASURE_COMPOUND = /^(\p{N}+)-(\p{L}{2,}(?:ов|ев|н|ск)(?:ый|ий|ой|ая|яя|ое|ее|ую|юю|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ых|их|ыми|ими))$/u;
const MEASURE_ADJECTIVE_SUFFIX = /^(\p{L}{3,}?)(?:ов|ев|н)$/u;

function termsOf(tokens: readonly string[], kazakhContext = isKazakhContext(tokens)): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    if (isStopword(token)) continue;
    // Its two words: "300-местная школа" counts places as "школа на 300 мест" does.
    const measure = MEASURE_COMPOUND.exec(token);
    if (measure) {
      const adjective = stem(measure[2] as string, kazakhContext);
      // The measure's noun as well: "часов-ую" is of "час", "мест-н-ая" of "мест", "этаж-н-ый" of "этаж".
      const noun = MEASURE_ADJECTIVE_SUFFIX.exec(adjective)?.[1];
      terms.push(measure[1] as string, adjective, ...(noun !== undefined ? [noun] : []));
      continue;
    }
    const term = stem(token, kazakhContext);
    if (term.length > 0) terms.push(term);
  }
  return terms;
}
