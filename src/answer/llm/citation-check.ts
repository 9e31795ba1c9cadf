/**
 * Checks a generated answer against the passages it was given, before anyone sees it:
 * every sentence must cite a given passage, and every number, link, e-mail address, phone number and
 * instruction to the reader it states must appear in a passage it cites; a configured secret never passes.
 * Pure functions; passages are numbered 1..k in the order given.
 */
import { splitSentences } from '../../text/sentences.js';
import { LinkifyIt } from 'linkify-it';
import { itemAt } from '../../shared/arrays.js';

export interface DroppedSentence {
  sentence: string;
  reason: string;
}

export interface CheckedAnswer {
  /** Kept sentences with markers renumbered 1..m in order of first appearance. */
  text: string;
  /** Original passage numbers (1-based) of the new markers: cited[i] is the passage behind [i + 1]. */
  cited: number[];
  dropped: DroppedSentence[];
  /** True when nothing checked survives and the model said the passages do not answer the question. */
  refused: boolean;
}

/** What the answer prompt tells the model to reply when the passages hold no answer. */
export const NO_ANSWER_TOKEN = 'НЕТ_ОТВЕТА';

// Models sometimes ignore the token and say it in words; only trusted when the text cites nothing.
const NO_ANSWER_PHRASES =
  /(не\s+(содерж|наш[её]л|найден|указ|сообща|приводит)|нет\s+(ответа|информации|данных|сведений)|информаци[яи]\s+(нет|отсутству))/i;

// "[1]", "[1, 3]", "[2; 4]"
const MARKER_GROUP = /\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]/g;

/** Rewrites every marker group through `map` (numbers in, numbers out; an empty result removes the group). */
export function rewriteMarkers(text: string, map: (numbers: number[]) => number[]): string {
  const rewritten = text.replace(MARKER_GROUP, (group) => {
    const numbers = (group.match(/\d+/g) ?? []).map(Number);
    return [...new Set(map(numbers))].map((n) => `[${n}]`).join('');
  });
  return tidy(rewritten);
}

export function markerNumbers(text: string): number[] {
  return (text.match(MARKER_GROUP) ?? []).flatMap((group) => (group.match(/\d+/g) ?? []).map(Number));
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([.,;:!?…])/g, '$1')
    .trim();
}

// A date "05.03.2024", a number with digit groups "1 065 000,5", or a plain number "9,95" / "2024".
const NUMBER = /(\d{1,2})\.(\d{1,2})\.(\d{4})|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?/g;

function canonical(number: string): string {
  return String(Number(number.replace(',', '.')));
}

/**
 * The numbers a text states, each as the ways it may be read: "1 065" is 1065, or 1 and 065 side by side
 * ("за 5 лет 100 школ"). A date counts as its day, month and year.
 */
export function numberReadings(text: string): string[][] {
  const readings: string[][] = [];
  for (const m of text.matchAll(NUMBER)) {
    if (m[1] !== undefined) {
      readings.push([canonical(m[1])], [canonical(itemAt(m, 2))], [canonical(itemAt(m, 3))]);
      continue;
    }
    const parts = m[0].split(/[ \u00a0\u202f\u2009]/);
    readings.push(parts.length > 1 ? [canonical(parts.join('')), ...parts.map(canonical)] : [canonical(m[0])]);
  }
  return readings;
}

function numbersIn(text: string): Set<string> {
  return new Set(numberReadings(text).flat());
}

/** Numbers of the sentence (markers aside) that none of the given passage texts states. */
export function unsupportedNumbers(sentence: string, passageTexts: string[]): string[] {
  const known = new Set(passageTexts.flatMap((t) => [...numbersIn(t)]));
  const stated = numberReadings(sentence.replace(MARKER_GROUP, ' '));
  return stated
    .filter(([joined = '', ...parts]) => !known.has(joined) && !(parts.length > 0 && parts.every((p) => known.has(p))))
    .map(([joined = '']) => joined);
}

export function saysNoAnswer(text: string): boolean {
  return text.includes(NO_ANSWER_TOKEN) || (markerNumbers(text).length === 0 && NO_ANSWER_PHRASES.test(text));
}

// Bare domains too ("evil.kz/login"): a model need not write the scheme for a reader to follow the link.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true });

/** Links and e-mail addresses in a text, lower-cased, without a scheme or a trailing slash ("egov.kz/x"). */
export function linksIn(text: string): string[] {
  return (linkify.match(text) ?? []).map((m) =>
    m.raw
      .toLowerCase()
      .replace(/^(?:https?:\/\/|mailto:)/, '')
      .replace(/^www\./, '')
      .replace(/\/+$/, ''),
  );
}

// "+7 (727) 123-45-67", "8 800 080 7777", "87172740000": 10-12 digits with phone-like separators.
const PHONE = /(?<!\d)\+?\d[\d\s()\u2011-]{8,18}\d(?!\d)/g;

/** Phone numbers as their last ten digits (so "+7 727…" and "8 727…" are one number). */
export function phonesIn(text: string): string[] {
  const phones: string[] = [];
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    // "1 065 000 тенге" is an amount with digit groups, not a phone.
    if (digits.length < 10 || digits.length > 12 || /^\d{1,3}(?:[ \u00a0]\d{3})+$/.test(m[0])) continue;
    phones.push(digits.slice(-10));
  }
  return phones;
}

/**
 * Instructions to the reader that phishing relies on: follow a link, enter or send a password or code,
 * transfer money, install something. Russian, Kazakh and English. A cited passage that says the same
 * words (an official "перейдите по ссылке" in the news) lets the sentence through.
 */
const INSTRUCTIONS: readonly RegExp[] = [
  /(?<!\p{L})(?:перейд|пройд|зайд)(?:ите|и)\s+(?:по|на)\s+(?:ссылк|адрес|сайт)\p{L}*/giu,
  /(?<!\p{L})(?:нажм|кликн)(?:ите|и)(?!\p{L})/giu,
  /(?<!\p{L})(?:введ|укаж|сообщ|отправ|пришл|назов|продиктуй|подтверд)\p{L}*\s+(?:[\p{L}-]+\s+){0,2}(?:парол|код|пин|смс|sms|cvv|cvc|логин|данн\p{L}*\s+карт|номер\p{L}*\s+карт)\p{L}*/giu,
  /(?<!\p{L})(?:переведите|перечислите|внесите)\s+(?:[\p{L}-]+\s+){0,2}(?:деньг|средств|оплат|предоплат|сумм)\p{L}*/giu,
  /(?<!\p{L})(?:скачайте|установите|загрузите)\s+(?:[\p{L}-]+\s+){0,2}(?:приложени|программ|файл)\p{L}*/giu,
  /(?<!\p{L})сілтеме\p{L}*\s+(?:бойынша\s+)?өт\p{L}*/giu,
  /(?<!\p{L})(?:құпия\s+сөз|пароль|код|смс)\p{L}*\s+(?:[\p{L}-]+\s+){0,2}(?:енгіз|жібер|айт)\p{L}*/giu,
  /\b(?:click|follow|open)\s+(?:the\s+|this\s+)?link\b/gi,
  /\b(?:enter|send|share|confirm)\s+(?:your\s+|the\s+)?(?:password|code|pin|sms)\b/gi,
];

const normalizeSpace = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** Instructions the sentence gives that none of the passages gives in the same words. */
export function unsupportedInstructions(sentence: string, passageTexts: string[]): string[] {
  const sources = passageTexts.map(normalizeSpace);
  return INSTRUCTIONS.flatMap((pattern) => [...sentence.matchAll(pattern)].map((m) => normalizeSpace(m[0]))).filter(
    (instruction) => !sources.some((s) => s.includes(instruction)),
  );
}

/** What a sentence says that must come from its cited passages, beyond the numbers: the first problem found. */
function contactProblem(sentence: string, cited: string[], secrets: readonly string[]): string | null {
  const text = sentence.replace(MARKER_GROUP, ' ');
  if (secrets.some((secret) => text.includes(secret) && !cited.some((c) => c.includes(secret)))) return 'a configured secret';
  const known = new Set(cited.flatMap(linksIn));
  const link = linksIn(text).find((l) => !known.has(l) && ![...known].some((k) => k.startsWith(`${l}/`)));
  if (link !== undefined) return `link or e-mail not in cited passages: ${link}`;
  const phones = new Set(cited.flatMap(phonesIn));
  const phone = phonesIn(text).find((p) => !phones.has(p));
  if (phone !== undefined) return `phone number not in cited passages: ${phone}`;
  const instruction = unsupportedInstructions(text, cited)[0];
  if (instruction !== undefined) return `instruction not in cited passages: ${instruction}`;
  return null;
}

const LIST_ITEM = /^\s*(?:[-•*–—]|\d{1,2}[.)])\s+/;

interface KeptSentence {
  line: number;
  text: string;
}

function checkSentence(sentence: string, passageTexts: string[], secrets: readonly string[]): { kept: string } | { reason: string } {
  const valid = (n: number) => n >= 1 && n <= passageTexts.length;
  const cited = [...new Set(markerNumbers(sentence).filter(valid))];
  if (cited.length === 0) return { reason: 'no valid citation' };
  const citedTexts = cited.map((n) => itemAt(passageTexts, n - 1));
  const unsupported = unsupportedNumbers(sentence, citedTexts);
  if (unsupported.length > 0) return { reason: `number not in cited passages: ${unsupported.join(', ')}` };
  const problem = contactProblem(sentence, citedTexts, secrets);
  if (problem !== null) return { reason: problem };
  return { kept: rewriteMarkers(sentence, (numbers) => numbers.filter(valid)) };
}

export interface CheckOptions {
  /** Strings no answer may contain (bot token, API keys); shorter than 8 characters are ignored. */
  secrets?: readonly string[];
}

/** Checks `raw` against `passageTexts` (passage n is passageTexts[n - 1]) and renumbers what survives. */
export function checkAnswer(raw: string, passageTexts: string[], options: CheckOptions = {}): CheckedAnswer {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const kept: KeptSentence[] = [];
  const dropped: DroppedSentence[] = [];
  const prefixes: string[] = [];
  raw.split('\n').forEach((line, lineIndex) => {
    // A list item's "- " or "2. " is layout, not a sentence or a number to check.
    const prefix = LIST_ITEM.exec(line)?.[0] ?? '';
    prefixes[lineIndex] = prefix;
    for (const sentence of splitSentences(line.slice(prefix.length), { markers: true })) {
      const result = checkSentence(sentence, passageTexts, secrets);
      if ('kept' in result) kept.push({ line: lineIndex, text: result.kept });
      else dropped.push({ sentence, reason: result.reason });
    }
  });

  const cited: number[] = [];
  const renumber = (n: number) => {
    if (!cited.includes(n)) cited.push(n);
    return cited.indexOf(n) + 1;
  };
  const lines = new Map<number, string[]>();
  for (const { line, text } of kept) {
    lines.set(line, [...(lines.get(line) ?? []), rewriteMarkers(text, (numbers) => numbers.map(renumber))]);
  }
  const text = [...lines.entries()]
    .map(([line, sentences]) => `${itemAt(prefixes, line).trimStart()}${sentences.join(' ')}`)
    .join('\n');
  return { text, cited, dropped, refused: cited.length === 0 && saysNoAnswer(raw) };
}
