import { GrammyError } from 'grammy';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createPusher, matches, type NewsItem, type PusherOptions } from '../../src/bot/push.js';
import { FileSubscriptions, type Subscriptions } from '../../src/bot/subscription-store.js';
import { pseudonyms } from '../../src/state/pseudonym.js';
import { FilePushLedger } from '../../src/state/push-ledger.js';
import { buttons, callbackUpdate, createTestBot, tempDir, textUpdate } from './harness.js';

const FLOODS: NewsItem = {
  id: 'a1',
  title: 'Сброс воды из Кенгирского водохранилища',
  date: '2025-04-15',
  url: 'https://www.gov.kz/memleket/entities/water/press/news/details/961540',
  source: 'Министерство водных ресурсов',
  regions: ['ulytau'],
  text: 'Министерство водных ресурсов начало сброс воды для приёма паводковых вод. Уровень воды в реке поднялся на 40 сантиметров. Жителей предупредили заранее.',
};
const SCHOOL: NewsItem = {
  id: 'a2',
  title: 'В Семее открыли школу',
  date: '2025-04-14',
  url: 'https://example.kz/semey-school',
  source: 'Новости Абая',
  regions: ['abai'],
  text: 'В Семее открыли школу на 900 мест. В ней будут работать 70 учителей.',
};

const ids = pseudonyms('push-test-salt-0123456789');

/** A pusher over files in `dir`, as one process without Redis runs it. */
async function filePusher(dir: string, api: PusherOptions['api'], subscriptions: Subscriptions, logger = pino({ level: 'silent' })) {
  return createPusher({ api, subscriptions, ledger: await FilePushLedger.open<NewsItem>(dir), ids, logger, leaseMs: 60_000 });
}

async function subscribedBot() {
  const stateDir = tempDir();
  const store = await FileSubscriptions.open(stateDir);
  const t = await createTestBot({ stateDir, subscriptions: store });
  return { t, store, stateDir };
}

describe('/subscribe, /subscriptions, /unsubscribe', () => {
  it('offers a menu of regions without an argument and subscribes to the region tapped', async () => {
    const { t, stateDir } = await subscribedBot();
    await t.send(textUpdate('/subscribe'));
    const menu = buttons(t.callsOf('sendMessage').at(-1));
    const abai = menu.find((b) => b.text === 'область Абай')!;
    expect(menu).toHaveLength(20);
    await t.send(callbackUpdate(abai.callback_data!));
    expect(t.sentTexts().at(-1)).toContain('регион <b>область Абай</b>');
    // Stored durably: a new store over the same directory knows it.
    expect(await (await FileSubscriptions.open(stateDir)).list(42)).toEqual([{ kind: 'region', id: 'abai', name: 'область Абай' }]);
  });

  it('takes a region name or keywords as the argument, lists them with remove buttons, and removes them', async () => {
    const { t, store } = await subscribedBot();
    await t.send(textUpdate('/subscribe Абайская область'));
    await t.send(textUpdate('/subscribe паводки'));
    await t.send(textUpdate('/subscribe паводки'));
    expect(t.sentTexts().at(-1)).toContain('Вы уже подписаны: тема «паводки»');
    await t.send(textUpdate('/subscriptions'));
    const list = t.callsOf('sendMessage').at(-1)!;
    expect(String(list.payload.text)).toContain('1. регион <b>область Абай</b>');
    expect(String(list.payload.text)).toContain('2. тема «паводки»');
    await t.send(callbackUpdate(buttons(list)[0]!.callback_data!));
    expect(await store.list(42)).toEqual([{ kind: 'keywords', text: 'паводки' }]);
    expect(String(t.callsOf('editMessageText').at(-1)!.payload.text)).not.toContain('область Абай');
    await t.send(textUpdate('/unsubscribe'));
    expect(t.sentTexts().at(-1)).toContain('Удалено подписок: 1');
    expect(await store.list(42)).toEqual([]);
  });
});

describe('pushes', () => {
  it('matches regions and keyword stems in other word forms', () => {
    expect(matches({ kind: 'keywords', text: 'паводки' }, FLOODS)).toBe(true);
    expect(matches({ kind: 'keywords', text: 'паводки' }, SCHOOL)).toBe(false);
    expect(matches({ kind: 'region', id: 'abai', name: 'область Абай' }, SCHOOL)).toBe(true);
  });

  it('sends one message per chat (a digest for several), never the same article twice, also after a restart', async () => {
    const dir = tempDir();
    const store = await FileSubscriptions.open(dir);
    await store.add(1, { kind: 'keywords', text: 'паводки' });
    await store.add(2, { kind: 'keywords', text: 'паводки' });
    await store.add(2, { kind: 'region', id: 'abai', name: 'область Абай' });
    const sent: Array<{ chat: number; text: string; urls: string[] }> = [];
    const api = {
      sendMessage: async (chat: number | string, text: string, other?: { reply_markup?: unknown }) => {
        const keyboard = other?.reply_markup as { inline_keyboard?: Array<Array<{ url?: string }>> } | undefined;
        sent.push({ chat: Number(chat), text, urls: keyboard?.inline_keyboard?.flat().map((b) => b.url!) ?? [] });
        return {} as never;
      },
    };
    const pusher = await filePusher(dir, api, store);
    await pusher.notify([FLOODS, SCHOOL]);
    expect(sent).toHaveLength(2);
    const single = sent.find((s) => s.chat === 1)!;
    expect(single.text).toContain('Сброс воды из Кенгирского водохранилища');
    expect(single.text).toContain('Министерство водных ресурсов, 15.04.2025');
    expect(single.text).toContain('начало сброс воды для приёма паводковых вод. Уровень воды в реке поднялся на 40 сантиметров.');
    expect(single.urls).toEqual([FLOODS.url]);
    const digest = sent.find((s) => s.chat === 2)!;
    expect(digest.text).toContain('Новые материалы по вашим подпискам: 2');
    expect(digest.urls).toEqual([FLOODS.url, SCHOOL.url]);

    await pusher.notify([FLOODS, SCHOOL]);
    const restarted = await filePusher(dir, api, await FileSubscriptions.open(dir));
    await restarted.notify([FLOODS, SCHOOL]);
    expect(sent).toHaveLength(2);
  });

  it('drops the subscriptions of a chat that blocked the bot (403)', async () => {
    const dir = tempDir();
    const store = await FileSubscriptions.open(dir);
    await store.add(7, { kind: 'region', id: 'ulytau', name: 'область Ұлытау' });
    const api = {
      sendMessage: async () => {
        throw new GrammyError('Forbidden', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', {});
      },
    };
    await (await filePusher(dir, api, store)).notify([FLOODS]);
    expect(await store.list(7)).toEqual([]);
  });

  it('sends a push again when its send failed or its sender died before Telegram answered, once the lease runs out, and then never again', async () => {
    const dir = tempDir();
    const store = await FileSubscriptions.open(dir);
    const CHAT = 777000123;
    await store.add(CHAT, { kind: 'keywords', text: 'паводки' });
    const received: string[] = [];
    let down = true;
    const api = {
      sendMessage: async (_chat: number | string, text: string) => {
        if (down) throw new Error('Network request for sendMessage failed: socket hang up');
        received.push(text);
        return {} as never;
      },
    };
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const LEASE = 150;
    const pusher = createPusher({ api, subscriptions: store, ledger: await FilePushLedger.open<NewsItem>(dir), ids, logger, leaseMs: LEASE });
    await pusher.notify([FLOODS]);
    expect(received).toEqual([]);
    down = false;
    // Within the lease the claim is still its sender's: nothing goes out twice.
    expect(await pusher.resume()).toEqual({ messages: 0 });
    await new Promise((r) => setTimeout(r, LEASE + 20));
    // A restart in between (the ledger read back from its file) changes nothing.
    const restarted = createPusher({ api, subscriptions: store, ledger: await FilePushLedger.open<NewsItem>(dir), ids, logger, leaseMs: LEASE });
    expect(await restarted.resume()).toEqual({ messages: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('Сброс воды из Кенгирского водохранилища');
    await new Promise((r) => setTimeout(r, LEASE + 20));
    expect(await restarted.resume()).toEqual({ messages: 0 });
    await restarted.notify([FLOODS]);
    expect(received).toHaveLength(1);

    // Logs name the chat only by its hash.
    expect(lines.some((l) => l.includes('will retry'))).toBe(true);
    expect(lines.join('\n')).not.toContain(String(CHAT));
    expect(lines.join('\n')).toContain(ids.key('chat', CHAT));
  });
});
