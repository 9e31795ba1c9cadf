import type { RetrievalFilters } from '../shared/filters.js';
import { isoDate, monthNumber, monthRange, parseDate } from '../text/dates.js';

/**
 * Publication-date filters stated in a question: "в апреле 2025", "за 15 апреля 2025", "15.04.2025".
 * A bare year is NOT taken as a filter: "что построят к 2026 году" speaks of the content, not of when
 * the news was published.
 */

export function extractDateFilter(question: string): Pick<RetrievalFilters, 'dateFrom' | 'dateTo'> {
  const numeric = question.match(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/);
  const day = numeric ? parseDate(numeric[0]) : null;
  if (day) return { dateFrom: day, dateTo: day };
  const words = /(?:(\d{1,2})\s+)?([\p{L}]+)\s+(\d{4})(?:\s*(?:года|году|год|г\.|жылы|ж\.))?/gu;
  for (const m of question.matchAll(words)) {
    const month = monthNumber(m[2] ?? '');
    if (!month) continue;
    const year = Number(m[3]);
    const dated = m[1] ? isoDate(year, month, Number(m[1])) : null;
    if (dated) return { dateFrom: dated, dateTo: dated };
    const range = monthRange(year, month);
    return range ? { dateFrom: range.from, dateTo: range.to } : {};
  }
  return {};
}
