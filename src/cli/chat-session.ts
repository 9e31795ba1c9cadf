import { renderAnswerText } from '../answer/render-text.js';
import { LATEST_COUNT } from '../bot/format.js';
import { lastExchange } from '../bot/session.js';
import type { Exchange } from '../conversation/exchange.js';
import { readMessage } from '../conversation/read-message.js';
import { REGIONS, regionName } from '../corpus/regions.js';
import type { AskOptions, Engine } from '../engine/engine.js';
import { UnusableQuestionError } from '../engine/question.js';
import { chatTexts, DEFAULT_EXAMPLE_QUESTIONS, formatDateRu, questionFound, UNUSABLE_QUESTION } from '../texts/ru.js';
import { smallTalkReply } from '../texts/small-talk.js';

/**
 * A conversation with the real engine in a terminal, as the bot holds it in a chat: follow-ups see
 * the previous exchange (the bot's lastExchange), small talk gets the bot's reply without a search,
 * /region narrows the search like the bot's /region.
 * No Telegram, no token: the way to try the answers on a new machine.
 */
export async function runChat(lines: AsyncIterable<string>, write: (text: string) => void, engine: Engine): Promise<void> {
  write(`${chatTexts.welcome(engine.stats().articles)}\n\n> `);
  let last: Exchange | undefined;
  let region: string | undefined;
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line.startsWith('/region')) {
      const id = line.slice('/region'.length).trim();
      if (id !== '' && !REGIONS.some((r) => r.id === id)) write(`${chatTexts.regionUnknown(REGIONS.map((r) => r.id).join(', '))}\n`);
      else {
        region = id || undefined;
        write(`${region ? chatTexts.regionSet(regionName(region)) : chatTexts.regionCleared}\n`);
      }
    } else if (line !== '') {
      write(`${await reply(engine, line, { ...(last ? { history: last } : {}), ...(region ? { regions: [region] } : {}) }, (exchange) => (last = exchange))}\n`);
      if (region) write(`${chatTexts.regionNote(regionName(region))}\n`);
    }
    write('\n> ');
  }
}

async function reply(engine: Engine, message: string, options: AskOptions, remember: (exchange: Exchange) => void): Promise<string> {
  const reading = readMessage(message, { followsExchange: options.history !== undefined });
  if (reading.kind === 'smalltalk') {
    if (reading.talk.kind !== 'news') return smallTalkReply(reading.talk, DEFAULT_EXAMPLE_QUESTIONS);
    const items = engine.latest(LATEST_COUNT);
    return items.length === 0 ? chatTexts.latestEmpty : [chatTexts.latestTitle, ...items.map((a, i) => `${i + 1}. ${a.title} — ${a.source}, ${formatDateRu(a.date)}${a.url ? `\n   ${a.url}` : ''}`)].join('\n');
  }
  try {
    const answer = await engine.ask(reading.question, options);
    remember(lastExchange(answer));
    return `${answer.truncated ? `${questionFound(answer.question)}\n\n` : ''}${renderAnswerText(answer)}`;
  } catch (err) {
    if (err instanceof UnusableQuestionError) return UNUSABLE_QUESTION[err.reason];
    throw err;
  }
}
