import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('splits ordinary sentences at . ! ? and keeps the punctuation', () => {
    expect(splitSentences('Школа открыта. Почему так долго? Наконец-то!  Мы рады.')).toEqual([
      'Школа открыта.',
      'Почему так долго?',
      'Наконец-то!',
      'Мы рады.',
    ]);
  });

  it('never splits inside numbers written with spaces, commas and percents', () => {
    expect(
      splitSentences('В Алматы 1 065 дошкольных организаций, сбрасывается 9,95 кубометра, сельчан (80,6%) – 1,1 тыс. человек.'),
    ).toHaveLength(1);
  });

  it('does not split after abbreviations', () => {
    for (const text of [
      'Это было в г. Женева в 2019 г. Алматы вырос.',
      '1 ноября т.г. Комиссия собралась.',
      'Речь о реформе, т.е. Правительство решит.',
      'Построят 20 тыс. Тонн мяса, 5 млн тенге, 3 млрд. Тенге.',
      'Цена 10 руб. В месяц и 5 тг. За литр.',
      'Школа им. Абая на ул. Сатпаева, Алматинской обл. Готова, р-н. Медеу тоже.',
      'В 2019–2020 гг. Ожидается рост.',
    ]) {
      expect(splitSentences(text), text).toHaveLength(1);
    }
  });

  it('does not split initials, glued or spaced', () => {
    expect(splitSentences('Президент К.К.Токаев поручил. Аким Б. Сагинтаев ответил.')).toEqual([
      'Президент К.К.Токаев поручил.',
      'Аким Б. Сагинтаев ответил.',
    ]);
  });

  it('splits "и т.д." and "и др." when a capital follows, not when the sentence goes on', () => {
    expect(splitSentences('Школы, сады и т.д. Далее о спорте. Стандарты и др.Бояться не надо.')).toEqual([
      'Школы, сады и т.д.',
      'Далее о спорте.',
      'Стандарты и др.',
      'Бояться не надо.',
    ]);
    expect(splitSentences('Школы, сады и т.д. были открыты.')).toHaveLength(1);
  });

  it('splits sentences glued without a space, as in the listing page', () => {
    expect(
      splitSentences('ситуация такова:В Акмолинской области 9,95 кубометра в секунду.В Актюбинской области – 0,5.'),
    ).toEqual(['ситуация такова:', 'В Акмолинской области 9,95 кубометра в секунду.', 'В Актюбинской области – 0,5.']);
    expect(splitSentences('наполнены на 42%.В Восточно-Казахстанской области тоже.')).toHaveLength(2);
    // A quotation glued to the sentence before it opens a sentence of its own.
    expect(splitSentences('и подготовку кадров.«Год назад мы договорились», – сообщил министр.')).toEqual([
      'и подготовку кадров.',
      '«Год назад мы договорились», – сообщил министр.',
    ]);
  });

  it('does not split domains, e-mails and Latin names with dots', () => {
    expect(splitSentences('Пишите на press@mail.ru или www.gov.kz, см. Node.JS и ASP.NET сегодня.')).toHaveLength(1);
  });

  it('keeps «quotations» with several sentences intact, but splits after them', () => {
    expect(splitSentences('Он сказал: «Мы сделаем. Обещаю». Затем ушёл.')).toEqual([
      'Он сказал: «Мы сделаем. Обещаю».',
      'Затем ушёл.',
    ]);
  });

  it('treats newlines and "***" as borders and drops empty pieces', () => {
    expect(splitSentences('Заголовок без точки\nТекст статьи.\n\n***\nЕщё текст.***Сегодня у нас')).toEqual([
      'Заголовок без точки',
      'Текст статьи.',
      'Ещё текст.',
      'Сегодня у нас',
    ]);
  });

  it('starts a new sentence at a dialogue dash or a digit after a space', () => {
    expect(splitSentences('– Село – основа, – подчеркнул аким. – Решим всё. 2% – для районов.')).toEqual([
      '– Село – основа, – подчеркнул аким.',
      '– Решим всё.',
      '2% – для районов.',
    ]);
  });

  it('handles Kazakh text the same way', () => {
    expect(splitSentences('Қайырлы күн, ардақты ұстаздар!Жаңа оқу жылы басталды. Алматы қ. әкімі сөз сөйледі.')).toEqual([
      'Қайырлы күн, ардақты ұстаздар!',
      'Жаңа оқу жылы басталды.',
      'Алматы қ. әкімі сөз сөйледі.',
    ]);
  });
});
