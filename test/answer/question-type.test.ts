import { describe, expect, it } from 'vitest';
import { questionType, typeFit } from '../../src/answer/question-type.js';

describe('questionType', () => {
  it.each([
    ['Сколько не хватает врачей в Алматы?', 'сколько'],
    ['Какова мощность птицефабрики?', 'сколько'],
    ['Алматыда қанша дәрігер жетіспейді?', 'сколько'],
    ['Кто возглавляет Алматинскую область?', 'кто'],
    ['Когда завершится замена лифтов?', 'когда'],
    ['Где откроется футбольная школа?', 'где'],
    ['Что строят в Акмолинской области?', 'что'],
  ])('%s → %s', (q, type) => {
    expect(questionType(q)).toBe(type);
  });

  it('takes a street address for a place', () => {
    expect(typeFit('где', 'Заявки принимают: Усть-Каменогорск, ул. Киевская, 1.')).toBe(1);
    expect(typeFit('где', 'Приём ведётся на проспекте Абая.')).toBe(1);
    expect(typeFit('где', 'Заявки принимают до конца месяца.')).toBe(0);
  });

  it('fits sentences to the type', () => {
    expect(typeFit('сколько', 'Проживают около 1,6 млн человек.')).toBe(1);
    expect(typeFit('сколько', 'Проживают многие люди.')).toBe(0);
    expect(typeFit('когда', 'Работы завершатся до конца 2026 года.')).toBe(1);
    expect(typeFit('кто', 'Встречу открыл аким области Марат Султангазиев.')).toBe(1);
  });

  it('does not take the two-word name of a place or facility for a person', () => {
    expect(typeFit('кто', 'В регионе появятся новые локации: курортный кластер Ак Бура и зоны отдыха.')).toBe(0);
    expect(typeFit('кто', 'Вода поступила в село Кара Озек.')).toBe(0);
    expect(typeFit('кто', 'Проект реализует Асхат Машанов, учредитель школы.')).toBe(1);
  });

  it('reads counts written out, seasons and relative years, and a surname alone after a role', () => {
    expect(typeFit('сколько', 'В районе построят шесть новых школ.')).toBe(1);
    expect(typeFit('сколько', 'Семья получила квартиру в новом доме.')).toBe(0);
    expect(typeFit('когда', 'Работы на трассе завершатся летом.')).toBe(1);
    expect(typeFit('когда', 'Школу откроют в следующем году.')).toBe(1);
    expect(typeFit('когда', 'Школу откроют в новом микрорайоне.')).toBe(0);
    expect(typeFit('когда', 'В ближайшие 2-3 года завершится замена лифтов.')).toBe(1);
    expect(typeFit('кто', 'Об этом сообщил министр водных ресурсов Нуржигитов.')).toBe(1);
    // A region's or the country's name after a role is no person.
    expect(typeFit('кто', 'Совещание провёл аким Алматы вместе с активом.')).toBe(0);
    expect(typeFit('кто', 'Выступил министр здравоохранения Казахстана.')).toBe(0);
    expect(typeFit('кто', 'Приём провёл аким Алматинской области.')).toBe(0);
    // A role before an institution is a title, not a name and surname.
    expect(typeFit('кто', 'В этот день Глава Правительства РК провёл совещание.')).toBe(0);
  });

  it('does not take institutions for people, nor a name the question already gives', () => {
    expect(typeFit('кто', 'Доклад одобрила Комиссия при Президенте Республики Казахстан.')).toBe(0);
    expect(typeFit('кто', 'Представители Верховного суда и Генеральной прокуратуры выступили.')).toBe(0);
    expect(typeFit('кто', 'В этой связи президент НАН Ахылбек Куришбаев сообщил о приоритетах.')).toBe(1);
    const q = 'Какой аким участвовал в совещании с Аидой Балаевой?';
    expect(typeFit('кто', 'Об этом подчеркнула вице-премьер Аида Балаева.', q)).toBe(0);
    expect(typeFit('кто', 'На совещании выступил аким Дархан Сатыбалды.', q)).toBe(1);
  });
});

describe('a time stated in the accusative', () => {
  it('reads "на следующий год" as a date', () => {
    expect(typeFit('когда', 'Открытие школы запланировано на следующий год.')).toBe(1);
    expect(typeFit('когда', 'Открытие школы запланировано.')).toBe(0);
  });
});

describe('a date in a sentence', () => {
  it('is a month as a word of its own, not inside a name ("Жомарт") or another word ("принимаемых")', () => {
    expect(typeFit('когда', 'Касым-Жомарт Токаев подчеркнул важность принимаемых мер.')).toBe(0);
    expect(typeFit('когда', 'Работы начнутся в марте.')).toBe(1);
    expect(typeFit('когда', 'Форум пройдет в мае.')).toBe(1);
  });

  it('is a Kazakh month after a day\'s number', () => {
    expect(typeFit('когда', 'Тоқаевтың 2 қыркүйекте жариялаған Жолдауы.')).toBe(1);
    // "Қазан" alone is also a city and a cauldron.
    expect(typeFit('когда', 'Қазан қаласынан делегация келді.')).toBe(0);
  });
});
