import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { askAndReply } from '../ask.js';
import { escapeHtml } from '../../texts/html.js';
import { citationTitleHtml } from '../format.js';
import { decodeCallback, examplesKeyboard } from '../keyboards.js';
import { formatDateRu, messages } from '../../texts/ru.js';

const LATEST_COUNT = 5;
const html = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** /start, /help, /sources, /latest, and the example-question buttons of /start. */
export function commandsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('start', (ctx) =>
    ctx.reply(messages.welcome(deps.engine.stats()), { ...html, reply_markup: examplesKeyboard(deps.exampleQuestions) }),
  );

  composer.command('help', (ctx) => ctx.reply(messages.help(ctx.me.username), html));

  composer.command('sources', (ctx) => ctx.reply(messages.sources(deps.engine.stats()), html));

  composer.command('latest', (ctx) => {
    const items = deps.engine.latest(LATEST_COUNT);
    if (items.length === 0) return ctx.reply(messages.latestEmpty);
    const lines = items.map(
      (a, i) => `${i + 1}. ${citationTitleHtml(a)} — ${escapeHtml(a.source)}, ${formatDateRu(a.date)}`,
    );
    return ctx.reply(`${messages.latestTitle}\n\n${lines.join('\n')}`, html);
  });

  composer.callbackQuery(/^e:\d+$/, deps.questionLimit, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const question = action?.kind === 'example' ? deps.exampleQuestions[action.index] : undefined;
    await ctx.answerCallbackQuery();
    if (question) await askAndReply(ctx, question, deps);
  });

  return composer;
}
