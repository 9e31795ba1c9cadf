import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { messages } from '../../texts/ru.js';

/** Photos, voice, stickers, files… in a private chat: a one-line hint. Groups stay quiet. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message', (ctx) => ctx.reply(messages.nonText));
  return composer;
}
