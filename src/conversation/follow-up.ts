/**
 * Heuristic follow-up rewriting without a language model. A short question that leans on the previous
 * one ("а в Шымкенте?", "а сколько там врачей?", "а когда?") is rewritten into a standalone question;
 * anything that already stands alone is returned unchanged.
 */
import { analyze } from '../text/analyzer.js';
import type { Exchange, FollowUpCondenser } from './exchange.js';

/** "в Алматинской области", "по Шымкенту", "в г. Алматы": a preposition and capitalised place words. */
const PLACE =
  /(?<![\p{L}\p{N}])(?:в|во|на|по|из|для|у)\s+(?:г\.\s*|город[аеу]?\s+)?[А-ЯЁӘҒҚҢӨҰҮҺІ][\p{L}-]*(?:\s+(?:[А-ЯЁӘҒҚҢӨҰҮҺІ][\p{L}-]*|област\p{L}*|район\p{L}*|регион\p{L}*|округ\p{L}*))*/u;

/** Words that point back at the previous question's place. */
const PLACE_ANAPHORA = /(?<![\p{L}])(там|туда|оттуда|здесь)(?![\p{L}])/iu;
/** Pronouns and references that point back at the previous question's topic. */
const TOPIC_ANAPHORA =
  /(?<![\p{L}])(он|она|оно|они|его|её|ее|их|ему|ей|им|нему|ней|них|этом|этого|этой|это|эти|этих|тогда|тот|та|те|того|той|тех)(?![\p{L}])/iu;
/** A leading "а", "и", "ну а", "а ещё" marks a continuation. */
const CONTINUATION = /^(?:ну\s+)?(?:а|и|ещё|еще)(?:\s+(?:ещё|еще|вот|если))?\s+/iu;

const INTERROGATIVES = [
  'кто', 'что', 'где', 'когда', 'куда', 'откуда', 'почему', 'зачем', 'как', 'сколько', 'какой', 'какая',
  'какое', 'какие', 'каких', 'каким', 'какова', 'каков', 'чем', 'чего', 'кого', 'кому', 'именно',
];
const INTERROGATIVE = new RegExp(`^(?:${INTERROGATIVES.join('|')})(?![\\p{L}])`, 'iu');
const INTERROGATIVE_TERMS = new Set(INTERROGATIVES.flatMap((w) => analyze(w)));

/** A continuation ("а …") with more content words than this is a new question of its own. */
const MAX_CONTINUATION_TERMS = 3;
/** Likewise for a question with a pronoun: "что это за программа «Комфортная школа»?" stands alone. */
const MAX_ANAPHORA_TERMS = 2;

export function findPlace(question: string): string | null {
  return PLACE.exec(question)?.[0] ?? null;
}

function stripContinuation(question: string): string {
  return question.trim().replace(CONTINUATION, '');
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
  return analyze(place ? question.replace(place, ' ') : question).filter((t) => !INTERROGATIVE_TERMS.has(t));
}

/** Does this question lean on the previous one? Standalone questions must not be rewritten. */
export function isFollowUp(question: string): boolean {
  const trimmed = question.trim();
  const terms = topicTerms(trimmed).length;
  if (CONTINUATION.test(trimmed)) return terms <= MAX_CONTINUATION_TERMS;
  if (PLACE_ANAPHORA.test(trimmed) || TOPIC_ANAPHORA.test(trimmed)) return terms <= MAX_ANAPHORA_TERMS;
  // "Когда?" or "Где именно?" alone cannot be answered without the previous question.
  return terms === 0;
}

/** Replaces the place of `previous` with `place`, or adds it when `previous` names none. */
export function replacePlace(previous: string, place: string): string {
  const old = findPlace(previous);
  const body = stripQuestionMark(previous);
  return asQuestion(old ? body.replace(old, place) : `${body} ${place}`);
}

/** Swaps the leading interrogative of `previous` ("Сколько …") for a new one ("когда"). */
export function replaceInterrogative(previous: string, interrogative: string): string {
  const body = stripQuestionMark(previous).replace(INTERROGATIVE, '').trim();
  return asQuestion(`${interrogative} ${body}`);
}

export function condenseFollowUp(question: string, previous: Exchange | undefined): string {
  if (!previous || !isFollowUp(question)) return question;
  const core = stripQuestionMark(stripContinuation(question));
  if (core.length === 0) return previous.question;
  const place = findPlace(core);
  const ownTerms = topicTerms(core);

  // "а в Шымкенте?" — same question, another place.
  if (place && ownTerms.length === 0) return replacePlace(previous.question, place);

  // "а когда?", "а почему?" — same topic, another question word.
  const interrogative = INTERROGATIVE.exec(core)?.[0];
  if (interrogative && ownTerms.length === 0) return replaceInterrogative(previous.question, interrogative.toLowerCase());

  // "а в Шымкенте сколько школ?" — complete once the leading "а" is gone.
  if (place) return asQuestion(core);

  // "а сколько там врачей?" — own topic, the previous place.
  const previousPlace = findPlace(previous.question);
  if (previousPlace && !TOPIC_ANAPHORA.test(core)) {
    const withoutThere = core.replace(PLACE_ANAPHORA, ' ');
    return asQuestion(`${withoutThere} ${previousPlace}`);
  }

  // "а кто его назначил?" — bring in the previous topic words so retrieval sees them.
  const previousTopic = stripQuestionMark(previous.question).replace(INTERROGATIVE, '').trim();
  return asQuestion(`${core} (${previousTopic})`);
}

export class HeuristicCondenser implements FollowUpCondenser {
  async condense(question: string, previous: Exchange | undefined): Promise<string> {
    return condenseFollowUp(question, previous);
  }
}
