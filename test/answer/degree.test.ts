import { describe, expect, it } from 'vitest';
import { ranksTheAskedEnd, ranksTheOtherEnd, saysTheOpposite } from '../../src/answer/degree.js';

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

  it('tells a sentence ranking the asked end', () => {
    expect(ranksTheAskedEnd('В каком районе больше всего не хватает мест?', 'Минимальная потребность в Турксибском районе, а максимальная в Ауэзовском.')).toBe(true);
    expect(ranksTheAskedEnd('Где меньше всего врачей?', 'Наименьший дефицит – в Медеуском районе.')).toBe(true);
    expect(ranksTheAskedEnd('Где меньше всего врачей?', 'Наибольший дефицит – в Алатауском районе.')).toBe(false);
    // Plain "больше" ranks nothing, in the question or the sentence.
    expect(ranksTheAskedEnd('Где больше врачей, в Алматы или в Шымкенте?', 'Наибольший дефицит – в Алатауском районе.')).toBe(false);
    expect(ranksTheAskedEnd('В каком районе больше всего не хватает мест?', 'Больше мест в Алатауском районе.')).toBe(false);
  });
});
