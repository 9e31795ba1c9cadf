import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { askAndReply } from '../ask.js';

interface GroupMessage {
  text: string;
  reply_to_message?: { from?: { id: number } } | undefined;
}

/**
 * In a group the bot speaks only when spoken to: a message mentioning @botname, or a reply to one of
 * its messages. Returns the question without the mention, or null when the message is not for the bot.
 */
export function addressedQuestion(message: GroupMessage, me: { id: number; username: string }): string | null {
  const mention = new RegExp(`(^|[^\\w@])@${me.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'i');
  let question: string | null = null;
  if (mention.test(message.text)) question = message.text.replace(mention, '$1').replace(/\s+/g, ' ').trim();
  else if (message.reply_to_message?.from?.id === me.id) question = message.text.trim();
  // "/cmd@bot" is a command, handled (or ignored) elsewhere.
  if (question === null || question.startsWith('/')) return null;
  return question;
}

/** Groups and supergroups: mentions and replies to the bot (/ask works everywhere, see questions.ts). */
export function groupsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const group = composer.chatType(['group', 'supergroup']);

  group
    .on('message:text')
    .filter((ctx) => addressedQuestion(ctx.message, ctx.me) !== null)
    .use(deps.questionLimit, (ctx) =>
      askAndReply(ctx, addressedQuestion(ctx.message, ctx.me) ?? '', deps, { replyToId: ctx.message.message_id }),
    );

  return composer;
}
