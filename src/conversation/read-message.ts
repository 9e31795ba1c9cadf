/**
 * The one reading of a user's message before the engine, shared by the bot and the CLI: small talk
 * to reply to without a search, or a question to ask (a leading greeting, thanks or polite word
 * dropped). Everything else about the question (empty, no words, a long story around it) is the
 * engine's question check, engine/question.ts.
 */
import { continuesExchange } from './follow-up.js';
import { smallTalkOf, stripCourtesy, type SmallTalk } from './small-talk.js';

export type MessageReading = { kind: 'smalltalk'; talk: SmallTalk } | { kind: 'question'; question: string };

export interface ReadOptions {
  /** The chat has a previous exchange that a follow-up may lean on. */
  followsExchange?: boolean;
}

export function readMessage(text: string, options: ReadOptions = {}): MessageReading {
  const talk = smallTalkOf(text);
  // "а в этом году?" says nothing alone but asks the last question at another time: a follow-up, not a shrug.
  const continues = options.followsExchange === true && talk?.kind === 'unclear' && continuesExchange(text);
  if (talk && !continues) return { kind: 'smalltalk', talk };
  return { kind: 'question', question: stripCourtesy(text.trim()) };
}
