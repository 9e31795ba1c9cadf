import { createHash } from 'node:crypto';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError, InlineKeyboard } from 'grammy';
import type { Logger } from '../logger.js';
import { analyze } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { escapeHtml } from '../texts/html.js';
import { safeUrl, truncate } from './format.js';
import { formatDateRu, messages } from '../texts/ru.js';
import type { Subscription, SubscriptionStore } from './subscription-store.js';

/** What a push needs to know about a new article (a corpus Article fits). */
export interface NewsItem {
  id: string;
  title: string;
  date: string | null;
  url: string | null;
  source: string;
  regions: readonly string[];
  text: string;
}

/** Entries of a digest shown with their first sentences; later ones with title and date only. */
const DIGEST_WITH_TEXT = 5;
const MAX_BUTTONS = 8;
const LEAD_CHARS = 300;

/** Keyword stems shorter than this must match a word's stem exactly, longer ones its start. */
const PREFIX_STEM = 4;

export function keywordStems(text: string): string[] {
  return [...new Set(analyze(text))];
}

/** Does an article match a subscription: its regions, or every keyword stem in its title and text. */
export function matches(sub: Subscription, item: NewsItem, articleStems?: readonly string[]): boolean {
  if (sub.kind === 'region') return item.regions.includes(sub.id);
  const wanted = keywordStems(sub.text);
  if (wanted.length === 0) return false;
  const stems = articleStems ?? analyze(`${item.title}\n${item.text}`);
  return wanted.every((w) => stems.some((s) => s === w || (w.length >= PREFIX_STEM && s.startsWith(w))));
}

/** The first one or two sentences, at most LEAD_CHARS. */
export function lead(text: string): string {
  const sentences = splitSentences(text.split(/\n{2,}/)[0] ?? text);
  const first = sentences.slice(0, 1).join(' ');
  const two = sentences.slice(0, 2).join(' ');
  return truncate(two.length <= LEAD_CHARS ? two : first, LEAD_CHARS);
}

export function pushMessage(items: readonly NewsItem[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const linked = items.flatMap((item, i) => {
    const url = safeUrl(item.url);
    return url ? [{ n: i + 1, title: item.title, url }] : [];
  }).slice(0, MAX_BUTTONS);
  if (items.length === 1) {
    const [a] = items as [NewsItem];
    const text = messages.push.single(escapeHtml(a.title), escapeHtml(a.source), formatDateRu(a.date), escapeHtml(lead(a.text)));
    const url = safeUrl(a.url);
    if (url) keyboard.url(messages.push.open, url);
    return { text, keyboard };
  }
  const entries = items.map((a, i) =>
    messages.push.digestEntry(i + 1, escapeHtml(a.title), escapeHtml(a.source), formatDateRu(a.date), i < DIGEST_WITH_TEXT ? escapeHtml(lead(a.text)) : null),
  );
  linked.forEach((a) => keyboard.url(`${a.n}. ${truncate(a.title, 40)}`, a.url).row());
  return { text: messages.push.digest(items.length, entries), keyboard };
}

/** Throttled Bot API for broadcasts: Telegram's global and per-chat limits, queued rather than refused. */
export function broadcastApi(token: string, apiRoot?: string): Api {
  const api = new Api(token, apiRoot ? { apiRoot } : undefined);
  api.config.use(apiThrottler());
  return api;
}

export interface Pusher {
  /** Pushes new articles to the chats they match; one message per chat (a digest when several). */
  notify(items: readonly NewsItem[]): Promise<{ chats: number; messages: number }>;
}

function chatHash(chat: number): string {
  return createHash('sha256').update(`chat:${chat}`).digest('hex').slice(0, 12);
}

export function createPusher(options: { api: Pick<Api, 'sendMessage'>; store: SubscriptionStore; logger: Logger }): Pusher {
  const { api, store, logger } = options;
  return {
    async notify(items) {
      const stems = new Map(items.map((i) => [i, analyze(`${i.title}\n${i.text}`)]));
      let sent = 0;
      let chats = 0;
      await Promise.all(
        store.all().map(async ([chat, subs]) => {
          const key = (i: NewsItem) => i.url ?? i.id;
          const due = items.filter((i) => !store.wasPushed(chat, key(i)) && subs.some((s) => matches(s, i, stems.get(i))));
          if (due.length === 0) return;
          chats++;
          // Recorded first: a crash between the two loses a push rather than repeating it.
          await store.markPushed(chat, due.map(key));
          const { text, keyboard } = pushMessage(due);
          try {
            await api.sendMessage(chat, text, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
            sent++;
          } catch (err) {
            if (err instanceof GrammyError && err.error_code === 403) {
              // Blocked or kicked: the chat no longer wants anything from the bot.
              const removed = await store.clear(chat);
              logger.info({ chat: chatHash(chat), removed }, 'push: chat blocked the bot, subscriptions removed');
              return;
            }
            logger.warn({ chat: chatHash(chat), err: (err as Error).message }, 'push: message not sent');
          }
        }),
      );
      if (items.length > 0) logger.info({ articles: items.length, chats, sent }, 'push: new articles sent to subscribers');
      return { chats, messages: sent };
    },
  };
}
