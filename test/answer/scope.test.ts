import { describe, expect, it } from 'vitest';
import { speaksOfAnotherPlace } from '../../src/answer/scope.js';

describe('the place a figure is stated for', () => {
  const q = 'Какой уровень цифровой грамотности в Алматы, сколько процентов?';

  it('is the country when the sentence states the country\'s figure', () => {
    expect(speaksOfAnotherPlace(q, 'В стране уровень цифровой грамотности составляет 80%.')).toBe(true);
  });

  it('is not the country where the asked place only ranks in it ("самый высокий в стране")', () => {
    expect(speaksOfAnotherPlace(q, 'Сегодня в городе самый высокий в стране уровень цифровой грамотности (82,6%).')).toBe(false);
    expect(speaksOfAnotherPlace(q, 'Город занимает первое место в Казахстане по цифровой грамотности (82,6%).')).toBe(false);
  });
});
