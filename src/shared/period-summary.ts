/** One period of /stats: the insights compute it, the texts word it; neither owns the other. */
export interface PeriodSummary {
  questions: number;
  answered: number;
  refused: number;
  /** Update → answer latency, ms; null without questions. */
  p50Ms: number | null;
  p95Ms: number | null;
  up: number;
  down: number;
}
