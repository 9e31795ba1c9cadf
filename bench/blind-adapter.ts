import { loadConfig } from '../src/config.js';
import { readMessage } from '../src/conversation/read-message.js';
import type { Exchange } from '../src/conversation/exchange.js';
import { lastExchange } from '../src/bot/session.js';
import { createEngine } from '../src/engine/create-engine.js';
import { UnusableQuestionError } from '../src/engine/question.js';
import { createLogger } from '../src/logger.js';
import { smallTalkReply } from '../src/texts/small-talk.js';
import { DEFAULT_EXAMPLE_QUESTIONS } from '../src/texts/ru.js';

export interface Reply { kind: 'answer' | 'refusal' | 'smalltalk'; text: string }
export interface Responder {
  single(text: string): Promise<Reply>;
  /** A new chat: each call is the next message, with the chat's memory. */
  chat(): (text: string) => Promise<Reply>;
}

/**
 * The product's reply path, as the bot takes it: the message is read (small talk or a question), the
 * question goes to the engine with the chat's last exchange, and the exchange kept is the standalone
 * question the engine answered.
 */
export async function respondWith(): Promise<Responder> {
  const config = loadConfig();
  const engine = await createEngine(config, createLogger('warn'));
  const reply = async (text: string, history?: Exchange): Promise<{ reply: Reply; exchange?: Exchange }> => {
    const reading = readMessage(text, { followsExchange: history !== undefined });
    if (reading.kind === 'smalltalk') return { reply: { kind: 'smalltalk', text: smallTalkReply(reading.talk, DEFAULT_EXAMPLE_QUESTIONS) } };
    try {
      const a = await engine.ask(reading.question, history ? { history } : {});
      return {
        reply: { kind: a.answered ? 'answer' : 'refusal', text: a.answer },
        exchange: lastExchange(a),
      };
    } catch (err) {
      if (err instanceof UnusableQuestionError) return { reply: { kind: 'refusal', text: err.message } };
      throw err;
    }
  };
  return {
    single: async (text) => (await reply(text)).reply,
    chat: () => {
      let last: Exchange | undefined;
      return async (text) => {
        const r = await reply(text, last);
        if (r.exchange) last = r.exchange;
        return r.reply;
      };
    },
  };
}
