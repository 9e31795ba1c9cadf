import type { RetrievalFilters } from '../shared/filters.js';

/** Russian texts of the answer itself (the bot's own texts live in src/bot/messages.ts). */

export const NOT_FOUND = 'Не нашёл ответа на этот вопрос в базе новостей.';
export const SOURCES_HEADING = 'Источники:';
export const SUGGESTIONS_HEADING = 'Возможно, вас заинтересует:';

export function notFoundWithFilters(filters: RetrievalFilters, regionNames: string[]): string {
  const parts: string[] = [];
  if (regionNames.length > 0) parts.push(`по региону «${regionNames.join('», «')}»`);
  if (filters.dateFrom || filters.dateTo) parts.push(`за период ${filters.dateFrom ?? '…'} — ${filters.dateTo ?? '…'}`);
  return parts.length > 0 ? `Не нашёл ответа на этот вопрос в базе новостей ${parts.join(' ')}.` : NOT_FOUND;
}

export const UNUSABLE_QUESTION: Record<'empty' | 'no-words', string> = {
  empty: 'Вопрос пустой: напишите, что вы хотите узнать, например «Что строят в Акмолинской области?»',
  'no-words': 'В вопросе нет слов: напишите его текстом, например «Сколько не хватает врачей в Алматы?»',
};

export const QUESTION_TRUNCATED = 'Вопрос слишком длинный: я прочитал только первые 1000 символов.';
