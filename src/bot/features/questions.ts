import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { askAndReply } from '../ask.js';
import { messages } from '../../texts/ru.js';

/**
 * `/ask <question>` in any chat (the way to ask in a group without a mention); in a private chat
 * every text message is a question (unknown commands get the help hint).
 */
export function questionsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('ask', deps.questionLimit, (ctx) => {
    const question = ctx.match.trim();
    const replyTo = ctx.chat.type === 'private' ? {} : { replyToId: ctx.msg.message_id };
    if (!question) return ctx.reply(messages.askUsage);
    return askAndReply(ctx, question, deps, replyTo);
  });
  const privateChat = composer.chatType('private');

  privateChat.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return ctx.reply(messages.unknownCommand);
    return next();
  });
  privateChat.on('message:text', deps.questionLimit, (ctx) => askAndReply(ctx, ctx.message.text, deps));

  return composer;
}
