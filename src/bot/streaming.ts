/**
 * Sending a rendered answer, optionally after streaming it: the first partial text becomes a plain
 * placeholder message that is edited at most once per interval, and the final formatted answer replaces it.
 */
import { GrammyError, type Api, type InlineKeyboard } from 'grammy';
import type { Logger } from '../logger.js';
import { bestEffort, loggableError } from './best-effort.js';
import { TELEGRAM_TEXT_LIMIT, truncate } from './format.js';

export const MIN_EDIT_INTERVAL_MS = 1000;

export interface OutgoingPart {
  html: string;
  keyboard?: InlineKeyboard;
}

const NO_PREVIEW = { link_preview_options: { is_disabled: true } } as const;

function replyTo(messageId: number | undefined) {
  return messageId === undefined ? {} : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}

/** Sends the parts in order; the keyboard, if any, rides on the part that carries it (the last). */
export async function sendParts(api: Api, chatId: number, parts: OutgoingPart[], replyToId?: number): Promise<void> {
  for (const [i, part] of parts.entries()) {
    await api.sendMessage(chatId, part.html, {
      parse_mode: 'HTML',
      ...NO_PREVIEW,
      ...(part.keyboard ? { reply_markup: part.keyboard } : {}),
      ...(i === 0 ? replyTo(replyToId) : {}),
    });
  }
}

function plainPreview(text: string): string {
  const trimmed = text.trim();
  return trimmed.length === 0 ? '…' : truncate(trimmed, TELEGRAM_TEXT_LIMIT);
}

const notModified = (err: unknown) => err instanceof GrammyError && /not modified/i.test(err.description);

export interface StreamingOptions {
  minEditIntervalMs?: number;
  replyToId?: number;
}

export class StreamingReply {
  private messageId: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  private latest = '';
  private shown = '';
  private started = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private lastEditAt = 0;
  private readonly minEditIntervalMs: number;

  constructor(
    private readonly api: Api,
    private readonly chatId: number,
    private readonly logger: Logger,
    private readonly options: StreamingOptions = {},
  ) {
    this.minEditIntervalMs = options.minEditIntervalMs ?? MIN_EDIT_INTERVAL_MS;
  }

  /** Suitable as AskOptions.onPartial: takes the whole text so far. */
  readonly push = (textSoFar: string): void => {
    if (this.closed) return;
    this.latest = textSoFar;
    if (!this.started) {
      this.started = true;
      this.lastEditAt = Date.now();
      this.enqueue(() => this.sendPlaceholder());
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastEditAt + this.minEditIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastEditAt = Date.now();
      this.enqueue(() => this.editPlain());
    }, wait);
  };

  /** Replaces the placeholder with the final answer (or sends it, when nothing was streamed). */
  async finish(parts: OutgoingPart[]): Promise<void> {
    await this.close();
    const [first, ...rest] = parts;
    if (this.messageId === undefined || !first) {
      await sendParts(this.api, this.chatId, parts, this.options.replyToId);
      return;
    }
    try {
      await this.api.editMessageText(this.chatId, this.messageId, first.html, {
        parse_mode: 'HTML',
        ...NO_PREVIEW,
        ...(first.keyboard ? { reply_markup: first.keyboard } : {}),
      });
    } catch (err) {
      if (!notModified(err)) {
        this.logger.warn({ err: loggableError(err) }, 'final edit of the streamed answer failed, sending it as a new message');
        await this.deletePlaceholder();
        await sendParts(this.api, this.chatId, parts, this.options.replyToId);
        return;
      }
    }
    await sendParts(this.api, this.chatId, rest);
  }

  /** Removes the placeholder after a failure, so a half answer does not stay in the chat. */
  async abandon(): Promise<void> {
    await this.close();
    await this.deletePlaceholder();
  }

  private async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step);
  }

  private async sendPlaceholder(): Promise<void> {
    const text = plainPreview(this.latest);
    const sent = await bestEffort(this.logger, 'sendMessage (stream placeholder)', () =>
      this.api.sendMessage(this.chatId, text, { ...NO_PREVIEW, ...replyTo(this.options.replyToId) }),
    );
    this.messageId = sent?.message_id;
    this.shown = text;
  }

  private async editPlain(): Promise<void> {
    const text = plainPreview(this.latest);
    if (this.messageId === undefined || text === this.shown) return;
    const messageId = this.messageId;
    await bestEffort(this.logger, 'editMessageText (stream)', () =>
      this.api.editMessageText(this.chatId, messageId, text, NO_PREVIEW),
    );
    this.shown = text;
  }

  private async deletePlaceholder(): Promise<void> {
    const messageId = this.messageId;
    this.messageId = undefined;
    if (messageId !== undefined) {
      await bestEffort(this.logger, 'deleteMessage (stream placeholder)', () => this.api.deleteMessage(this.chatId, messageId));
    }
  }
}
