import { describe, expect, it } from 'vitest';
import { FakeEngine } from './fake-engine.js';
import { buttons, createTestBot, textUpdate } from './harness.js';

const QUESTION = 'Сколько врачей в Шымкенте?';

describe('streaming answers (LLM answerer calling onPartial)', () => {
  it('sends a plain placeholder, edits it at most once per interval, then replaces it with the formatted answer', async () => {
    const t = await createTestBot({ engine: new FakeEngine({ streamDelayMs: 20 }), minEditIntervalMs: 150 });
    await t.send(textUpdate(QUESTION));

    const sent = t.callsOf('sendMessage');
    expect(sent).toHaveLength(1);
    const placeholder = sent[0]!;
    expect(placeholder.payload.parse_mode).toBeUndefined();
    expect(String(placeholder.payload.text)).toBe('В');

    const edits = t.callsOf('editMessageText');
    const plain = edits.filter((e) => e.payload.parse_mode === undefined);
    const final = edits.at(-1)!;
    expect(plain.length).toBeGreaterThanOrEqual(2);
    // Each plain edit shows more of the answer than the one before.
    const lengths = plain.map((e) => String(e.payload.text).length);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    // Throttled: ~one edit per interval (a little slack for timer jitter).
    const times = [placeholder.at, ...plain.map((e) => e.at)];
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(140);

    expect(final.payload.parse_mode).toBe('HTML');
    expect(final.payload.message_id).toBe(1001);
    expect(String(final.payload.text)).toContain('[1] <a href="https://example.kz/shymkent-doctors">');
    expect(buttons(final).map((b) => b.text)).toEqual(expect.arrayContaining(['📄 Фрагмент 1', '👍']));
  });

  it('falls back to a new message when the final edit fails, and removes the placeholder', async () => {
    const t = await createTestBot({
      engine: new FakeEngine({ streamDelayMs: 5 }),
      minEditIntervalMs: 50,
      failing: ['editMessageText'],
    });
    await t.send(textUpdate(QUESTION));
    const sent = t.callsOf('sendMessage');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.payload.parse_mode).toBe('HTML');
    expect(String(sent[1]!.payload.text)).toContain('300 молодых врачей');
    expect(t.callsOf('deleteMessage')[0]?.payload.message_id).toBe(1001);
  });

  it('does not stream when the engine gives no partials (extractive answers)', async () => {
    const t = await createTestBot();
    await t.send(textUpdate(QUESTION));
    expect(t.callsOf('editMessageText')).toHaveLength(0);
    expect(t.callsOf('sendMessage')).toHaveLength(1);
  });
});
