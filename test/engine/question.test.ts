import { describe, expect, it } from 'vitest';
import { checkQuestion, MAX_QUESTION_CHARS } from '../../src/engine/question.js';

describe('checkQuestion', () => {
  it('rejects empty and whitespace-only questions', () => {
    expect(checkQuestion('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkQuestion('  \n\t \u200b')).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects emoji, punctuation and bare markup', () => {
    expect(checkQuestion('🙂🙂🙂')).toEqual({ ok: false, reason: 'no-words' });
    expect(checkQuestion('?!...')).toEqual({ ok: false, reason: 'no-words' });
    expect(checkQuestion('<b></b> **')).toEqual({ ok: false, reason: 'no-words' });
  });

  it('keeps HTML characters inside a real question', () => {
    expect(checkQuestion('Что строят в <Акмолинской> области & где?')).toEqual({
      ok: true,
      question: 'Что строят в <Акмолинской> области & где?',
      truncated: false,
    });
  });

  it('strips markup, script and style contents and entities: HTML around a question changes nothing', () => {
    const plain = 'Сколько воды сбрасывается из Астанинского водохранилища?';
    for (const dressed of [
      `<script>alert(1)</script> ${plain}`,
      `<p><b>Сколько</b> воды сбрасывается из Астанинского водохранилища?</p><style>p{margin:1}</style>`,
      `Сколько&nbsp;воды сбрасывается из Астанинского водохранилища&#63;`,
    ]) {
      expect(checkQuestion(dressed), dressed).toEqual({ ok: true, question: plain, truncated: false });
    }
    expect(checkQuestion('<script>alert(1)</script>')).toEqual({ ok: false, reason: 'no-words' });
  });

  it('cuts a huge question at a word border and says so', () => {
    const check = checkQuestion('вода '.repeat(2000));
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.truncated).toBe(true);
      expect(check.question.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
      expect(check.question.endsWith('вода')).toBe(true);
    }
  });
});
