import { describe, expect, it } from 'vitest';
import { ranksTheOtherEnd, saysTheOpposite } from '../../src/answer/degree.js';

describe('the ends of a scale', () => {
  it('a sentence ranking the other end does not answer a ranked question', () => {
    expect(ranksTheOtherEnd('В каких сферах самые большие зарплаты?', 'Самые низкие зарплаты – в дошкольном образовании.')).toBe(true);
    expect(ranksTheOtherEnd('В каком районе больше всего не хватает мест?', 'Минимальная потребность в Турксибском районе – 1686 мест.')).toBe(true);
    expect(ranksTheOtherEnd('Где меньше всего врачей?', 'Наибольший дефицит – в Алатауском районе.')).toBe(true);
  });

  it('keeps a sentence that ranks the asked end, or both, or nothing', () => {
    expect(ranksTheOtherEnd('В каких сферах самые большие зарплаты?', 'Самые высокие заработки – в финансах и страховании.')).toBe(false);
    expect(ranksTheOtherEnd('В каком районе больше всего не хватает мест?', 'Минимальная потребность в Турксибском районе – 1686 мест, а максимальная в Ауэзовском районе на 3785 мест.')).toBe(false);
    // "большое внимание" ranks nothing; a question that ranks nothing keeps every sentence.
    expect(ranksTheOtherEnd('Где самые низкие зарплаты?', 'Акимат уделяет большое внимание зарплатам.')).toBe(false);
    expect(ranksTheOtherEnd('Какие зарплаты у учителей?', 'Самые низкие зарплаты – в образовании.')).toBe(false);
  });

  it('word against word: the other end alone is the opposite', () => {
    expect(saysTheOpposite('Где выше цены?', 'Цены ниже, чем в прошлом году.')).toBe(true);
    expect(saysTheOpposite('Где выше цены?', 'Цены выше, чем в прошлом году.')).toBe(false);
  });
});
