import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { bestEffort } from '../best-effort.js';
import { decodeCallback, regionKeyboard } from '../keyboards.js';
import { messages } from '../../texts/ru.js';

/** /region: a menu of the corpus regions; the choice narrows later answers until reset. */
export function regionFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('region', (ctx) => {
    const regions = deps.engine.regions();
    const current = ctx.session.region;
    if (regions.length === 0 && !current) return ctx.reply(messages.regionNone);
    return ctx.reply(messages.regionMenu(current?.name ?? null), {
      parse_mode: 'HTML',
      reply_markup: regionKeyboard(regions, current !== undefined),
    });
  });

  composer.callbackQuery(/^r:/, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (action?.kind !== 'region') return ctx.answerCallbackQuery();
    let text: string;
    if (action.id === null) {
      delete ctx.session.region;
      text = messages.regionCleared;
    } else {
      const region = deps.engine.regions().find((r) => r.id === action.id);
      if (!region) return ctx.answerCallbackQuery({ text: messages.regionUnknown, show_alert: true });
      ctx.session.region = { id: region.id, name: region.name };
      text = messages.regionSet(region.name);
    }
    await ctx.answerCallbackQuery();
    // Replacing the menu keeps the chat tidy; if that is impossible, a new message says the same.
    const edited = await bestEffort(ctx.logger, 'editMessageText (region menu)', () =>
      ctx.editMessageText(text, { parse_mode: 'HTML' }),
    );
    if (edited === undefined) await ctx.reply(text, { parse_mode: 'HTML' });
  });

  return composer;
}
