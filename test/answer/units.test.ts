import { describe, expect, it } from 'vitest';
import { statesAnotherUnit } from '../../src/answer/units.js';
import { analyze } from '../../src/text/analyzer.js';
import { answersWanted, wantedOf } from '../../src/answer/wanted.js';

describe('a value asked in a unit', () => {
  const q = 'А какой там уровень воды в метрах сейчас?';

  it('is not answered by a figure in another unit', () => {
    const flow = 'Из Кенгирского водохранилища сбрасывается 81,4 кубометров воды в секунду.';
    expect(statesAnotherUnit(q, flow)).toBe(true);
    expect(answersWanted(wantedOf(q), flow, new Set(analyze(flow)), q)).toBe(false);
  });

  it('is answered in the unit, written out or shortened', () => {
    expect(statesAnotherUnit(q, 'Уровень воды поднялся на 2 м.')).toBe(false);
    expect(statesAnotherUnit(q, 'Уровень воды – 3,5 метра.')).toBe(false);
    expect(statesAnotherUnit('Какая площадь в гектарах?', 'Площадь парка 40 га.')).toBe(false);
    // "метр" is not "кубометр" and not "километр".
    expect(statesAnotherUnit('Сколько в километрах?', 'Длина 40 метров.')).toBe(true);
  });

  it('asks nothing of a question without a unit', () => {
    expect(statesAnotherUnit('Какова длина дороги?', 'Длина 40 км.')).toBe(false);
  });
});
