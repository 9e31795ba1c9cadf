import { describe, expect, it } from 'vitest';
import { checkQuestion, findQuestion, LONG_MESSAGE_CHARS, MAX_QUESTION_CHARS } from '../../src/engine/question.js';

describe('checkQuestion', () => {
  it('reads a Latin look-alike typed inside a Russian word as Cyrillic', () => {
    expect(checkQuestion('Сколько школ в Aлматы?')).toEqual({ ok: true, question: 'Сколько школ в Алматы?', truncated: false });
  });

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

  it('keeps a one-sentence message of no end of words to its last part, at a word border, and says so', () => {
    const check = checkQuestion('вода '.repeat(2000));
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.truncated).toBe(true);
      expect(check.question.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
      expect(check.question.startsWith('вода')).toBe(true);
      expect(check.question.endsWith('вода')).toBe(true);
    }
  });

  it('finds the question at the end of a long message, newlines and all', () => {
    const story = 'Мы живём в селе под Кокшетау, и воды нет уже месяц.\nАким обещал разобраться, но ничего не изменилось. '.repeat(8);
    const check = checkQuestion(`${story}\nКогда проведут водопровод в Акмолинской области?\nСпасибо.`);
    expect(check).toEqual({
      ok: true,
      question: 'Когда проведут водопровод в Акмолинской области?',
      truncated: true,
    });
  });
});

describe('findQuestion', () => {
  const story = 'У нас во дворе третий год стоит недостроенная школа, дети ездят учиться в соседний район. '.repeat(6);

  it('leaves a message of ordinary length as it is', () => {
    const q = 'Сколько врачей не хватает в Алматы? Интересует именно город.';
    expect(findQuestion(q)).toBe(q);
    expect(q.length).toBeLessThanOrEqual(LONG_MESSAGE_CHARS);
  });

  it('takes the last sentence with a question mark, even when chat writes on in lower case', () => {
    expect(findQuestion(`${story}сколько школ построят в Алматы? жду ответа`)).toBe('сколько школ построят в Алматы?');
  });

  it('joins the sentence before when the question names no place', () => {
    expect(findQuestion(`${story}Мы живём в Шымкенте. когда её достроят?`)).toBe('Мы живём в Шымкенте. когда её достроят?');
  });

  it('without a question mark, takes the last sentence with a question word (Russian or Kazakh)', () => {
    expect(findQuestion(`${story}Подскажите, когда достроят школу в Шымкенте. Заранее благодарю.`)).toContain(
      'когда достроят школу в Шымкенте',
    );
    expect(findQuestion(`${story}Көкшетауда жаңа ЖЭО қашан салынады. Рахмет.`)).toContain('Көкшетауда жаңа ЖЭО қашан салынады');
  });

  it('does not take a statement for a question: "что" counts only at the start', () => {
    const found = findQuestion(`${story}Что будет со школой в Алматы. Аким сказал, что всё решат.`);
    expect(found).toContain('Что будет со школой в Алматы');
  });

  it('leaves out the sentence before when both do not fit', () => {
    const long = `${'Очень длинное описание ситуации без единого вопроса и без точки '.repeat(6)}.`;
    expect(findQuestion(`${long} Сколько врачей не хватает в Алматы?`)).toBe('Сколько врачей не хватает в Алматы?');
  });
});
