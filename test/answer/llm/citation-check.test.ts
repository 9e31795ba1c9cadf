import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  NO_ANSWER_TOKEN,
  unsupportedNumbers,
} from '../../../src/answer/llm/citation-check.js';
import { splitSentences } from '../../../src/text/sentences.js';

const passages = [
  'В 2024 году в Шымкенте построили 12 школ на 1 065 мест.',
  'Тариф на воду вырос до 9,95 тенге за кубометр с 05.03.2024.',
  'Аким области провёл приём граждан.',
];

describe('checkAnswer', () => {
  it('keeps cited sentences and renumbers markers by first appearance', () => {
    const checked = checkAnswer('Тариф вырос до 9,95 тенге [2]. В Шымкенте построили 12 школ [1][2].', passages);
    expect(checked.text).toBe('Тариф вырос до 9,95 тенге [1]. В Шымкенте построили 12 школ [2][1].');
    expect(checked.cited).toEqual([2, 1]);
    expect(checked.dropped).toEqual([]);
  });

  it('removes markers that point to no passage and drops sentences left without one', () => {
    const checked = checkAnswer('Аким провёл приём [3][7]. Школы строят быстро [7].', passages);
    expect(checked.text).toBe('Аким провёл приём [1].');
    expect(checked.cited).toEqual([3]);
    expect(checked.dropped).toEqual([{ sentence: 'Школы строят быстро [7].', reason: 'no valid citation' }]);
  });

  it('splits grouped markers like [1, 3] and keeps only the valid ones', () => {
    expect(checkAnswer('Построили 12 школ [1, 9, 3].', passages).text).toBe('Построили 12 школ [1][2].');
  });

  it('drops sentences without any marker', () => {
    const checked = checkAnswer('Вот что известно. Аким провёл приём граждан [3].', passages);
    expect(checked.text).toBe('Аким провёл приём граждан [1].');
    expect(checked.dropped.map((d) => d.sentence)).toEqual(['Вот что известно.']);
  });

  it('removes a sentence whose number drifted from the cited passage', () => {
    const checked = checkAnswer('Тариф вырос до 9,9 тенге [2]. Построили 12 школ [1].', passages);
    expect(checked.text).toBe('Построили 12 школ [1].');
    expect(checked.cited).toEqual([1]);
    expect(checked.dropped[0]!.reason).toContain('9.9');
  });

  it('requires the number to be in a cited passage, not just any passage', () => {
    const checked = checkAnswer('Аким открыл 12 школ [3].', passages);
    expect(checked.cited).toEqual([]);
    expect(checked.text).toBe('');
  });

  it('treats years and small numbers as figures too', () => {
    expect(checkAnswer('Школы построили в 2025 году [1].', passages).cited).toEqual([]);
    expect(checkAnswer('Построили 13 школ [1].', passages).cited).toEqual([]);
  });

  it('keeps a sentence that ends with a marker after the period', () => {
    const checked = checkAnswer('Построили 12 школ. [1] Аким провёл приём [3].', passages);
    expect(checked.text).toBe('Построили 12 школ. [1] Аким провёл приём [2].');
  });

  it('keeps list layout and drops emptied items', () => {
    const checked = checkAnswer('- Построили 12 школ [1].\n- Без ссылки.\n- Аким провёл приём [3].', passages);
    expect(checked.text).toBe('- Построили 12 школ [1].\n- Аким провёл приём [2].');
  });

  it('recognises the no-answer token and plain refusals, but not a cited answer', () => {
    expect(checkAnswer(NO_ANSWER_TOKEN, passages).refused).toBe(true);
    expect(checkAnswer('Во фрагментах нет информации о ценах на хлеб.', passages).refused).toBe(true);
    const partial = checkAnswer('Построили 12 школ [1]. Данных о больницах нет.', passages);
    expect(partial.refused).toBe(false);
    expect(partial.text).toBe('Построили 12 школ [1].');
  });

  it('does not call an uncited, non-refusing text a refusal', () => {
    expect(checkAnswer('Школы строят повсюду.', passages).refused).toBe(false);
  });
});

describe('unsupportedNumbers', () => {
  it('matches numbers however digit groups and decimal marks are written', () => {
    expect(unsupportedNumbers('мест 1065, тариф 9.95', passages)).toEqual([]);
    expect(unsupportedNumbers('мест 1 065', ['мест 1065'])).toEqual([]);
    expect(unsupportedNumbers('мест 1\u00a0065', ['мест 1 065'])).toEqual([]);
    expect(unsupportedNumbers('тариф 9,95', ['тариф 9.95'])).toEqual([]);
    expect(unsupportedNumbers('мест 1 066', ['мест 1 065'])).toEqual(['1066']);
  });

  it('reads a numeric date as day, month and year', () => {
    expect(unsupportedNumbers('с 5 марта 2024 года', [passages[1]!])).toEqual([]);
    expect(unsupportedNumbers('с 6 марта 2024 года', [passages[1]!])).toEqual(['6']);
  });

  it('ignores the numbers inside citation markers', () => {
    expect(unsupportedNumbers('Аким провёл приём [3].', [passages[2]!])).toEqual([]);
  });
});

describe('splitSentences with citation markers', () => {
  it('does not split after abbreviations or before lower-case words', () => {
    expect(splitSentences('Приём прошёл в г. Алматы [1]. Затем т. е. позже [2].', { markers: true })).toEqual([
      'Приём прошёл в г. Алматы [1].',
      'Затем т. е. позже [2].',
    ]);
  });
});

describe('splitSentences with citation markers', () => {
  it('keeps a marker written after the full stop with the sentence it closes', () => {
    expect(splitSentences('Построили 12 школ в 2024 г. [1] Далее откроют ещё две [2].', { markers: true })).toEqual([
      'Построили 12 школ в 2024 г. [1]',
      'Далее откроют ещё две [2].',
    ]);
  });
});

describe('checkAnswer: links, contacts, secrets and instructions', () => {
  const source = 'Записаться можно на портале egov.kz/services, перейдите на сайт egov.kz или позвоните 8 (7172) 74-00-00.';

  it('keeps links, phones and instructions that the cited passage gives', () => {
    const raw = 'Записаться можно на egov.kz [1]. Для записи перейдите на сайт egov.kz [1]. Телефон 8 (7172) 74-00-00 [1].';
    expect(checkAnswer(raw, [source]).dropped).toEqual([]);
  });

  it('drops a link, an e-mail or a phone number the cited passage does not give', () => {
    const checked = checkAnswer('Подробнее на egov-kz.com/login [1]. Пишите на help@evil.example [1]. Звоните 8 (7172) 00-74-00 [1].', [source]);
    expect(checked.dropped.map((d) => d.reason)).toEqual([
      'link or e-mail not in cited passages: egov-kz.com/login',
      'link or e-mail not in cited passages: help@evil.example',
      // Every number of it is in the passage, but not as this phone number.
      'phone number not in cited passages: 7172007400',
    ]);
  });

  it('drops an instruction to enter a password or send a code, in Russian, Kazakh or English', () => {
    for (const sentence of [
      'Введите пароль от личного кабинета [1].',
      'Сообщите код из SMS специалисту [1].',
      'Құпия сөзді енгізіңіз [1].',
      'Please enter your password [1].',
      'Переведите деньги на карту для предоплаты [1].',
    ]) {
      expect(checkAnswer(sentence, [source]).dropped, sentence).toHaveLength(1);
    }
  });

  it('drops a sentence holding a configured secret, and does not mistake amounts or dates for phones', () => {
    const secret = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345';
    expect(checkAnswer(`Токен бота ${secret} [1].`, [source], { secrets: [secret] }).dropped).toHaveLength(1);
    const budget = 'Бюджет составил 1 065 000 000 тенге 05.03.2024.';
    expect(checkAnswer('Бюджет составил 1 065 000 000 тенге 05.03.2024 [1].', [budget]).dropped).toEqual([]);
  });
});

