import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

const TOKEN = '123456789:AAH-secret-token-value-abcdefghijklmn';
const KEY = 'sk-llm-key-0123456789abcdef';
const WEBHOOK = 'webhook-secret-0123456789';

function capture(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, [TOKEN, KEY, WEBHOOK, undefined], { write: (line: string) => void lines.push(line) });
  return { logger, text: () => lines.join('') };
}

describe('logger', () => {
  it('removes configured secrets from the message and from every string at any depth', () => {
    const { logger, text } = capture();
    logger.info(
      {
        dropped: [{ sentence: `Ваш токен ${TOKEN}, ключ ${KEY}.`, reason: 'no valid citation' }],
        deep: { a: { b: { c: [`url https://api.telegram.org/bot${TOKEN}/getMe`] } } },
        headers: { Authorization: `Bearer ${KEY}` },
      },
      `message with ${WEBHOOK}`,
    );
    const err = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
    logger.error({ err, context: { cause: err } }, 'failed');
    logger.child({ note: `bound ${KEY}` }).warn('child line');
    logger.warn(`%s and ${TOKEN}`, KEY);
    const out = text();
    for (const secret of [TOKEN, KEY, WEBHOOK]) expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
    // Everything around the secrets stays readable.
    expect(out).toContain('Ваш токен [REDACTED], ключ [REDACTED].');
    expect(out).toContain('sendMessage failed');
    expect(out).toContain('child line');
  });

  it('survives cyclic fields', () => {
    const { logger, text } = capture();
    const a: Record<string, unknown> = { name: KEY };
    a.self = a;
    logger.info({ a }, 'cycle');
    expect(text()).not.toContain(KEY);
    expect(text()).toContain('cycle');
  });
});
