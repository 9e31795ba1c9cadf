import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { askAndReply } from '../ask.js';
import { HTML_LINKS, LATEST_COUNT, latestHtml } from '../format.js';
import { decodeCallback, examplesKeyboard } from '../keyboards.js';
import { messages } from '../../texts/ru.js';

/** /start, /help, /sources, /latest, and the example-question buttons of /start. */
export function commandsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('start', (ctx) =>
    ctx.reply(messages.welcome(deps.engine.stats()), { ...HTML_LINKS, reply_markup: examplesKeyboard(deps.exampleQuestions) }),
  );

  composer.command('help', (ctx) => ctx.reply(messages.help(ctx.me.username), HTML_LINKS));

  composer.command('sources', (ctx) => ctx.reply(messages.sources(deps.engine.stats()), HTML_LINKS));

  composer.command('latest', (ctx) => ctx.reply(latestHtml(deps.engine.latest(LATEST_COUNT)), HTML_LINKS));

  composer.callbackQuery(/^e:\d+$/, deps.questionLimit, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const question = action?.kind === 'example' ? deps.exampleQuestions[action.index] : undefined;
    await ctx.answerCallbackQuery();
    if (question) await askAndReply(ctx, question, deps);
  });

  return composer;
}
