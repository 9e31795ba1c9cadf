import { describe, expect, it } from 'vitest';
import { answersWanted, wantedOf } from '../../src/answer/wanted.js';
import { analyze } from '../../src/text/analyzer.js';

const terms = (text: string) => new Set(analyze(text));

describe('what a question wants', () => {
  it('reads a salary question without "сколько" as asking for a sum of the salary', () => {
    const wanted = wantedOf('Какая зарплата у сельских акимов?');
    expect(wanted.kind).toBe('money');
    const raise = 'Участники уделили внимание повышению заработных плат сотрудникам сельских акиматов.';
    expect(answersWanted(wanted, raise, terms(raise), 'Какая зарплата у сельских акимов?', () => ['заработн'])).toBe(false);
    const sum = 'Зарплата сельского акима составляет 250 тыс. тенге.';
    expect(answersWanted(wanted, sum, terms(sum), 'Какая зарплата у сельских акимов?')).toBe(true);
  });

  it('takes the kind from Kazakh question words', () => {
    expect(wantedOf('Алматыда қанша студент оқиды?').kind).toBe('count');
    expect(wantedOf('ЖЭО қашан салынады?').kind).toBe('date');
    expect(wantedOf('Облыс әкімі кім?').kind).toBe('person');
  });
});

describe('the role a person question names', () => {
  it('keeps a verb after the role out of the role', () => {
    const { focus } = wantedOf('Какой аким Кокшетау участвовал в совещании?');
    expect(focus).toEqual(analyze('Кокшетау'));
  });
});

describe('a town named with the role', () => {
  it("keeps a town inside an oblast as the role's focus, but not the oblast's own name", async () => {
    const { regionTerms } = await import('../../src/answer/evidence.js');
    const town = 'Кто аким Конаева?';
    expect(wantedOf(town, regionTerms(town)).focus).toEqual(analyze('Конаева'));
    const oblast = 'Кто аким Акмолинской области?';
    expect(wantedOf(oblast, regionTerms(oblast)).focus).toEqual([]);
  });
});
