import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { answerJson, renderAnswerText } from '../answer/render-text.js';
import { QUESTION_TRUNCATED, UNUSABLE_QUESTION } from '../texts/ru.js';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { createEngine } from '../engine/create-engine.js';
import type { Engine } from '../engine/engine.js';
import { createLogger } from '../logger.js';
import { REGIONS } from '../corpus/regions.js';
import { checkQuestion } from '../engine/question.js';
import type { RetrievalFilters } from '../shared/filters.js';
import { parseDate } from '../text/dates.js';

/**
 * `npm run ask -- "вопрос"`: the answer for a person.
 * `--json`: exactly one JSON line per question on stdout (logs go to stderr).
 * `--batch FILE`: one question per line, index and models loaded once.
 * `--region ID`, `--from YYYY-MM-DD`, `--to YYYY-MM-DD`: explicit filters.
 */

const USAGE = 'usage: npm run ask -- [--json] [--region ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] ("question" | --batch FILE)';

interface Outcome {
  ok: boolean;
  line: string;
}

function unusable(raw: string, reason: 'empty' | 'no-words', json: boolean): Outcome {
  const message = UNUSABLE_QUESTION[reason];
  return { ok: false, line: json ? JSON.stringify({ question: raw, answered: false, error: message }) : message };
}

async function askOne(engine: Engine, raw: string, json: boolean, filters: RetrievalFilters): Promise<Outcome> {
  const check = checkQuestion(raw);
  if (!check.ok) return unusable(raw, check.reason, json);
  if (check.truncated) process.stderr.write(`${QUESTION_TRUNCATED}\n`);
  const answer = await engine.ask(check.question, filters);
  return { ok: true, line: json ? JSON.stringify(answerJson(answer)) : renderAnswerText(answer) };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      batch: { type: 'string' },
      region: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || (positionals.length === 0 && !values.batch)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  loadDotEnv();
  const dates: Record<'--from' | '--to', string | undefined> = { '--from': undefined, '--to': undefined };
  for (const [flag, value] of [['--from', values.from], ['--to', values.to]] as const) {
    if (value === undefined) continue;
    dates[flag] = parseDate(value) ?? undefined;
    if (dates[flag] === undefined) {
      process.stderr.write(`ask: ${flag} ${value}: not a calendar date; expected YYYY-MM-DD, e.g. 2025-04-15\n`);
      return 2;
    }
  }
  const unknown = (values.region ?? []).filter((id) => !REGIONS.some((r) => r.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`ask: unknown region ${unknown.join(', ')}; known: ${REGIONS.map((r) => r.id).join(', ')}\n`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel, [config.telegram.token, config.llm?.apiKey]);
  const filters: RetrievalFilters = { regions: values.region, dateFrom: dates['--from'], dateTo: dates['--to'] };

  let questions: string[];
  if (values.batch) {
    questions = (await readFile(values.batch, 'utf8')).split(/\r?\n/).filter((l) => l.trim().length > 0);
  } else {
    questions = [positionals.join(' ')];
    // Reject before loading the index: an unusable question should fail fast.
    const check = checkQuestion(questions[0]!);
    if (!check.ok) {
      process.stderr.write(`${UNUSABLE_QUESTION[check.reason]}\n`);
      if (values.json) process.stdout.write(`${unusable(questions[0]!, check.reason, true).line}\n`);
      return 2;
    }
  }

  const engine = await createEngine(config, logger);
  let failures = 0;
  for (const q of questions) {
    const outcome = await askOne(engine, q, values.json, filters);
    if (!outcome.ok) failures++;
    process.stdout.write(`${outcome.line}\n${values.json ? '' : '\n'}`);
  }
  return failures > 0 && !values.batch ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`ask: ${message}\n`);
    process.exit(1);
  },
);
