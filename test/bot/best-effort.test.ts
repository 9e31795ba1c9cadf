import { GrammyError } from 'grammy';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bestEffort } from '../../src/bot/best-effort.js';

describe('bestEffort', () => {
  it('swallows a failed optional call and logs it without the message text it carried', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const failing = () =>
      Promise.reject(
        new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 'sendMessage', {
          chat_id: 1,
          text: 'секретный текст ответа',
        }),
      );
    expect(await bestEffort(logger, 'sendMessage', failing)).toBeUndefined();
    expect(await bestEffort(logger, 'getMe', async () => 'ok')).toBe('ok');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('chat not found');
    expect(lines[0]).not.toContain('секретный текст');
  });
});
