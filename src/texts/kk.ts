/**
 * The answer's own texts in Kazakh, for a user who asked in Kazakh (the Russian ones are in ru.ts; small-talk
 * replies in both languages in small-talk.ts). The quotes themselves stay as the news wrote them.
 */
import type { RetrievalFilters } from '../shared/filters.js';

export const NOT_FOUND_KK = 'Жаңалықтар базасынан бұл сұраққа жауап таппадым.';

/** The refusal, saying which region or period was searched. */
export function notFoundWithFiltersKk(filters: RetrievalFilters, regionNames: readonly string[]): string {
  const parts: string[] = [];
  if (regionNames.length > 0) parts.push(`«${regionNames.join('», «')}» өңірі бойынша`);
  if (filters.dateFrom || filters.dateTo) parts.push(`${filters.dateFrom ?? '…'} — ${filters.dateTo ?? '…'} кезеңі бойынша`);
  return parts.length > 0 ? `Жаңалықтар базасынан ${parts.join(', ')} бұл сұраққа жауап таппадым.` : NOT_FOUND_KK;
}
