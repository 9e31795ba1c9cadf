import { renderAnswerText } from '../answer/render-text.js';
import { lastExchange } from '../bot/session.js';
import type { Exchange } from '../conversation/exchange.js';
import { REGIONS, regionName } from '../corpus/regions.js';
import type { AskOptions, Engine } from '../engine/engine.js';
import { UnusableQuestionError } from '../engine/question.js';
import { chatTexts, QUESTION_TRUNCATED, UNUSABLE_QUESTION } from '../texts/ru.js';

/**
 * A conversation with the real engine in a terminal, as the bot holds it in a chat: follow-ups see
 * the previous exchange (the bot's lastExchange), /region narrows the search like the bot's /region.
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

async function reply(engine: Engine, question: string, options: AskOptions, remember: (exchange: Exchange) => void): Promise<string> {
  try {
    const answer = await engine.ask(question, options);
    remember(lastExchange(answer.question, answer));
    return `${answer.truncated ? `${QUESTION_TRUNCATED}\n` : ''}${renderAnswerText(answer)}`;
  } catch (err) {
    if (err instanceof UnusableQuestionError) return UNUSABLE_QUESTION[err.reason];
    throw err;
  }
}
