import { describe, expect, it } from 'vitest';
import { compose, DEFAULT_EXTRACTIVE } from '../../src/answer/composition.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';
import { monthNumber } from '../../src/text/dates.js';
import { rankedPassage } from '../helpers/chunks.js';

const { thesaurus } = await loadShippedThesaurus();
const flat = { idf: () => 1 };

const passage = rankedPassage;

const farms = passage(
  1,
  'В целях снижения импортозависимости до 2027 года планируется реализация 31 проекта по строительству новых птицефабрик на общую сумму 388,8 млрд тенге. Общая мощность новых объектов составит 365 тыс. тонн мяса птицы в год.',
  'Птицефабрики',
);

describe('a follow-up answered by a sentence of one clause that also holds the told figure', () => {
  const first = compose('Сколько новых птицефабрик планируют построить до 2027 года?', [farms], flat, thesaurus);
  const previous = { question: 'Сколько новых птицефабрик планируют построить до 2027 года?', answer: first.text };

  it('quotes the phrase with the new figure and what it is for, without the told one', () => {
    expect(first.text).toContain('31 проекта');
    const second = compose('На какую сумму (новых птицефабрик планируют построить до 2027 года)?', [farms], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, previous);
    expect(second.text).toContain('388,8 млрд тенге');
    expect(second.text).toContain('по строительству новых птицефабрик');
    expect(second.text).not.toContain('31 проекта');
  });

  it('counts a cut it told as told: the next turn does not quote that sentence again', () => {
    const second = compose('На какую сумму (новых птицефабрик планируют построить до 2027 года)?', [farms], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, previous);
    const third = compose('Сколько мяса (новые птицефабрики) будут давать?', [farms], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, {
      question: 'На какую сумму (новых птицефабрик планируют построить до 2027 года)?',
      answer: second.text,
    });
    expect(third.text).toContain('365 тыс. тонн');
    expect(third.text).not.toContain('388,8');
  });

  it('keeps a range whole when nothing in it was told', () => {
    const prizes = passage(2, 'Победителей в шести номинациях ожидают денежные призы — от 300 тысяч до 1,5 миллиона тенге.', 'Фестиваль языка');
    const result = compose('Сколько денег получат победители фестиваля?', [prizes], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, {
      question: 'Сколько пользователей у бота?',
      answer: 'На сегодняшний день в системе зарегистрировано 3 146 пользователей. [1]',
    });
    expect(result.text).toContain('от 300 тысяч до 1,5 миллиона тенге');
  });
});

describe('month words', () => {
  it('are months with their endings, not longer words that start like one', () => {
    expect(monthNumber('наурызда')).toBe(3);
    expect(monthNumber('мая')).toBe(5);
    expect(monthNumber('Наурызбайском')).toBeUndefined();
    expect(monthNumber('майор')).toBeUndefined();
  });
});

describe('the place alone', () => {
  it('is no answer: a follow-up that swaps the city is not answered by a sentence that names the city and nothing of the topic', () => {
    const games = passage(3, 'В общем командном зачёте команда города Алматы заняла 1 место, второе место - город Шымкент, третье место - Алматинская область.', 'Спартакиада');
    const kindergartens = passage(5, 'По информации министра, в Алматы функционируют 1 065 дошкольных организаций, из которых 866 являются частными.', 'Детские сады');
    const result = compose('Сколько из них частных (дошкольных организаций работает в Шымкенте)?', [kindergartens, games], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, {
      question: 'Сколько из них частных (дошкольных организаций работает в Алматы)?',
      answer: '…из которых 866 являются частными. [1]',
    });
    expect(result.text).not.toContain('второе место');
  });
  it('still answers when the sentence names the topic by a phrase for it ("медицинских организаций" for "больниц")', () => {
    const health = passage(4, 'По словам министра, в Алматы функционируют 418 медицинских организаций, при этом кадровый дефицит превышает 1,1 тыс. специалистов.');
    expect(compose('Сколько в Алматы больниц и поликлиник?', [health], flat, thesaurus).text).toContain('418');
  });
});

describe('a clause that refers back', () => {
  const gardens = passage(1, 'В Алматы функционируют 1 065 дошкольных организаций, из которых 866 являются частными.');
  const districts = passage(2, 'Область объединяет 131 сельский округ, в которых 122 акима были избраны прямым голосованием.');

  it('keeps the clause it refers to: "из которых 866 являются частными" is quoted with the organisations it counts', () => {
    const previous = { question: 'Сколько медицинских организаций в Алматы?', answer: '…в Алматы функционируют 418 медицинских организаций… [1]' };
    const result = compose('Сколько из них частных в Алматы?', [gardens], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, previous);
    expect(result.text).toContain('1 065 дошкольных организаций, из которых 866');
  });

  it('but not a clause the previous answer told: "…в которых 122 акима…" after "131 сельский округ"', () => {
    const previous = { question: 'Сколько сельских округов в области?', answer: 'Область объединяет 131 сельский округ… [1]' };
    const result = compose('А сколько акимов избраны прямым голосованием в области?', [districts], flat, thesaurus, DEFAULT_EXTRACTIVE, {}, previous);
    expect(result.text).toContain('122 акима');
    expect(result.text).not.toContain('131');
  });
});
