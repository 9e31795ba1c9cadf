import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.js';

/**
 * Subscriptions per chat. The bot and the pusher see them through `Subscriptions`; one process keeps
 * them in subscriptions.json under STATE_DIR (rewritten atomically on every change), replicas in Redis
 * (state/subscriptions.ts), so a /subscribe taken by any replica reaches the leader that pushes.
 * The chat id is stored in clear: a push must be sent to it. It never reaches a log (only hashed).
 */

export type Subscription = { kind: 'region'; id: string; name: string } | { kind: 'keywords'; text: string };

export interface Subscriptions {
  list(chat: number): Promise<readonly Subscription[]>;
  /** Every chat with at least one subscription. */
  all(): Promise<Array<[number, readonly Subscription[]]>>;
  /** Adds a subscription; false when the chat already has it or is at the limit. */
  add(chat: number, sub: Subscription): Promise<boolean>;
  /** Removes the subscription at `index` of list(chat); the removed one, if any. */
  remove(chat: number, index: number): Promise<Subscription | undefined>;
  /** Removes every subscription of a chat (/unsubscribe, or the chat blocked the bot); how many. */
  clear(chat: number): Promise<number>;
}

export const SUBSCRIPTIONS_FILE = 'subscriptions.json';
/** Subscriptions one chat may hold. */
export const MAX_SUBSCRIPTIONS = 20;

export class FileSubscriptions implements Subscriptions {
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly chats: Map<number, Subscription[]>,
  ) {}

  static async open(stateDir: string): Promise<FileSubscriptions> {
    await mkdir(stateDir, { recursive: true });
    const chats = new Map<number, Subscription[]>();
    const subsFile = path.join(stateDir, SUBSCRIPTIONS_FILE);
    if (existsSync(subsFile)) {
      const saved = JSON.parse(await readFile(subsFile, 'utf8')) as { chats: Record<string, Subscription[]> };
      for (const [chat, subs] of Object.entries(saved.chats)) chats.set(Number(chat), subs);
    }
    return new FileSubscriptions(stateDir, chats);
  }

  async list(chat: number): Promise<readonly Subscription[]> {
    return this.chats.get(chat) ?? [];
  }

  async all(): Promise<Array<[number, readonly Subscription[]]>> {
    return [...this.chats].filter(([, subs]) => subs.length > 0);
  }

  add(chat: number, sub: Subscription): Promise<boolean> {
    return this.exclusive(async () => {
      const subs = this.chats.get(chat) ?? [];
      if (subs.some((s) => sameSubscription(s, sub)) || subs.length >= MAX_SUBSCRIPTIONS) return false;
      this.chats.set(chat, [...subs, sub]);
      await this.save();
      return true;
    });
  }

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

  clear(chat: number): Promise<number> {
    return this.exclusive(async () => {
      const count = this.chats.get(chat)?.length ?? 0;
      this.chats.delete(chat);
      if (count > 0) await this.save();
      return count;
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

export function sameSubscription(a: Subscription, b: Subscription): boolean {
  if (a.kind === 'region' && b.kind === 'region') return a.id === b.id;
  if (a.kind === 'keywords' && b.kind === 'keywords') return a.text.toLowerCase() === b.text.toLowerCase();
  return false;
}
