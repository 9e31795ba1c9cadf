import type { Api } from 'grammy';
import type { Logger } from '../logger.js';
import { bestEffort } from './best-effort.js';

/** Telegram shows "typing…" for about 5 s, so it is renewed a little more often. */
export const TYPING_INTERVAL_MS = 4000;

/** Shows the typing indicator until the returned function is called. */
export function startTyping(api: Api, chatId: number, logger: Logger, intervalMs = TYPING_INTERVAL_MS): () => void {
  let failures = 0;
  const send = () => {
    // After two failures the method is evidently unavailable (some API emulators); stop asking.
    if (failures >= 2) return;
    void bestEffort(logger, 'sendChatAction', () => api.sendChatAction(chatId, 'typing')).then((ok) => {
      if (ok === undefined) failures++;
    });
  };
  send();
  const timer = setInterval(send, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
