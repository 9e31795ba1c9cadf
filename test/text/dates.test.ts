import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, monthNumber, monthRange, parseDate } from '../../src/text/dates.js';

describe('parseDate', () => {
  it('reads ISO, dotted and worded dates in Russian and Kazakh', () => {
    expect(parseDate('2025-04-15')).toBe('2025-04-15');
    expect(parseDate(' 15.04.2025 ')).toBe('2025-04-15');
    expect(parseDate('5.4.2025')).toBe('2025-04-05');
    expect(parseDate('15 апреля 2025')).toBe('2025-04-15');
    expect(parseDate('3 желтоқсан 2024')).toBe('2024-12-03');
  });

  it('refuses days the calendar does not have, and anything that is not a date', () => {
    expect(parseDate('2025-02-31')).toBeNull();
    expect(parseDate('31.02.2025')).toBeNull();
    expect(parseDate('2025-13-01')).toBeNull();
    expect(parseDate('30 февраля 2024')).toBeNull();
    expect(parseDate('2025-04')).toBeNull();
    expect(parseDate('15 марта')).toBeNull();
    expect(parseDate('вчера')).toBeNull();
  });

  it('knows leap years: 29 February exists in 2024 and 2000, not in 2025 or 1900', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2000, 2, 29)).toBe('2000-02-29');
    expect(isoDate(2025, 2, 29)).toBeNull();
    expect(isoDate(1900, 2, 29)).toBeNull();
    expect(monthRange(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

describe('monthNumber', () => {
  it('names the month of a Russian or Kazakh month word in any case form', () => {
    expect(monthNumber('Апреле')).toBe(4);
    expect(monthNumber('сәуірде')).toBe(4);
    expect(monthNumber('мая')).toBe(5);
    expect(monthNumber('вторник')).toBeUndefined();
  });
});

describe('dayNumber', () => {
  it('counts days from 1970-01-01 and refuses impossible dates', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-04-15')! - dayNumber('2025-03-15')!).toBe(31);
    expect(dayNumber('2025-02-31')).toBeUndefined();
    expect(dayNumber('15.04.2025')).toBeUndefined();
  });
});
