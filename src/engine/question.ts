/** Checks a raw question before retrieval: what a user typed may be empty, huge, markup, or no words at all. */
import { Parser } from 'htmlparser2';

export const MAX_QUESTION_CHARS = 1000;

export type QuestionCheck =
  | { ok: true; question: string; truncated: boolean }
  | { ok: false; reason: 'empty' | 'no-words' };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

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

// Control characters and zero-width marks carry no meaning and break matching.
const tidy = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function checkQuestion(raw: string): QuestionCheck {
  if (tidy(raw).length === 0) return { ok: false, reason: 'empty' };
  // Markup changes nothing: "<script>alert(1)</script>" must not add a number the sources need.
  const cleaned = tidy(stripMarkup(raw));
  // "**" or "<b></b>" alone is not a question.
  if (!LETTER_OR_DIGIT.test(cleaned)) return { ok: false, reason: 'no-words' };
  if (cleaned.length <= MAX_QUESTION_CHARS) return { ok: true, question: cleaned, truncated: false };
  const cut = cleaned.slice(0, MAX_QUESTION_CHARS);
  const border = cut.lastIndexOf(' ');
  return { ok: true, question: (border > MAX_QUESTION_CHARS / 2 ? cut.slice(0, border) : cut).trim(), truncated: true };
}

/** Thrown by the engine for a question it cannot use; `reason` selects the user's message. */
export class UnusableQuestionError extends Error {
  constructor(readonly reason: 'empty' | 'no-words') {
    super(`question: unusable (${reason})`);
    this.name = 'UnusableQuestionError';
  }
}
