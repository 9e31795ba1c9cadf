/**
 * The gaps report: the questions the news did not answer, grouped by topic (what the press service
 * could write about next), and the answers citizens marked 👎 with what was asked and said. Rows are
 * plain values; the CLI writes them as CSV. No user hash is included: the report leaves the system.
 */
import type { FeedbackRecord, QuestionRecord } from './question-log.js';
import { groupByTopic } from './topics.js';
import { parseDuration } from '../text/dates.js';

export const REPORT_COLUMNS = ['section', 'topic', 'topic_questions', 'time', 'regions', 'question', 'answer'] as const;
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string | number>;

export function gapsReport(questions: QuestionRecord[], feedback: FeedbackRecord[]): ReportRow[] {
  const refused = questions.filter((q) => !q.answered);
  const byText = new Map<string, QuestionRecord[]>();
  for (const q of refused) byText.set(q.question, [...(byText.get(q.question) ?? []), q]);
  const rows: ReportRow[] = [];
  for (const topic of groupByTopic(refused.map((q) => q.question))) {
    const seen = new Map<string, number>();
    for (const text of topic.questions) {
      // Identical questions asked twice are two rows with their own time and region.
      const i = seen.get(text) ?? 0;
      seen.set(text, i + 1);
      const q = byText.get(text)?.[i];
      if (!q) continue;
      rows.push({ section: 'refused', topic: topic.label, topic_questions: topic.count, time: new Date(q.ts).toISOString(), regions: q.regions.join(' '), question: q.question, answer: '' });
    }
  }
  for (const f of feedback.filter((v) => v.vote === 'down')) {
    rows.push({ section: 'disliked', topic: '', topic_questions: '', time: new Date(f.ts).toISOString(), regions: '', question: f.question, answer: f.answer });
  }
  return rows;
}

/** "7d", "24h", "90m" → milliseconds (a report period is at least a minute). */
export function parseSince(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms < 60_000) throw new Error(`report: --since ${JSON.stringify(value)} is not a period like 7d, 24h or 90m`);
  return ms;
}
