import { parseDate } from '../corpus/parse-text.js';

/**
 * Publication dates as pages write them: ISO timestamps (JSON-LD, meta tags, <time datetime>),
 * "14.04.2025", and Russian or Kazakh text such as «14 апреля 2025 г.» / «14 сәуір 2025».
 * Every result is a real calendar date (YYYY-MM-DD) or null.
 */

const MONTHS: Array<[RegExp, number]> = [
  [/^январ|^қаңтар/i, 1],
  [/^феврал|^ақпан/i, 2],
  [/^март|^наурыз/i, 3],
  [/^апрел|^сәуір/i, 4],
  [/^ма[йя]|^мамыр/i, 5],
  [/^июн|^маусым/i, 6],
  [/^июл|^шілде/i, 7],
  [/^август|^тамыз/i, 8],
  [/^сентябр|^қыркүйек/i, 9],
  [/^октябр|^қазан/i, 10],
  [/^ноябр|^қараша/i, 11],
  [/^декабр|^желтоқсан/i, 12],
];

function month(word: string): number | undefined {
  return MONTHS.find(([pattern]) => pattern.test(word))?.[1];
}

function iso(year: number, m: number, day: number): string | null {
  return parseDate(`${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** A date at the start of a machine-readable value ("2025-04-14T09:00:00+05:00"), else a human one. */
export function parseAnyDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const machine = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value);
  if (machine) return parseDate(machine[1]!);
  return findDateInText(value);
}

/** The first date written in running text: «14 апреля 2025», «14.04.2025», «2025-04-14». */
export function findDateInText(text: string): string | null {
  const pattern = /(?<!\d)(\d{1,2})\s+([\p{L}]{3,})\s+(\d{4})|(?<![\d.])(\d{2})\.(\d{2})\.(\d{4})(?![\d.])|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/gu;
  for (const m of text.matchAll(pattern)) {
    let date: string | null = null;
    if (m[1]) {
      const mo = month(m[2]!);
      if (mo) date = iso(Number(m[3]), mo, Number(m[1]));
    } else if (m[4]) {
      date = iso(Number(m[6]), Number(m[5]), Number(m[4]));
    } else if (m[7]) {
      date = iso(Number(m[7]), Number(m[8]), Number(m[9]));
    }
    if (date) return date;
  }
  return null;
}
