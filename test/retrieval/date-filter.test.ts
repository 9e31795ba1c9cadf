import { describe, expect, it } from 'vitest';
import { extractDateFilter } from '../../src/retrieval/date-filter.js';

describe('extractDateFilter', () => {
  it('reads a month and year as the whole month', () => {
    expect(extractDateFilter('Что строили в апреле 2025 года?')).toEqual({ dateFrom: '2025-04-01', dateTo: '2025-04-30' });
    expect(extractDateFilter('новости за февраль 2024')).toEqual({ dateFrom: '2024-02-01', dateTo: '2024-02-29' });
  });

  it('reads a full date in words or digits as one day', () => {
    expect(extractDateFilter('что было 15 апреля 2025?')).toEqual({ dateFrom: '2025-04-15', dateTo: '2025-04-15' });
    expect(extractDateFilter('новости 14.04.2025')).toEqual({ dateFrom: '2025-04-14', dateTo: '2025-04-14' });
  });

  it('reads Kazakh month names', () => {
    expect(extractDateFilter('2025 жылғы сәуір 2025')).toEqual({ dateFrom: '2025-04-01', dateTo: '2025-04-30' });
  });

  it('does not treat a bare year as a publication date', () => {
    expect(extractDateFilter('Что построят к 2026 году?')).toEqual({});
    expect(extractDateFilter('31.02.2025')).toEqual({});
  });
});
