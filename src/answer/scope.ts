import { detectRegions, namesAnyRegion } from '../corpus/regions.js';
import { wordPattern } from './word-pattern.js';
import { analyze, isKazakhWord } from '../text/analyzer.js';
import { withoutCarriedTopic } from './carried-topic.js';

/**
 * Whose figure a sentence states. "Сколько проектов реализовали в Карагандинской области?" is not answered by
 * "в Казахстане реализовано 11 проектов": a figure for the whole country, or for another region only, is
 * another place's.
 */

/** The whole country as a sentence names it. */
const NATIONAL = wordPattern(
  'в казахстане|по казахстану|в стране|по стране|в республике|по республике|в рк|по рк|в целом по стране|қазақстанда|елімізде|республика бойынша',
);

const COUNTRY_NAMED = wordPattern('казахстан\\p{L}*|қазақстан\\p{L}*');
const OWN_REGION = wordPattern('регион\\p{L}*|област\\p{L}*|облыс\\p{L}*|район\\p{L}*|город\\p{L}*|сел[оаеу]|өңір\\p{L}*');

/** The question names a region, and the sentence states its figure for the country or another region instead. */
export function speaksOfAnotherPlace(question: string, sentence: string): boolean {
  const asked = detectRegions(question);
  if (asked.length === 0 || namesAnyRegion(sentence, asked)) return false;
  const unranked = sentence.replace(RANKED_IN_COUNTRY, ' ');
  // "Общая мощность новых объектов … укрепит позиции Казахстана": a figure beside the country's name, with no word of
  // the article's own region ("в регионе", "области"), is the country's.
  return NATIONAL.test(unranked) || (COUNTRY_NAMED.test(unranked) && !OWN_REGION.test(unranked)) || detectRegions(sentence).length > 0;
}

/** "самый высокий в стране уровень", "крупнейший в Казахстане": the country is where the place ranks, not the figure's place. */
const RANKED_IN_COUNTRY = new RegExp(
  `(?<![\\p{L}])(?:сам\\p{L}*|наибол\\p{L}*|наимен\\p{L}*|лучш\\p{L}*|худш\\p{L}*|крупнейш\\p{L}*|высш\\p{L}*|перв\\p{L}*)(?:\\s+[\\p{L}-]+){0,2}?\\s+(?:в|по)\\s+(?:стране|казахстане|республике)(?![\\p{L}])`,
  'giu',
);

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;
/** Two years that bound a period: "2020–2025 годы", "с 2020 по 2025 год". */
const YEAR_RANGE = /(?<!\d)((?:19|20)\d{2})\s*(?:[-–—]|гг?\.?\s*[-–—]|по|до)\s*((?:19|20)\d{2})(?!\d)/gu;

/** The years a text states, a period's years included. */
function yearsOf(text: string): Set<number> {
  const years = new Set([...text.matchAll(YEAR)].map((m) => Number(m[0])));
  for (const m of text.matchAll(YEAR_RANGE)) for (let y = Number(m[1]); y <= Number(m[2]) && y - Number(m[1]) < 50; y++) years.add(y);
  return years;
}

/** The question asks of a year and the sentence states its figure for other years only ("до 2027 года" for "в 2024 году"). */
export function speaksOfAnotherTime(question: string, sentence: string): boolean {
  const asked = yearsOf(question);
  if (asked.size === 0) return speaksOfAnotherRelativeYear(question, sentence);
  const stated = yearsOf(sentence);
  return stated.size > 0 && ![...asked].some((y) => stated.has(y));
}

/** Years named from now: last year (-1), this year (0), next year (+1), in Russian and Kazakh. */
const RELATIVE_YEARS: ReadonlyArray<readonly [RegExp, number]> = [
  [wordPattern('в прошлом году|прошлого года|за прошлый год|в прошедшем году|год назад|годом ранее|былтыр\\p{L}*|өткен жыл\\p{L}*'), -1],
  [wordPattern('в этом году|этого года|в текущем году|текущего года|в нынешнем году|нынешнего года|за этот год|биыл\\p{L}*|осы жыл\\p{L}*|ағымдағы жыл\\p{L}*'), 0],
  [wordPattern('в следующем году|следующего года|в будущем году|в наступающем году|на следующий год|келесі жыл\\p{L}*'), 1],
];
const relativeYearsOf = (text: string) => new Set(RELATIVE_YEARS.filter(([p]) => p.test(text)).map(([, offset]) => offset));

/**
 * "Сколько раскрыли в прошлом году?" is not answered by "только в этом году раскрыто более 1000": both years are
 * named from the same day (the article's), so different names are different years. A sentence with a calendar year
 * is left alone: which year "прошлый" is depends on the article's date.
 */
function speaksOfAnotherRelativeYear(question: string, sentence: string): boolean {
  // A follow-up's carried topic in brackets is the last question's time, not this one's.
  const asked = relativeYearsOf(withoutCarriedTopic(question));
  if (asked.size === 0 || yearsOf(sentence).size > 0) return false;
  const stated = relativeYearsOf(sentence);
  return stated.size > 0 && ![...asked].some((y) => stated.has(y));
}

/** Where an event was held: "в каком городе проходила Спартакиада", "где состоится форум", "қай қалада өтті". */
const VENUE_ASKED = wordPattern(
  '(?:где|в каком (?:городе|месте|регионе|районе|селе)|қай (?:қалада|жерде|өңірде))\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:проход\\p{L}*|прош(?:[её]л|ла|ло|ли)|пройд\\p{L}*|состо(?:ял|ит|ятся|ится)\\p{L}*|провод\\p{L}*|провел\\p{L}*|провели|организ\\p{L}*|өт(?:ті|еді|кен)\\p{L}*|өткізі\\p{L}*)',
);
/** A place in the locative: "в Уйгурском районе", "в городе Конаев", "на площади", "Алматыда". */
const LOCATIVE = /(?<![\p{L}])(?:в|во|на)\s+(?:городе\s+|г\.\s*|селе\s+|поселке\s+|посёлке\s+)?\p{Lu}|(?<![\p{L}])(?:в|во|на)\s+(?:городе|селе|поселке|районе|области|регионе|столице|ущелье|парке|площади|стадионе|зале|центре|территории)(?![\p{L}])/u;
/** A Kazakh locative of a place ("Алматыда", "Түркістанда"); "Команда", "Когда" end the same way. */
const KAZAKH_LOCATIVE = /(?<![\p{L}])\p{Lu}\p{L}+(?:да|де|та|те|нда|нде)(?![\p{L}])/gu;
const placedInKazakh = (sentence: string) => [...sentence.matchAll(KAZAKH_LOCATIVE)].some((m) => detectRegions(m[0]).length > 0 || isKazakhWord(m[0]));

/**
 * The question asks where an event was held and the sentence names no place it happens in: no locative, nor a region
 * beside the event itself ("круглый стол … Департаментом юстиции Атырауской области"). "Команда города Алматы заняла
 * 1 место" names a city but not the event.
 */
export function statesNoVenue(question: string, sentence: string): boolean {
  if (!VENUE_ASKED.test(question) || LOCATIVE.test(sentence) || placedInKazakh(sentence)) return false;
  if (detectRegions(sentence).length === 0) return true;
  const asked = new Set(analyze(question.replace(VENUE_ASKED, ' ')));
  return !analyze(sentence).some((t) => asked.has(t) && detectRegions(t).length === 0);
}
