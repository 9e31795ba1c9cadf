import type { Answer, Citation } from './answer.js';
import { regionRelaxed, searchedFor, SOURCES_HEADING, SUGGESTIONS_HEADING } from '../texts/ru.js';

/** Plain-text rendering of an answer for a terminal: the answer, then numbered sources. */

export function renderSource(c: Pick<Citation, 'n' | 'title' | 'date' | 'url' | 'source'>): string {
  const date = c.date ? `, ${c.date}` : '';
  return `[${c.n}] ${c.title}${date} — ${c.url ?? c.source}`;
}

export function renderAnswerText(answer: Answer): string {
  // What the engine did to the question comes first, one line each: the corrected reading, the regions dropped.
  const notes = [
    ...(answer.corrections.length > 0 ? [searchedFor(answer.standalone)] : []),
    ...(answer.relaxedRegions.length > 0 ? [regionRelaxed(answer.relaxedRegions)] : []),
  ];
  const lines = [...notes, ...(notes.length > 0 ? [''] : []), answer.answer];
  if (answer.citations.length > 0) lines.push('', SOURCES_HEADING, ...answer.citations.map(renderSource));
  if (!answer.answered && answer.suggestions.length > 0) {
    lines.push('', SUGGESTIONS_HEADING, ...answer.suggestions.map((s) => `• ${s}`));
  }
  return lines.join('\n');
}

/** The `ask --json` contract (one line per question). */
export function answerJson(answer: Answer) {
  return {
    question: answer.question,
    standalone: answer.standalone,
    corrections: answer.corrections,
    relaxedRegions: answer.relaxedRegions,
    answered: answer.answered,
    answer: answer.answer,
    mode: answer.mode,
    citations: answer.citations.map(({ n, title, date, url, source, quote }) => ({ n, title, date, url, source, quote })),
    passages: answer.passages.map((p) => ({
      rank: p.rank,
      score: p.score,
      title: p.chunk.title,
      date: p.chunk.date,
      url: p.chunk.url,
      text: p.chunk.text,
    })),
    suggestions: answer.suggestions,
  };
}
