import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { answerJson, renderAnswerText } from '../answer/render-text.js';
import { REGIONS } from '../corpus/regions.js';
import type { Engine } from '../engine/engine.js';
import { UnusableQuestionError } from '../engine/question.js';
import type { RetrievalFilters } from '../shared/filters.js';
import { parseDate } from '../text/dates.js';
import { readMessage } from '../conversation/read-message.js';
import { DEFAULT_EXAMPLE_QUESTIONS, questionFound, UNUSABLE_QUESTION } from '../texts/ru.js';
import { smallTalkReply } from '../texts/small-talk.js';

/**
 * `npm run ask -- "вопрос"`: the answer for a person.
 * `--json`: exactly one JSON line per question on stdout (logs go to stderr); small talk ("привет",
 * "спасибо") is replied to without a search, as `{"question", "smalltalk": true, "kind", "answer"}`.
 * `--batch FILE`: one question per line, index and models loaded once.
 * `--region ID`, `--from YYYY-MM-DD`, `--to YYYY-MM-DD`: explicit filters.
 * The command is a function of its arguments, its output streams and an engine factory, so the
 * tests run it in-process against one shared index; src/cli/ask.ts wires it to the process.
 */

const USAGE = 'usage: npm run ask -- [--json] [--region ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] ("question" | --batch FILE)';

export interface AskIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Loads the engine; called only once the arguments are known to be valid. */
  engine: () => Promise<Engine>;
}

interface Outcome {
  line: string;
  /** Why the question could not be asked; absent when it was answered (or refused). */
  error?: string;
}

async function askOne(engine: () => Promise<Engine>, raw: string, json: boolean, filters: RetrievalFilters, io: AskIo): Promise<Outcome> {
  const reading = readMessage(raw);
  if (reading.kind === 'smalltalk') {
    const reply = smallTalkReply(reading.talk, DEFAULT_EXAMPLE_QUESTIONS);
    return { line: json ? JSON.stringify({ question: raw, smalltalk: true, kind: reading.talk.kind, answer: reply }) : reply };
  }
  try {
    const answer = await (await engine()).ask(reading.question, filters);
    if (answer.truncated) io.stderr(`${questionFound(answer.question)}\n`);
    return { line: json ? JSON.stringify(answerJson(answer)) : renderAnswerText(answer) };
  } catch (err) {
    if (!(err instanceof UnusableQuestionError)) throw err;
    const error = UNUSABLE_QUESTION[err.reason];
    return { line: json ? JSON.stringify({ question: raw, answered: false, error }) : error, error };
  }
}

/** Runs `ask` with `argv` (without the node and script paths); resolves to the exit code. */
export async function runAsk(argv: string[], io: AskIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
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
    io.stderr(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const filters: RetrievalFilters = {};
  for (const [flag, key, value] of [['--from', 'dateFrom', values.from], ['--to', 'dateTo', values.to]] as const) {
    if (value === undefined) continue;
    const date = parseDate(value);
    if (date === null) {
      io.stderr(`ask: ${flag} ${value}: not a calendar date; expected YYYY-MM-DD, e.g. 2025-04-15\n`);
      return 2;
    }
    filters[key] = date;
  }
  const unknown = (values.region ?? []).filter((id) => !REGIONS.some((r) => r.id === id));
  if (unknown.length > 0) {
    io.stderr(`ask: unknown region ${unknown.join(', ')}; known: ${REGIONS.map((r) => r.id).join(', ')}\n`);
    return 2;
  }
  if (values.region) filters.regions = values.region;

  const questions = values.batch
    ? (await readFile(values.batch, 'utf8')).split(/\r?\n/).filter((l) => l.trim().length > 0)
    : [positionals.join(' ')];
  // Loaded at the first real question: small talk needs no index.
  let loaded: Promise<Engine> | undefined;
  const engine = () => (loaded ??= io.engine());
  for (const q of questions) {
    const outcome = await askOne(engine, q, values.json, filters, io);
    // A batch reports an unusable line in its place; a single unusable question is an error.
    if (outcome.error !== undefined && !values.batch) {
      io.stderr(`${outcome.error}\n`);
      if (values.json) io.stdout(`${outcome.line}\n`);
      return 2;
    }
    io.stdout(`${outcome.line}\n${values.json ? '' : '\n'}`);
  }
  return 0;
}
