import { describe, expect, it } from 'vitest';
import { speaksOfAnotherPlace, statesNoVenue } from '../../src/answer/scope.js';

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

describe('where an event was held', () => {
  it('is not answered by a sentence that names a city but not the event ("команда города Алматы заняла 1 место")', () => {
    const q = 'В каком городе проходила V Летняя Спартакиада?';
    expect(statesNoVenue(q, 'В общем командном зачёте команда города Алматы заняла 1 место, второе место - город Шымкент.')).toBe(true);
    expect(statesNoVenue(q, 'V Летняя Спартакиада прошла в Туркестане.')).toBe(false);
    expect(statesNoVenue('Ол қай қалада өтті?', 'Команда города Алматы заняла 1 место.')).toBe(true);
  });

  it('is answered by a region beside the event, without a locative', () => {
    const q = 'Где прошел круглый стол о регистрации прав на недвижимость?';
    expect(statesNoVenue(q, 'Департаментом юстиции Атырауской области прошел круглый стол о регистрации прав.')).toBe(false);
  });
});

describe('a figure beside the country\'s name', () => {
  it('is the country\'s when the sentence has no word of the region, so a region\'s plant is not answered by the national total', () => {
    const q = 'Сколько курятины в год будет выпускать птицефабрика в Карагандинской области?';
    expect(speaksOfAnotherPlace(q, 'Общая мощность новых объектов составит 365 тыс. тонн мяса птицы в год, что укрепит позиции Казахстана на рынке.')).toBe(true);
    expect(speaksOfAnotherPlace(q, 'В регионе реанимируют птицефабрику мощностью 20 тыс. тонн мяса птицы в год для рынка Казахстана.')).toBe(false);
    expect(speaksOfAnotherPlace(q, 'Птицефабрика мощностью 20 тыс. тонн мяса птицы в год.')).toBe(false);
  });
});

