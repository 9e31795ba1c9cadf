/** Checks a raw question before retrieval: what a user typed may be empty, huge, or no words at all. */

export const MAX_QUESTION_CHARS = 1000;

export type QuestionCheck =
  | { ok: true; question: string; truncated: boolean }
  | { ok: false; reason: 'empty' | 'no-words' };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function checkQuestion(raw: string): QuestionCheck {
  // Control characters and zero-width marks carry no meaning and break matching.
  const cleaned = raw
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0) return { ok: false, reason: 'empty' };
  // Tags and markup are not words: "<b></b>" or "**" alone is not a question.
  const withoutMarkup = cleaned.replace(/<[^>]*>/g, ' ');
  if (!LETTER_OR_DIGIT.test(withoutMarkup)) return { ok: false, reason: 'no-words' };
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
