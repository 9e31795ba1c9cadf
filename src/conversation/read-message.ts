/**
 * The one reading of a user's message before the engine, shared by the bot and the CLI: small talk
 * to reply to without a search, or a question to ask (a leading greeting, thanks or polite word
 * dropped). Everything else about the question (empty, no words, a long story around it) is the
 * engine's question check, engine/question.ts.
 */
import { smallTalkOf, stripCourtesy, type SmallTalk } from './small-talk.js';

export type MessageReading = { kind: 'smalltalk'; talk: SmallTalk } | { kind: 'question'; question: string };

export function readMessage(text: string): MessageReading {
  const talk = smallTalkOf(text);
  if (talk) return { kind: 'smalltalk', talk };
  return { kind: 'question', question: stripCourtesy(text.trim()) };
}
