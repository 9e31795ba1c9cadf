/**
 * `npm run report -- --since 7d [--out gaps.csv]`: the gaps report as CSV (see src/insights/report.ts).
 * A function of its arguments, its output stream and the question log, so the tests run it in-process;
 * src/cli/report.ts opens the log where the bot keeps it (Redis with REDIS_URL, files otherwise).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import type { QuestionLog } from '../insights/question-log.js';
import { gapsReport, parseSince, REPORT_COLUMNS } from '../insights/report.js';

export interface ReportIo {
  stdout: (text: string) => void;
  log: () => Promise<QuestionLog>;
  now?: () => number;
  cwd?: string;
}

export async function runReport(argv: string[], io: ReportIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { since: { type: 'string', default: '7d' }, out: { type: 'string' } } });
  const now = io.now?.() ?? Date.now();
  const since = now - parseSince(values.since);
  const log = await io.log();
  const [questions, feedback] = await Promise.all([log.questions(since), log.feedback(since)]);
  const rows = gapsReport(questions, feedback);
  // A BOM lets Excel open the Cyrillic text as UTF-8.
  const csv = `\uFEFF${stringify(rows, { header: true, columns: [...REPORT_COLUMNS] })}`;
  const out = path.resolve(io.cwd ?? process.cwd(), values.out ?? `gaps-${new Date(now).toISOString().slice(0, 10)}.csv`);
  await writeFile(out, csv, 'utf8');
  const refused = rows.filter((r) => r.section === 'refused');
  const topics = new Set(refused.map((r) => r.topic)).size;
  io.stdout(
    `report: ${questions.length} questions since ${new Date(since).toISOString()}; ` +
      `${refused.length} unanswered in ${topics} topics, ${rows.length - refused.length} answers marked 👎 → ${out}\n`,
  );
  return 0;
}
