/**
 * Checks a raw question before retrieval: what a user typed may be empty, no words at all, or a long
 * message (a story, a pasted letter) with the question somewhere in it, usually at the end.
 */
import { Parser } from 'htmlparser2';
import { detectRegions } from '../corpus/regions.js';
import { fixHomoglyphs } from '../text/homoglyphs.js';
import { splitSentences } from '../text/sentences.js';

/** The longest question searched for; a single sentence longer than this keeps its end. */
export const MAX_QUESTION_CHARS = 1000;
/**
 * A message longer than this is read as a story with a question in it, and only the question is
 * searched for: a typical question is well under 200 characters, and a story's words drown its own.
 */
export const LONG_MESSAGE_CHARS = 300;

export type QuestionCheck =
  | {
      ok: true;
      question: string;
      /** True when the message was long and `question` is the question found in it. */
      truncated: boolean;
    }
  | { ok: false; reason: 'empty' | 'no-words' };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}])';
/** Question words that ask wherever they stand (Russian and Kazakh), and the particles of yes/no questions. */
const ASKS_ANYWHERE = new RegExp(
  `${B}(?:сколько|когда|почему|зачем|где|куда|откуда|каков|какова|каковы|как(?:ой|ая|ое|ие|их|им|ую|ими|ом)|ли|` +
    `қанша|қашан|кім|қайда|неше|қандай|неге|неліктен|қалай|ма|ме|ба|бе|па|пе|ше)${E}`,
  'iu',
);
/** Words that ask only at the start of a sentence: "что" and "как" are common in statements too. */
const ASKS_AT_START = new RegExp(`^(?:(?:а|и|ну|так)\\s+)?(?:кто|что|как|чем|чего|кого|кому|не)${E}`, 'iu');

const asks = (sentence: string) => ASKS_ANYWHERE.test(sentence) || ASKS_AT_START.test(sentence);
const endsWithQuestionMark = (sentence: string) => /[?？]\s*$/u.test(sentence);

/**
 * Chat sentences: the news splitter's borders, and also the ones chat writes without a capital: after "?"
 * or "!", and after a dot that ends a word of five letters or more (abbreviations like "г.", "обл.",
 * "млрд." are shorter).
 */
function chatSentences(text: string): string[] {
  return splitSentences(text)
    .flatMap((s) => s.split(/(?<=[?？!])\s+|(?<=\p{L}{5}[.…])\s+(?=\p{Ll})/u))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => LETTER_OR_DIGIT.test(s));
}

/** The end of a too long sentence, from a word border: the question word and the "?" are there. */
function keepEnd(sentence: string, max: number): string {
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(sentence.length - max);
  const border = cut.indexOf(' ');
  return (border >= 0 && border < max / 2 ? cut.slice(border + 1) : cut).trim();
}

/**
 * The question inside a long message. People tell their story and ask at the end ("…у нас в селе нет
 * воды уже месяц. Когда проведут водопровод?"); cutting at a length loses the question. It is the last
 * sentence that ends with "?", else the last sentence with a question word, else the last sentence.
 * When the question names no region, the sentence before it joins (when both fit), as it often names
 * the place; otherwise the story's words would only dilute the search.
 */
export function findQuestion(message: string, long = LONG_MESSAGE_CHARS, max = MAX_QUESTION_CHARS): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  if (flat.length <= long) return flat;
  const sentences = chatSentences(message);
  let at = sentences.findLastIndex(endsWithQuestionMark);
  if (at < 0) at = sentences.findLastIndex(asks);
  if (at < 0) at = sentences.length - 1;
  const question = sentences[at];
  if (question === undefined) return keepEnd(flat, max);
  const before = sentences[at - 1];
  if (before !== undefined && before.length + 1 + question.length <= long && detectRegions(question).length === 0) {
    return `${before} ${question}`;
  }
  return keepEnd(question, max);
}

// Elements whose content is code or data, never part of what the user asks.
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math']);

/**
 * The text a reader would see: tags removed (each leaves a space, so "<b>воды</b>в" stays two words),
 * script and style contents dropped, entities decoded. Plain text without "<" or "&" passes unchanged.
 */
export function stripMarkup(text: string): string {
  if (!/[<&]/.test(text)) return text;
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden++;
        parts.push(' ');
      },
      onclosetag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
        parts.push(' ');
      },
      ontext(data) {
        if (hidden === 0) parts.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(text);
  parser.end();
  return parts.join('');
}

export function checkQuestion(raw: string): QuestionCheck {
  // Control characters and zero-width marks carry no meaning and break matching; newlines stay
  // until the question is found, as they end sentences.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const unmarked = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g, '');
  if (unmarked.trim().length === 0) return { ok: false, reason: 'empty' };
  // Markup changes nothing: "<script>alert(1)</script>" must not add a number the sources need.
  // A Latin look-alike inside a Russian or Kazakh word ("Aлматы") would match no word of the news.
  const cleaned = fixHomoglyphs(stripMarkup(unmarked));
  const flat = cleaned.replace(/\s+/g, ' ').trim();
  // "**" or "<b></b>" alone is not a question.
  if (!LETTER_OR_DIGIT.test(flat)) return { ok: false, reason: 'no-words' };
  const question = findQuestion(cleaned);
  return { ok: true, question, truncated: question !== flat };
}

/** Thrown by the engine for a question it cannot use; `reason` selects the user's message. */
export class UnusableQuestionError extends Error {
  constructor(readonly reason: 'empty' | 'no-words') {
    super(`question: unusable (${reason})`);
    this.name = 'UnusableQuestionError';
  }
}
