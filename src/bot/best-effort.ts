import { GrammyError } from 'grammy';
import type { Logger } from '../logger.js';

/**
 * What of an error goes into the log. A GrammyError carries the request payload, i.e. message texts,
 * which must not reach the log outside debug level; its method, code and description are enough.
 */
export function loggableError(err: unknown): unknown {
  if (!(err instanceof GrammyError)) return err;
  return { type: 'GrammyError', message: err.message, method: err.method, error_code: err.error_code, description: err.description };
}

/**
 * Runs an optional Telegram call (typing indicator, command list, menu button, cosmetic edits):
 * a failure is logged and swallowed, so it never stops the bot or an answer.
 */
export async function bestEffort<T>(logger: Logger, what: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    logger.warn({ err: loggableError(err), call: what }, `optional call failed: ${what}`);
    return undefined;
  }
}
