/**
 * `npm run report -- --since 7d [--out gaps.csv]`: the gaps report as CSV (see src/insights/report.ts),
 * read from the question log where the bot keeps it (Redis with REDIS_URL, files under STATE_DIR
 * otherwise). Prints where it wrote and how many rows of each section.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { FileQuestionLog } from '../insights/file-log.js';
import type { QuestionLog } from '../insights/question-log.js';
import { RedisQuestionLog } from '../insights/redis-log.js';
import { gapsReport, parseSince, REPORT_COLUMNS } from '../insights/report.js';
import { createLogger } from '../logger.js';
import { connectRedis } from '../state/redis.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { since: { type: 'string', default: '7d' }, out: { type: 'string' } } });
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const since = Date.now() - parseSince(values.since);
  const redis = config.redis ? await connectRedis(config.redis.url, logger) : undefined;
  try {
    const log: QuestionLog = redis ? new RedisQuestionLog(redis) : new FileQuestionLog(config.stateDir);
    const [questions, feedback] = await Promise.all([log.questions(since), log.feedback(since)]);
    const rows = gapsReport(questions, feedback);
    // A BOM lets Excel open the Cyrillic text as UTF-8.
    const csv = `\uFEFF${stringify(rows, { header: true, columns: [...REPORT_COLUMNS] })}`;
    const out = path.resolve(values.out ?? `gaps-${new Date().toISOString().slice(0, 10)}.csv`);
    await writeFile(out, csv, 'utf8');
    const refused = rows.filter((r) => r.section === 'refused');
    const topics = new Set(refused.map((r) => r.topic)).size;
    process.stdout.write(
      `report: ${questions.length} questions since ${new Date(since).toISOString()}; ` +
        `${refused.length} unanswered in ${topics} topics, ${rows.length - refused.length} answers marked 👎 → ${out}\n`,
    );
    return 0;
  } finally {
    await redis?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`report: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
