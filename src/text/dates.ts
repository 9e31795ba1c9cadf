/**
 * The one home of calendar dates: every date that enters the system (corpus files, a question's
 * "в апреле 2025", the CLI's --from, the index's day numbers) is read and validated here, so
 * 2025-02-31 is refused at the edge that received it, with that edge's message.
 * Dates are ISO strings (YYYY-MM-DD) everywhere else.
 */

/**
 * Month-name stems, Russian then Kazakh, with a case ending of a few letters ("апреля", "сәуірде", "наурыздағы");
 * a longer word that starts like one is another word ("Наурызбайский район", "майор").
 */
const ENDING = '\\p{L}{0,5}$';
const MONTHS: ReadonlyArray<readonly [RegExp, number]> = (
  [
    ['январ|қаңтар', 1],
    ['феврал|ақпан', 2],
    ['март|наурыз', 3],
    ['апрел|сәуір', 4],
    ['мамыр', 5],
    ['июн|маусым', 6],
    ['июл|шілде', 7],
    ['август|тамыз', 8],
    ['сентябр|қыркүйек', 9],
    ['октябр|қазан', 10],
    ['ноябр|қараша', 11],
    ['декабр|желтоқсан', 12],
  ] as const
).map(([stems, month]): readonly [RegExp, number] => [new RegExp(`^(?:${stems})${ENDING}`, 'u'), month]);
/** "май", "мая", "мае", "маем", "маю": too short a stem to take any ending. */
const MAY = /^ма(?:й|я|е|ем|ю)$/u;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const WORDED = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u;

/** The month (1-12) a Russian or Kazakh month word names, in any case form; undefined for other words. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  if (MAY.test(w)) return 5;
  return MONTHS.find(([stem]) => stem.test(w))?.[1];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function lastDayOfMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The ISO date of a real calendar day (not 2025-02-31, not month 13), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const real = Number.isInteger(year) && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
  return real ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

/** First and last day of a month, as an inclusive ISO range. */
export function monthRange(year: number, month: number): { from: string; to: string } | null {
  const from = isoDate(year, month, 1);
  const to = isoDate(year, month, lastDayOfMonth(year, month));
  return from && to ? { from, to } : null;
}

/**
 * A date written as "2025-04-15", "15.04.2025" (or "5.4.2025"), "15 апреля 2025" or "15 сәуір 2025"
 * → "2025-04-15"; null for anything else, including days the calendar does not have.
 */
export function parseDate(value: string): string | null {
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = DOTTED.exec(text);
  if (dotted) return isoDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const worded = WORDED.exec(text);
  const month = worded ? monthNumber(worded[2] ?? '') : undefined;
  if (worded && month) return isoDate(Number(worded[3]), month, Number(worded[1]));
  return null;
}

/** Days since 1970-01-01 of a real ISO date; undefined for anything else. */
export function dayNumber(date: string): number | undefined {
  const parts = ISO.exec(date);
  if (!parts || isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) === null) return undefined;
  const at = new Date(0);
  at.setUTCFullYear(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  return at.getTime() / DAY_MS;
}

/**
 * The first date written in running text: «14 апреля 2025 г.», «14.04.2025», «2025-04-14» (pages
 * and listings scraped by the live-news sources). Only real calendar days count.
 */
export function findDateInText(text: string): string | null {
  const pattern = /(?<![\d.])(\d{1,2}\s+\p{L}{3,}\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})(?![\d.])/gu;
  for (const m of text.matchAll(pattern)) {
    const date = parseDate(m[1] ?? '');
    if (date) return date;
  }
  return null;
}

/**
 * A machine-readable date ("2025-04-14T09:00:00+05:00" from JSON-LD, meta tags, <time datetime>,
 * sitemaps) by its leading day; otherwise the first date written in the text.
 */
export function parseTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const leading = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value);
  return leading?.[1] ? parseDate(leading[1]) : findDateInText(value);
}

const DURATION = /^(\d+)\s*(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The one reader of durations ("500ms", "30s", "15m", "1h", "7d") → milliseconds; undefined for anything
 * else. Each caller says what range it accepts and words its own error (a source's `every`, --since).
 */
export function parseDuration(value: string): number | undefined {
  const m = DURATION.exec(value.trim());
  const unit = m?.[2] === undefined ? undefined : UNIT_MS[m[2]];
  return m && unit !== undefined ? Number(m[1]) * unit : undefined;
}
