import { Composer, InlineKeyboard } from 'grammy';
import { detectRegions, REGIONS, regionName } from '../../corpus/regions.js';
import { bestEffort } from '../best-effort.js';
import type { BotContext } from '../context.js';
import { messages } from '../../texts/ru.js';
import { MAX_SUBSCRIPTIONS, type Subscription, type Subscriptions } from '../subscription-store.js';

/**
 * /subscribe <region or keywords> (a menu of regions without an argument), /subscriptions with a
 * remove button per subscription, /unsubscribe. Pushes themselves are sent by bot/push.ts.
 */

const SUBSCRIBE_REGION = /^sub:r:(\d+)$/;
const REMOVE = /^sub:x:(\d+)$/;
/** A region name with a word or two around it ("Абайская область") is a region; longer text is keywords. */
const MAX_REGION_WORDS = 3;

export function describeSubscription(sub: Subscription): string {
  return sub.kind === 'region' ? messages.subscriptions.region(sub.name) : messages.subscriptions.keywords(sub.text);
}

/** The argument of /subscribe as a subscription: a region when it names one and little else, else keywords. */
export function parseSubscription(argument: string): Subscription | null {
  const text = argument.replace(/\s+/g, ' ').trim().slice(0, 100);
  if (!text) return null;
  const regions = detectRegions(text);
  const [region] = regions;
  if (region !== undefined && regions.length === 1 && text.split(' ').length <= MAX_REGION_WORDS) return { kind: 'region', id: region, name: regionName(region) };
  return { kind: 'keywords', text };
}

function regionMenu(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  REGIONS.forEach((r, i) => {
    keyboard.text(r.name, `sub:r:${i}`);
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

function listView(subs: readonly Subscription[]): { text: string; keyboard?: InlineKeyboard } {
  if (subs.length === 0) return { text: messages.subscriptions.none };
  const keyboard = new InlineKeyboard();
  subs.forEach((_, i) => {
    keyboard.text(messages.subscriptions.removeButton(i + 1), `sub:x:${i}`);
    if (i % 3 === 2) keyboard.row();
  });
  return { text: messages.subscriptions.list(subs.map(describeSubscription)), keyboard };
}

export function subscriptionsFeature(store: Subscriptions): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const subscribe = async (ctx: BotContext, sub: Subscription) => {
    const what = describeSubscription(sub);
    const chat = ctx.chat?.id;
    if (chat === undefined) return;
    if (await store.add(chat, sub)) return ctx.reply(messages.subscriptions.added(what), { parse_mode: 'HTML' });
    const text = (await store.list(chat)).length >= MAX_SUBSCRIPTIONS ? messages.subscriptions.full(MAX_SUBSCRIPTIONS) : messages.subscriptions.already(what);
    return ctx.reply(text, { parse_mode: 'HTML' });
  };

  composer.command('subscribe', async (ctx) => {
    const sub = parseSubscription(ctx.match);
    if (!sub) return ctx.reply(messages.subscriptions.menu, { parse_mode: 'HTML', reply_markup: regionMenu() });
    return subscribe(ctx, sub);
  });

  composer.callbackQuery(SUBSCRIBE_REGION, async (ctx) => {
    const region = REGIONS[Number(SUBSCRIBE_REGION.exec(ctx.callbackQuery.data)?.[1] ?? -1)];
    await ctx.answerCallbackQuery();
    if (!region || !ctx.chat) return;
    await subscribe(ctx, { kind: 'region', id: region.id, name: region.name });
  });

  composer.command('subscriptions', async (ctx) => {
    const view = listView(await store.list(ctx.chat.id));
    return ctx.reply(view.text, { parse_mode: 'HTML', ...(view.keyboard ? { reply_markup: view.keyboard } : {}) });
  });

  composer.callbackQuery(REMOVE, async (ctx) => {
    if (!ctx.chat) return ctx.answerCallbackQuery();
    const removed = await store.remove(ctx.chat.id, Number(REMOVE.exec(ctx.callbackQuery.data)?.[1] ?? -1));
    await ctx.answerCallbackQuery(removed ? { text: messages.subscriptions.removed(removed.kind === 'region' ? removed.name : removed.text) } : { text: messages.subscriptions.gone });
    const view = listView(await store.list(ctx.chat.id));
    // The list is redrawn in place; if that fails, a new message says the same.
    const edited = await bestEffort(ctx.logger, 'editMessageText (subscriptions)', () =>
      ctx.editMessageText(view.text, { parse_mode: 'HTML', ...(view.keyboard ? { reply_markup: view.keyboard } : {}) }),
    );
    if (edited === undefined) await ctx.reply(view.text, { parse_mode: 'HTML', ...(view.keyboard ? { reply_markup: view.keyboard } : {}) });
  });

  composer.command('unsubscribe', async (ctx) => ctx.reply(messages.subscriptions.cleared(await store.clear(ctx.chat.id))));

  return composer;
}
