import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError, InlineKeyboard } from 'grammy';
import type { Logger } from '../logger.js';
import { analyze } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { escapeHtml } from '../texts/html.js';
import { safeUrl, truncate } from './format.js';
import { formatDateRu, messages } from '../texts/ru.js';
import type { Subscription, Subscriptions } from './subscription-store.js';
import type { PendingPush, PushLedger } from '../state/push-ledger.js';
import type { Pseudonyms } from '../state/pseudonym.js';
import pMap from 'p-map';

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
  /** Sends again the pushes whose sender died between claim and Telegram's answer (lease run out). */
  resume(): Promise<{ messages: number }>;
}

export interface PusherOptions {
  api: Pick<Api, 'sendMessage'>;
  subscriptions: Subscriptions;
  ledger: PushLedger<NewsItem>;
  /** Chats appear in logs only as these hashes. */
  ids: Pseudonyms;
  logger: Logger;
  /** How long a claimed push may take to reach Telegram before another poll sends it again. */
  leaseMs: number;
}

/** Chats served at once: each claim is followed by its send at once, so a lease never waits in a queue. */
const PUSH_CONCURRENCY = 8;
/** Sends of one push, at most; then it is given up (logged), so nothing waits in the ledger for ever. */
export const MAX_PUSH_ATTEMPTS = 5;
/** What a push message needs of an article's text (its lead): the ledger keeps no more of it. */
const STORED_TEXT_CHARS = 1_000;

/** The article key: its canonical URL (what the user sees), else its id. */
function articleKey(item: NewsItem): string {
  return item.url ?? item.id;
}

type Delivery = 'sent' | 'retry' | 'dropped';

export function createPusher(options: PusherOptions): Pusher {
  const { api, subscriptions, ledger, ids, logger, leaseMs } = options;
  const hashed = (chat: number) => ids.key('chat', chat);

  /** Sends one claimed push; settles it unless a later poll should try again. */
  const deliver = async (push: PendingPush<NewsItem>): Promise<Delivery> => {
    const { text, keyboard } = pushMessage(push.items);
    try {
      await api.sendMessage(push.chat, text, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
    } catch (err) {
      const code = err instanceof GrammyError ? err.error_code : undefined;
      // Only the hash and Telegram's own description: the error's payload holds the chat id and the text.
      const why = { chat: hashed(push.chat), attempt: push.attempt, code, err: err instanceof GrammyError ? err.description : (err as Error).message };
      if (code === 403) {
        // Blocked or kicked: the chat no longer wants anything from the bot.
        const removed = await subscriptions.clear(push.chat);
        await ledger.settle(push.id);
        logger.info({ ...why, removed }, 'push: chat blocked the bot, subscriptions removed');
        return 'dropped';
      }
      // A refusal that will not change (chat not found, bad request) or a push tried too often: given up.
      if ((code !== undefined && code !== 429 && code < 500) || push.attempt >= MAX_PUSH_ATTEMPTS) {
        await ledger.settle(push.id);
        logger.warn(why, 'push: message not sent, given up');
        return 'dropped';
      }
      // Left unsettled: when its lease runs out, a later poll sends it again.
      logger.warn({ ...why, retryInMs: leaseMs }, 'push: message not sent, will retry');
      return 'retry';
    }
    // Telegram has it. A crash before this settle is the one way left to push twice (see state/push-ledger.ts).
    await ledger.settle(push.id);
    return 'sent';
  };

  return {
    async notify(items) {
      const stems = new Map(items.map((i) => [i, analyze(`${i.title}\n${i.text}`)]));
      let sent = 0;
      let chats = 0;
      await pMap(
        await subscriptions.all(),
        async ([chat, subs]) => {
          const due = items.filter((i) => subs.some((s) => matches(s, i, stems.get(i))));
          if (due.length === 0) return;
          try {
            const push = await ledger.claim(chat, due.map((i) => ({ key: articleKey(i), item: { ...i, text: i.text.slice(0, STORED_TEXT_CHARS) } })), leaseMs);
            if (!push) return;
            chats++;
            if ((await deliver(push)) === 'sent') sent++;
          } catch (err) {
            // The ledger could not say (Redis down): nothing is sent rather than maybe twice.
            logger.warn({ chat: hashed(chat), err: (err as Error).message }, 'push: ledger unavailable, not sent');
          }
        },
        { concurrency: PUSH_CONCURRENCY },
      );
      if (items.length > 0) logger.info({ articles: items.length, chats, sent }, 'push: new articles sent to subscribers');
      return { chats, messages: sent };
    },

    async resume() {
      const pending = await ledger.reclaim(leaseMs);
      let sent = 0;
      await pMap(
        pending,
        async (push) => {
          if ((await deliver(push)) === 'sent') sent++;
        },
        { concurrency: PUSH_CONCURRENCY },
      );
      if (pending.length > 0) logger.info({ pending: pending.length, sent }, 'push: unconfirmed pushes sent again');
      return { messages: sent };
    },
  };
}
