import { monthNumber } from '../text/dates.js';
import { KAZAKH_MONTHS, MONTH_STEMS, NUMBER_WORDS } from './question-type.js';
import { namesFirm } from './firms.js';
import { wordPattern } from './word-pattern.js';

/**
 * The kinds of fact a question may want, and whether a sentence holds one: a sum ("1,8 млрд тенге"), a share
 * ("80,6%"), a count, a span of time, a calendar day, a date, a firm, a person, a person's role, a thing's name, a place, a reason, a way of
 * doing something. Sentence-side patterns only; what a question wants is read in wanted.ts.
 */
export type WantedKind =
  | 'money' | 'percent' | 'duration' | 'frequency' | 'count' | 'time' | 'day' | 'month' | 'date' | 'organization' | 'person' | 'role' | 'name' | 'place' | 'reason' | 'manner' | 'comparison' | 'any';

/** Kinds that ask when (a follow-up's cut then treats years as figures: clipping.ts `focusOnNew`). */
export const DATED_KINDS: ReadonlySet<WantedKind> = new Set<WantedKind>(['date', 'day', 'month', 'time']);

const re = wordPattern;

/** A comparison stated: "самые низкие зарплаты – в…", "больше всего", "лидирует". */
const COMPARISON = re('сам(?:ые|ый|ая|ое|ых|ым)|наибол\\p{L}*|наимен\\p{L}*|больше всего|меньше всего|выше всего|ниже всего|лидир\\p{L}*|лидер\\p{L}*|на первом месте|ең');

/** How often: "дважды в неделю", "ежемесячно", "каждый вторник", "раз в год", "по субботам", "апта сайын". */
const FREQUENCY = re(
  'ежедневн\\p{L}*|еженедельн\\p{L}*|ежемесячн\\p{L}*|ежеквартальн\\p{L}*|ежегодн\\p{L}*|каждый|каждую|каждое|каждые|раз в|раза в|дважды|трижды|' +
    'по (?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям|выходным|будням)|регулярно|сайын|күн сайын|апта сайын|ай сайын|жыл сайын',
);

export const NUM = '\\d+(?:[\\s\\u00a0.,]\\d+)*';
// Written short or in full: "1,8 млрд тенге", "50-70 тысяч тенге", "2 миллиона".
const SCALE = '(?:\\s*(?:трлн|трилл\\p{L}*|млрд|миллиард\\p{L}*|млн|миллион\\p{L}*|тыс\\p{L}*)\\.?)?';
const CURRENCY = 'тенге|тг\\b|₸|долл\\p{L}*|\\$|руб\\p{L}*|евро|€|USD|KZT|МРП|АЕК';
const PERCENT_UNIT = '%|процент\\p{L}*|пайыз\\p{L}*';
const MONEY = new RegExp(`${NUM}${SCALE}\\s*(?:${CURRENCY})|(?:\\$|€)\\s*${NUM}`, 'iu');
const PERCENT = new RegExp(`${NUM}\\s*(?:${PERCENT_UNIT})`, 'iu');
/** What makes a number a sum or a share rather than a count: its unit right after it. */
const VALUE_UNIT = new RegExp(`^(?:[-–]\\s*${NUM})?${SCALE}\\s*(?:${CURRENCY}|${PERCENT_UNIT})`, 'iu');
/** A span of time after a number ("в ближайшие три года", "за 5 лет"): a duration, no count of things. */
// Whole words: "час" is not "частных", Kazakh "ай" (month) not "айыппұл".
const TIME_UNIT = '(?:год|года|лет|месяц\\p{L}*|недел\\p{L}*|дн(?:я|ей|ям|ями|ях)|день|сут\\p{L}*|час(?:а|ов|ам|ами|ах)?|минут\\p{L}*|жыл\\p{L}*|ай(?:ға|да|дан|ы|ын|лық)?|күн\\p{L}*)(?![\\p{L}])';
const DURATION_AFTER = new RegExp(`^(?:\\s*[-–]\\s*\\d+)?\\s+${TIME_UNIT}`, 'iu');
const DURATION_IN_WORDS = new RegExp(`(?<![\\p{L}])(?:${NUMBER_WORDS})\\s+${TIME_UNIT}`, 'giu');
// A year ("до конца 2019 года") is a date, not a span.
const DURATION = new RegExp(`(?<![\\d.,])(?!(?:19|20)\\d{2}(?!\\d))\\d+(?:\\s*[-–]\\s*\\d+)?\\s+${TIME_UNIT}|\\d+-(?:час|дневн|суточн|недельн|месячн|летн)\\p{L}*|полгода|полтора года|полчаса|несколько (?:лет|месяцев|дней|недель)`, 'iu');
/** A number with its scale word ("50-70 тысяч"): the scale word is no count written out. */
const SCALED_NUMBER = new RegExp(`\\d[\\d\\s\\u00a0.,–-]*${SCALE}`, 'giu');
/** A calendar day: "15 апреля", "15.04.2026". */
const DAY = new RegExp(`\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?\\s+(?:${MONTH_STEMS}|ма[яй]|${KAZAKH_MONTHS})\\p{L}*|\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}`, 'iu');
/** A month named ("в мае", "в сентябре 2026 года", "қыркүйекте"): "в следующем году" does not say which month. */
const namesMonth = (sentence: string) => (sentence.toLowerCase().match(/\p{L}+/gu) ?? []).some((w) => monthNumber(w) !== undefined);
/** A time of day: "в 10:00", "в 9.30", "с 8 до 20 часов", "в полдень". */
const CLOCK = /(?<![\d.,])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.,])|(?<![\d])\d{1,2}\s+час(?:ов|а)?(?:\s+(?:утра|дня|вечера|ночи))?(?![\p{L}])|(?<![\p{L}])(?:в\s+)?(?:полдень|полночь)(?![\p{L}])|сағат\s+\d{1,2}/iu;
// A count: a number that is not just a year ("в 2025 году"), or one written out ("шесть школ").
export const YEAR_ONLY = /^(?:19|20)\d{2}$/;
const NUMBER_IN_WORDS = new RegExp(`(?<![\\p{L}])(?:${NUMBER_WORDS})(?![\\p{L}])`, 'iu');
// Causal words, and verbs that state a cause ("отсутствие критериев усложняет привлечение кадров").
const CAUSE_WORDS =
  'из-за|в связи с|благодаря|поскольку|так как|потому что|вследствие|по причине|причин\\p{L}*|обусловлен\\p{L}*|вызван\\p{L}*|связан\\p{L}* с|себебі|байланысты|' +
  'поэтому|в силу|ввиду|усложня\\p{L}*|затрудня\\p{L}*|мешает|мешают|препятству\\p{L}*|привод\\p{L}* к|привел\\p{L}* к|приведет к|сказывается на|объясня\\p{L}*|' +
  // A limit or a shortage reached is why something is done: "Шымбулак уже достиг предела своей мощности", "из-за нехватки".
  'достиг\\p{L}* предел\\p{L}*|не хватает|нехватк\\p{L}*|дефицит\\p{L}*|перегружен\\p{L}*|изношен\\p{L}*';
// A purpose answers "зачем": "необходима для исключения приписок", "направлена на снижение" (not the noun: "направления на сумму").
const PURPOSE_WORDS = 'в целях|с целью|чтобы|для того|үшін|(?:необходим|нужн|важн|требу|служ|использу)\\p{L}*\\s+для|направлен(?:а|о|ы|н\\p{L}*)? на';
const REASON = re(`${CAUSE_WORDS}|${PURPOSE_WORDS}`);
const CAUSE = re(CAUSE_WORDS);
/** A benefit also answers why a thing is done ("метод, который минимизирует риски"), though less directly than a cause. */
const BENEFIT = re(
    'в результате|позвол\\p{L}*|минимизир\\p{L}*|сниж\\p{L}*|сниз\\p{L}*|повыс\\p{L}*|повыша\\p{L}*|улучш\\p{L}*|сократ\\p{L}*|сокраща\\p{L}*|ускор\\p{L}*|упрост\\p{L}*|упроща\\p{L}*|помож\\p{L}*|помога\\p{L}*|избав\\p{L}*',
);

/** A way of doing something: a reflexive gerund ("обратившись"), "через", "можно", "с помощью", "на портале". */
const MANNER = re(
  '\\p{L}{3,}вшись|через|можно|необходимо|нужно|следует|надо|пут[её]м|с помощью|по телефону|на сайте|на портале|подать заявк\\p{L}*|обратиться|арқылы|болады|' +
    // Contact details answer "как связаться": "номер телефона 8/7232/205120", "адрес электронной почты …@…".
    'номер\\p{L}* телефон\\p{L}*|телефон\\p{L}*:?\\s*[+\\d(]|e-mail|электронн\\p{L}* почт\\p{L}*|[\\w.-]+@[\\w-]+\\.[\\w.]+',
);

/**
 * A name given to a thing: in quotes («Жусан», "TilOquBot") or in Latin letters (Qoldau). Capitalised words alone
 * are not enough: every sentence about an official has some.
 */
const NAME_GIVEN = /[«"“„][^»"”“]{2,80}[»"”“]|(?<![\p{L}])[A-Za-z][A-Za-z0-9]*[a-z][A-Z0-9][A-Za-z0-9]*/u;

/** The sentence states a cause or a purpose, not only a benefit. */
export const statesCause = (sentence: string): boolean => REASON.test(sentence);

/**
 * "Почему птицефабрика перестала работать?", "почему закрыли…", "почему отменили…": the cause of a stop or a failure,
 * which neither a benefit of what comes next ("позволит увеличить…") nor a purpose gives. A plain negation ("почему не
 * сбрасывают воду?") is not one: a purpose answers it ("копят, чтобы обеспечить аграриев водой").
 */
const ASKS_CAUSE_OF_FAILURE = re(
  '(?:почему|по какой причине|из-за чего|неге|неліктен)\\s+(?:[\\p{L}«»"-]+\\s+){0,6}?' +
    '(?:перест\\p{L}*|прекрат\\p{L}*|прекращ\\p{L}*|закры\\p{L}*|останов\\p{L}*|отмен\\p{L}*|сорва\\p{L}*|задерж\\p{L}*|' +
    'отлож\\p{L}*|уволи\\p{L}*|снесл\\p{L}*|снес[её]т\\p{L}*|подорожа\\p{L}*|упал\\p{L}*|сломал\\p{L}*|запрет\\p{L}*|обанкрот\\p{L}*)',
);
export const asksCauseOfFailure = (question: string): boolean => ASKS_CAUSE_OF_FAILURE.test(question);
/** The sentence states a cause, not a purpose ("в целях снижения импорта" is why new plants are built, not why one closed). */
export const statesCauseOnly = (sentence: string): boolean => CAUSE.test(sentence);

/** Does the sentence hold a fact of the wanted kind? Date, person and place use the type patterns of question-type.ts. */
export function holdsKind(kind: WantedKind, sentence: string, typeFits: (type: 'когда' | 'кто' | 'где') => boolean): boolean {
  switch (kind) {
    case 'money':
      return MONEY.test(sentence);
    case 'percent':
      return PERCENT.test(sentence);
    case 'count':
      // A sum or a share is a number, but no count of things: "до 50-70 тысяч тенге" counts no kindergartens.
      return (
        [...sentence.matchAll(new RegExp(NUM, 'gu'))].some(
          (m) => {
            const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 24);
            return !YEAR_ONLY.test(m[0].replace(/\s/g, '')) && !VALUE_UNIT.test(after) && !DURATION_AFTER.test(after);
          },
        ) || NUMBER_IN_WORDS.test(sentence.replace(SCALED_NUMBER, '').replace(DURATION_IN_WORDS, ''))
      );
    case 'duration':
      return DURATION.test(sentence) || DURATION_IN_WORDS.test(sentence);
    case 'frequency':
      return FREQUENCY.test(sentence);
    case 'day':
      return DAY.test(sentence);
    case 'month':
      return DAY.test(sentence) || namesMonth(sentence);
    case 'time':
      return CLOCK.test(sentence);
    case 'date':
      return typeFits('когда');
    case 'organization':
      return namesFirm(sentence);
    case 'person':
      return typeFits('кто');
    case 'name':
      return NAME_GIVEN.test(sentence);
    case 'role':
      // Which role, and whose, is checked against the question (role-holders.ts statesRoleOf).
      return true;
    case 'place':
      return typeFits('где');
    case 'reason':
      return REASON.test(sentence) || BENEFIT.test(sentence);
    case 'manner':
      return MANNER.test(sentence);
    case 'comparison':
      return COMPARISON.test(sentence);
    case 'any':
      return true;
  }
}

