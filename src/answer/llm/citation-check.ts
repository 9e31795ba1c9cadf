/**
 * Checks a generated answer against the passages it was given, before anyone sees it:
 * every sentence must cite a given passage, and every number it states must appear in a passage it cites.
 * Pure functions; passages are numbered 1..k in the order given.
 */
import { splitSentences } from '../../text/sentences.js';
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

const LIST_ITEM = /^\s*(?:[-•*–—]|\d{1,2}[.)])\s+/;

interface KeptSentence {
  line: number;
  text: string;
}

function checkSentence(sentence: string, passageTexts: string[]): { kept: string } | { reason: string } {
  const valid = (n: number) => n >= 1 && n <= passageTexts.length;
  const cited = [...new Set(markerNumbers(sentence).filter(valid))];
  if (cited.length === 0) return { reason: 'no valid citation' };
  const unsupported = unsupportedNumbers(
    sentence,
    cited.map((n) => itemAt(passageTexts, n - 1)),
  );
  if (unsupported.length > 0) return { reason: `number not in cited passages: ${unsupported.join(', ')}` };
  return { kept: rewriteMarkers(sentence, (numbers) => numbers.filter(valid)) };
}

/** Checks `raw` against `passageTexts` (passage n is passageTexts[n - 1]) and renumbers what survives. */
export function checkAnswer(raw: string, passageTexts: string[]): CheckedAnswer {
  const kept: KeptSentence[] = [];
  const dropped: DroppedSentence[] = [];
  const prefixes: string[] = [];
  raw.split('\n').forEach((line, lineIndex) => {
    // A list item's "- " or "2. " is layout, not a sentence or a number to check.
    const prefix = LIST_ITEM.exec(line)?.[0] ?? '';
    prefixes[lineIndex] = prefix;
    for (const sentence of splitSentences(line.slice(prefix.length), { markers: true })) {
      const result = checkSentence(sentence, passageTexts);
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
