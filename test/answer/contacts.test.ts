import { describe, expect, it } from 'vitest';
import { asksContact, statesContact } from '../../src/answer/contacts.js';
import { compose } from '../../src/answer/composition.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';
import { rankedPassage } from '../helpers/chunks.js';

const { thesaurus } = await loadShippedThesaurus();

describe('a contact asked', () => {
  it('tells a question for a way to reach someone and a line that gives one', () => {
    expect(asksContact('Куда обращаться работодателям насчёт конкурса?')).toBe(true);
    expect(asksContact('Куда звонить?')).toBe(true);
    expect(asksContact('Куда направят деньги?')).toBe(false);
    expect(statesContact('Усть-Каменогорск, ул. Киевская, 1, номер телефона 8/7232/205120.')).toBe(true);
    expect(statesContact('Приглашаем вас принять участие в конкурсе «Трудовой путь»!')).toBe(false);
  });

  it('answers "куда обращаться" with the article\'s address and phone, which repeat no word of the question', () => {
    const contest = rankedPassage(
      1,
      'Министерство труда объявляет о проведении конкурса «Трудовой путь». Приглашаем работодателей принять участие в конкурсе «Трудовой путь»! ' +
        'Усть-Каменогорск, ул. Киевская, 1, адрес электронной почты g.kabayeva@akimvko.gov.kz, номер телефона 8/7232/205120.',
    );
    const result = compose('Куда обращаться работодателям насчёт конкурса «Трудовой путь»?', [contest], { idf: () => 1 }, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('ул. Киевская, 1');
    expect(result.text).toContain('8/7232/205120');
  });
});
