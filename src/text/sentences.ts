import { codeUnitTest } from './code-units.js';

/**
 * Sentence splitter for Russian and Kazakh news text. Rule-based: a border is sentence punctuation
 * followed by a capital (or a digit, quote or dash after a space), unless the word before the dot
 * is an abbreviation or an initial, or the dot sits inside a «quotation». Newlines are always borders.
 * Scraped listings glue sentences together ("в секунду.В Актюбинской", "такова:В Акмолинской"),
 * so punctuation directly followed by a capital is a border too, and so is a "***" separator.
 */

// A dot after these never ends a sentence: they precede a name or follow a number ("г. Алматы", "2 тыс. тонн").
const ABBREVIATIONS = new Set([
  'т.г', 'т.е', 'т.к', 'т.н', 'т.ч', 'т.о', 'тыс', 'млн', 'млрд', 'трлн', 'руб', 'тг', 'им', 'ул', 'обл', 'р-н',
  'пр', 'пр-т', 'просп', 'пл', 'пос', 'мкр', 'корп', 'стр', 'ст', 'пп', 'кв', 'см', 'рис', 'табл', 'напр', 'проф',
  'акад', 'доц', 'зам', 'нач', 'тел', 'ауд', 'көш', 'гос', 'респ', 'гг', 'жж',
]);

// These close a list and, before a capital, usually the sentence too ("… и т.д. Далее").
const LIST_ENDINGS = new Set(['т.д', 'т.п', 'т.б', 'др']);

const TERMINATOR = /([.!?…]+|:)([»"”’)\]]*)(\s*)/gu;
// The same, with citation markers after the punctuation kept on the sentence they close ("… год. [2] Далее").
const MARKED_TERMINATOR = /([.!?…]+|:)([»"”’)\]]*(?:\s*\[[\d\s,;]+\])*)(\s*)/gu;
const LINE_BREAK = /\n|\*{3,}/g;
const HAS_CONTENT = /[\p{L}\p{N}]/u;

// Per-character tests of the splitter, answered from tables (code-units.ts).
const startsAfterSpace = codeUnitTest(/[\p{Lu}\p{N}«"„“(–—-]/u);
const isUpper = codeUnitTest(/\p{Lu}/u);
const isOpeningQuote = codeUnitTest(/[«"„“]/u);
const isLower = codeUnitTest(/\p{Ll}/u);
const isLatin = codeUnitTest(/[A-Za-z]/);
const isWordChar = codeUnitTest(/[\p{L}.-]/u);

// A quotation longer than this is not kept whole: a lost closing mark must not swallow a paragraph.
const MAX_PROTECTED_QUOTE = 500;

export interface SplitOptions {
  /** Text with [n] citation markers (a generated answer): a marker after the punctuation stays with its sentence. */
  markers?: boolean;
}

export function splitSentences(text: string, options: SplitOptions = {}): string[] {
  const spans = sentenceSpans(text, options);
  const sentences: string[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const sentence = text.slice(spans[i], spans[i + 1]).trim();
    if (HAS_CONTENT.test(sentence)) sentences.push(sentence);
  }
  return sentences;
}

/**
 * Where the sentences of `splitSentences` lie in the text, as [start, end) pairs one after another, before
 * they are trimmed and before pieces without a letter or digit are dropped: language detection counts the
 * words of each sentence in place, without copying and lower-casing it.
 */
export function sentenceSpans(text: string, options: SplitOptions = {}): number[] {
  const terminator = options.markers ? MARKED_TERMINATOR : TERMINATOR;
  const spans: number[] = [];
  let from = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m !== null; m = LINE_BREAK.exec(text)) {
    lineSpans(text.slice(from, m.index), from, terminator, spans);
    from = m.index + m[0].length;
  }
  lineSpans(from === 0 ? text : text.slice(from), from, terminator, spans);
  return spans;
}

function lineSpans(line: string, offset: number, terminator: RegExp, spans: number[]): void {
  const quotes = line.includes('«') ? quoteSpans(line) : undefined;
  let start = 0;
  terminator.lastIndex = 0;
  for (let m = terminator.exec(line); m !== null; m = terminator.exec(line)) {
    const whole = m[0];
    const punct = m[1] ?? '';
    const closers = m[2] ?? '';
    const at = m.index;
    const end = at + punct.length + closers.length;
    const after = at + whole.length;
    if (after >= line.length) break;
    if (!isBorder(line, at, punct, closers, whole.length > end - at, line.charCodeAt(after))) continue;
    if (quotes && insideQuote(quotes, at, end)) continue;
    spans.push(offset + start, offset + end);
    start = after;
  }
  spans.push(offset + start, offset + line.length);
}

function isBorder(line: string, at: number, punct: string, closers: string, spaced: boolean, next: number): boolean {
  if (!spaced) {
    // Glued text: only a capital right after the mark (or an opening quote before one: "кадров.«Год
    // назад…»"), and not inside Latin names like "Node.JS".
    const quoted = at + punct.length + closers.length + 1;
    const opensQuote = isOpeningQuote(next) && quoted < line.length && isUpper(line.charCodeAt(quoted));
    if (!opensQuote && (!isUpper(next) || (at > 0 && isLatin(line.charCodeAt(at - 1)) && isLatin(next)))) return false;
    if (punct === ':') return closers === '' && at > 0 && isLower(line.charCodeAt(at - 1));
  } else {
    if (punct === ':' || !startsAfterSpace(next)) return false;
  }
  // A citation marker after the dot closes the sentence even after an abbreviation ("в 2024 г. [1] Далее").
  return punct !== '.' || closers.includes('[') || !abbreviationHolds(line, at, next);
}

/** True when the word before the dot at `at` is an abbreviation or initial that keeps the sentence going. */
function abbreviationHolds(line: string, at: number, next: number): boolean {
  let from = at;
  while (from > 0 && isWordChar(line.charCodeAt(from - 1))) from--;
  // Leading dots and hyphens are not part of the word.
  while (from < at && (line.charCodeAt(from) === 0x2e || line.charCodeAt(from) === 0x2d)) from++;
  if (from === at) return false;
  const token = line.slice(from, at).toLowerCase();
  if (LIST_ENDINGS.has(token)) return !isUpper(next);
  if (ABBREVIATIONS.has(token)) return true;
  // Initials ("К.К.Токаев", "Б. Сагинтаев") and one-letter abbreviations ("г.", "с.", "п.", "қ."): the
  // token is letters, dots and hyphens of one code unit each, so one character is one code unit.
  return token.length - token.lastIndexOf('.') - 1 === 1;
}

/** Whether the punctuation at [at, end) lies inside one of the quotations. */
function insideQuote(quotes: Array<[number, number]>, at: number, end: number): boolean {
  for (const [open, close] of quotes) if (open < at && end <= close) return true;
  return false;
}

/** [open, close] index pairs of balanced «…» quotations short enough to keep whole. */
function quoteSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0xab) open.push(i);
    else if (code === 0xbb) {
      const from = open.pop();
      if (from !== undefined && i - from <= MAX_PROTECTED_QUOTE) spans.push([from, i]);
    }
  }
  return spans;
}
