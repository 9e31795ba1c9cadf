/** What /stats shows: answered and refused shares, latency, votes and refused topics for a period. */
import type { FeedbackRecord, QuestionRecord } from './question-log.js';
import { groupByTopic, type Topic } from './topics.js';
import type { PeriodSummary } from '../shared/period-summary.js';

export type { PeriodSummary } from '../shared/period-summary.js';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

export function summarize(questions: QuestionRecord[], feedback: FeedbackRecord[], sinceMs: number): PeriodSummary {
  const qs = questions.filter((q) => q.ts >= sinceMs);
  const fb = feedback.filter((f) => f.ts >= sinceMs);
  const latencies = qs.map((q) => q.ms).sort((a, b) => a - b);
  const answered = qs.filter((q) => q.answered).length;
  return {
    questions: qs.length,
    answered,
    refused: qs.length - answered,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    up: fb.filter((f) => f.vote === 'up').length,
    down: fb.filter((f) => f.vote === 'down').length,
  };
}

export function refusedTopics(questions: QuestionRecord[], sinceMs: number): Topic[] {
  return groupByTopic(questions.filter((q) => q.ts >= sinceMs && !q.answered).map((q) => q.question));
}
