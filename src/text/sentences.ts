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
const STARTS_AFTER_SPACE = /[\p{Lu}\p{N}«"„“(–—-]/u;
const UPPER = /\p{Lu}/u;
const OPENING_QUOTE = /[«"„“]/u;
const LOWER = /\p{Ll}/u;
const LATIN = /[A-Za-z]/;
const WORD_CHAR = /[\p{L}.-]/u;
const HAS_CONTENT = /[\p{L}\p{N}]/u;

// A quotation longer than this is not kept whole: a lost closing mark must not swallow a paragraph.
const MAX_PROTECTED_QUOTE = 500;

export interface SplitOptions {
  /** Text with [n] citation markers (a generated answer): a marker after the punctuation stays with its sentence. */
  markers?: boolean;
}

export function splitSentences(text: string, options: SplitOptions = {}): string[] {
  const terminator = options.markers ? MARKED_TERMINATOR : TERMINATOR;
  return text.split(/\n|\*{3,}/).flatMap((line) => splitLine(line, terminator));
}

function splitLine(line: string, terminator: RegExp): string[] {
  const quotes = quoteSpans(line);
  const sentences: string[] = [];
  let start = 0;
  for (const m of line.matchAll(terminator)) {
    const [whole, punct = '', closers = '', space = ''] = m;
    const at = m.index;
    const end = at + punct.length + closers.length;
    const next = line[at + whole.length];
    if (next === undefined) break;
    if (!isBorder(line, at, punct, closers, space, next)) continue;
    if (quotes.some(([open, close]) => open < at && end <= close)) continue;
    sentences.push(line.slice(start, end));
    start = at + whole.length;
  }
  sentences.push(line.slice(start));
  return sentences.map((s) => s.trim()).filter((s) => HAS_CONTENT.test(s));
}

function isBorder(line: string, at: number, punct: string, closers: string, space: string, next: string): boolean {
  const prev = line[at - 1] ?? '';
  if (space === '') {
    // Glued text: only a capital right after the mark (or an opening quote before one: "кадров.«Год
    // назад…»"), and not inside Latin names like "Node.JS".
    const opensQuote = OPENING_QUOTE.test(next) && UPPER.test(line[at + punct.length + closers.length + 1] ?? '');
    if (!opensQuote && (!UPPER.test(next) || (LATIN.test(prev) && LATIN.test(next)))) return false;
    if (punct === ':') return closers === '' && LOWER.test(prev);
  } else {
    if (punct === ':' || !STARTS_AFTER_SPACE.test(next)) return false;
  }
  // A citation marker after the dot closes the sentence even after an abbreviation ("в 2024 г. [1] Далее").
  return punct !== '.' || closers.includes('[') || !abbreviationHolds(line, at, next);
}

/** True when the word before the dot at `at` is an abbreviation or initial that keeps the sentence going. */
function abbreviationHolds(line: string, at: number, next: string): boolean {
  let from = at;
  while (from > 0 && WORD_CHAR.test(line[from - 1] ?? '')) from--;
  const token = line.slice(from, at).replace(/^[.-]+/, '').toLowerCase();
  if (token === '') return false;
  if (LIST_ENDINGS.has(token)) return !UPPER.test(next);
  if (ABBREVIATIONS.has(token)) return true;
  // Initials ("К.К.Токаев", "Б. Сагинтаев") and one-letter abbreviations ("г.", "с.", "п.", "қ.").
  const lastPart = token.slice(token.lastIndexOf('.') + 1);
  return [...lastPart].length === 1;
}

/** [open, close] index pairs of balanced «…» quotations short enough to keep whole. */
function quoteSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '«') open.push(i);
    else if (line[i] === '»') {
      const from = open.pop();
      if (from !== undefined && i - from <= MAX_PROTECTED_QUOTE) spans.push([from, i]);
    }
  }
  return spans;
}
