import type { RetrievalFilters } from '../shared/filters.js';

/**
 * Publication-date filters stated in a question: "в апреле 2025", "за 15 апреля 2025", "15.04.2025".
 * A bare year is NOT taken as a filter: "что построят к 2026 году" speaks of the content, not of when
 * the news was published.
 */

const MONTHS: Array<[RegExp, number]> = [
  [/^(январ|қаңтар)/, 1],
  [/^(феврал|ақпан)/, 2],
  [/^(март|наурыз)/, 3],
  [/^(апрел|сәуір)/, 4],
  [/^(ма[йяе]|мамыр)/, 5],
  [/^(июн|маусым)/, 6],
  [/^(июл|шілде)/, 7],
  [/^(август|тамыз)/, 8],
  [/^(сентябр|қыркүйек)/, 9],
  [/^(октябр|қазан)/, 10],
  [/^(ноябр|қараша)/, 11],
  [/^(декабр|желтоқсан)/, 12],
];

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  return MONTHS.find(([re]) => re.test(w))?.[1];
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month);
}

export function extractDateFilter(question: string): Pick<RetrievalFilters, 'dateFrom' | 'dateTo'> {
  const numeric = question.match(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/);
  if (numeric) {
    const [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (validDay(year, month, day)) {
      const iso = `${year}-${pad(month)}-${pad(day)}`;
      return { dateFrom: iso, dateTo: iso };
    }
  }
  const words = /(?:(\d{1,2})\s+)?([\p{L}]+)\s+(\d{4})(?:\s*(?:года|году|год|г\.|жылы|ж\.))?/gu;
  for (const m of question.matchAll(words)) {
    const month = monthOf(m[2] ?? '');
    if (!month) continue;
    const year = Number(m[3]);
    if (m[1] && validDay(year, month, Number(m[1]))) {
      const iso = `${year}-${pad(month)}-${pad(Number(m[1]))}`;
      return { dateFrom: iso, dateTo: iso };
    }
    return { dateFrom: `${year}-${pad(month)}-01`, dateTo: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
  }
  return {};
}
