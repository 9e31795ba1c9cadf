import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, writeFileAtomic } from '../shared/atomic-write.js';

/**
 * Subscriptions per chat (subscriptions.json, rewritten atomically on every change) and the push
 * ledger (pushed.jsonl: one fsynced line per chat and article, written before the message is sent),
 * both under STATE_DIR. The ledger is what makes a push at most once, across restarts.
 */

export type Subscription = { kind: 'region'; id: string; name: string } | { kind: 'keywords'; text: string };

export const SUBSCRIPTIONS_FILE = 'subscriptions.json';
export const LEDGER_FILE = 'pushed.jsonl';
/** Subscriptions one chat may hold. */
export const MAX_SUBSCRIPTIONS = 20;

export class SubscriptionStore {
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly chats: Map<number, Subscription[]>,
    private readonly pushed: Set<string>,
  ) {}

  static async open(stateDir: string): Promise<SubscriptionStore> {
    await mkdir(stateDir, { recursive: true });
    const chats = new Map<number, Subscription[]>();
    const subsFile = path.join(stateDir, SUBSCRIPTIONS_FILE);
    if (existsSync(subsFile)) {
      const saved = JSON.parse(await readFile(subsFile, 'utf8')) as { chats: Record<string, Subscription[]> };
      for (const [chat, subs] of Object.entries(saved.chats)) chats.set(Number(chat), subs);
    }
    const pushed = new Set<string>();
    const ledger = path.join(stateDir, LEDGER_FILE);
    if (existsSync(ledger)) {
      for (const line of (await readFile(ledger, 'utf8')).split('\n')) {
        // A torn last line was never followed by a send.
        try {
          const { chat, article } = JSON.parse(line) as { chat: number; article: string };
          pushed.add(ledgerKey(chat, article));
        } catch {
          continue;
        }
      }
    }
    return new SubscriptionStore(stateDir, chats, pushed);
  }

  list(chat: number): readonly Subscription[] {
    return this.chats.get(chat) ?? [];
  }

  /** Every chat with at least one subscription. */
  all(): Array<[number, readonly Subscription[]]> {
    return [...this.chats].filter(([, subs]) => subs.length > 0);
  }

  /** Adds a subscription; false when the chat already has it or is at the limit. */
  add(chat: number, sub: Subscription): Promise<boolean> {
    return this.exclusive(async () => {
      const subs = this.chats.get(chat) ?? [];
      if (subs.some((s) => sameSubscription(s, sub)) || subs.length >= MAX_SUBSCRIPTIONS) return false;
      this.chats.set(chat, [...subs, sub]);
      await this.save();
      return true;
    });
  }

  /** Removes the subscription at `index` of list(chat); the removed one, if any. */
  remove(chat: number, index: number): Promise<Subscription | undefined> {
    return this.exclusive(async () => {
      const subs = [...(this.chats.get(chat) ?? [])];
      const [removed] = subs.splice(index, 1);
      if (!removed) return undefined;
      this.chats.set(chat, subs);
      await this.save();
      return removed;
    });
  }

  /** Removes every subscription of a chat (/unsubscribe, or the chat blocked the bot). */
  clear(chat: number): Promise<number> {
    return this.exclusive(async () => {
      const count = this.chats.get(chat)?.length ?? 0;
      this.chats.delete(chat);
      if (count > 0) await this.save();
      return count;
    });
  }

  wasPushed(chat: number, article: string): boolean {
    return this.pushed.has(ledgerKey(chat, article));
  }

  /** Records pushes durably (fsync) before they are sent. */
  markPushed(chat: number, articles: readonly string[]): Promise<void> {
    return this.exclusive(async () => {
      const file = path.join(this.dir, LEDGER_FILE);
      const created = !existsSync(file);
      const handle = await open(file, 'a');
      try {
        await handle.write(articles.map((article) => `${JSON.stringify({ chat, article })}\n`).join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (created) await syncDirectory(this.dir);
      for (const a of articles) this.pushed.add(ledgerKey(chat, a));
    });
  }

  private save(): Promise<void> {
    const chats = Object.fromEntries([...this.chats].filter(([, s]) => s.length > 0));
    return writeFileAtomic(path.join(this.dir, SUBSCRIPTIONS_FILE), `${JSON.stringify({ chats }, null, 1)}\n`);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lock.then(task);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

function ledgerKey(chat: number, article: string): string {
  return `${chat}:${article}`;
}

export function sameSubscription(a: Subscription, b: Subscription): boolean {
  if (a.kind === 'region' && b.kind === 'region') return a.id === b.id;
  if (a.kind === 'keywords' && b.kind === 'keywords') return a.text.toLowerCase() === b.text.toLowerCase();
  return false;
}
