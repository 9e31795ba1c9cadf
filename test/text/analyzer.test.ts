import { describe, expect, it } from 'vitest';
import { analyze, stem, stemKazakh, tokenize } from '../../src/text/analyzer.js';

describe('analyzer', () => {
  it('stems Russian inflections onto one term (Snowball)', () => {
    expect(stem('врачей')).toBe(stem('врачи'));
    expect(stem('области')).toBe(stem('областью'));
    expect(stem('водохранилища')).toBe(stem('водохранилищ'));
  });

  it('strips Kazakh plural, possessive and case endings', () => {
    expect(stemKazakh('дәрігерлерге')).toBe('дәрігер');
    expect(stemKazakh('мектептерінде')).toBe('мектеп');
    expect(stem('дәрігерлер')).toBe(stem('дәрігер'));
  });

  it('joins Russian and Kazakh forms of city names', () => {
    const kk = analyze('Алматыда қанша дәрігер жетіспейді?');
    const ru = analyze('Сколько врачей не хватает в Алматы?');
    expect(kk).toContain('алматы');
    expect(ru).toContain('алматы');
    expect(analyze('в Астане')).toEqual(analyze('Астана'));
    expect(analyze('Қазақстанның')).toEqual(analyze('Казахстана'));
    // The adjective names the region or a reservoir, not the city.
    expect(analyze('Астанинского')).not.toEqual(analyze('Астана'));
  });

  it('joins the forms of words whose vowel drops ("день", "ко Дню"), and drops "ко"', () => {
    expect(analyze('ко Дню Конституции')).toEqual(analyze('в День Конституции'));
    expect(analyze('месяцев')).toEqual(analyze('месяц'));
  });

  it('reads a number with a case ending as the number ("в 2020-м", "90-х")', () => {
    expect(analyze('в 2020-м')).toEqual(analyze('в 2020 году').slice(0, 1));
    expect(analyze('90-х')).toEqual(['90']);
    // Chat drops the hyphen: "на 3м месте", "5й класс".
    expect(analyze('на 3м месте')).toEqual(analyze('на 3-м месте'));
    expect(analyze('5й класс')).toEqual(['5', 'класс']);
    expect(analyze('3D')).toEqual(['3d']);
  });

  it('drops stop words and punctuation, keeps numbers', () => {
    expect(analyze('Что и как строят в <b>Акмолинской</b> области, 2025?')).toEqual(['стро', 'акмолинск', 'област', '2025']);
    // Question words say what kind of answer is wanted (answer/wanted.ts), not what it is about.
    expect(analyze('Почему и откуда чей закрыли школу?')).toEqual(analyze('закрыли школу'));
    expect(analyze('Мектеп неге жабылды?')).toEqual(analyze('Мектеп жабылды'));
  });

  it('drops Kazakh function words as it drops their Russian counterparts ("бір", "ең көп", "қазір")', () => {
    const terms = analyze('Шымбұлаққа бір күнде ең көп дегенде қанша адам келеді?');
    for (const word of ['бір', 'ең', 'көп', 'дег', 'дегенде']) expect(terms, word).not.toContain(word);
    expect(terms).toEqual(analyze('Шымбұлаққа күнде қанша адам келеді?'));
    expect(analyze('Алматыда қазір қанша мұғалім бар?')).not.toContain('қазір');
  });

  it('drops every form of "быть": "Когда будут выборы?" is about elections', () => {
    expect(analyze('Когда будут выборы?')).toEqual(analyze('Когда выборы?'));
    expect(analyze('Мы будем строить, вы будете жить')).toEqual(analyze('Мы строить, вы жить'));
  });

  it('keeps a two-letter abbreviation whole: "ИИ" is not the conjunction "и"', () => {
    expect(analyze('ИИ')).toEqual(['ии']);
    expect(analyze('ИИ и школы')).toEqual(['ии', ...analyze('школы')]);
  });

  it('reads a Kazakh case ending after an abbreviation\'s hyphen as the abbreviation ("ЖЭО-ның" = "ЖЭО")', () => {
    expect(analyze('ЖЭО-ның')).toEqual(analyze('ЖЭО'));
    expect(analyze('ТЭЦ-ке')).toEqual(analyze('ТЭЦ'));
    // Russian hyphenated words stay whole.
    expect(analyze('вице-премьер')).toEqual(['вице-премьер']);
  });

  it('drops every form of "какой": "По какому адресу…" is about the address', () => {
    expect(analyze('По какому адресу обращаться?')).toEqual(analyze('По адресу обращаться?'));
  });

  it('drops the forms of "кто" as it drops "кто"', () => {
    expect(analyze('У кого самые низкие зарплаты?')).toEqual(analyze('Самые низкие зарплаты?'));
  });

  it('normalizes ё and case', () => {
    expect(tokenize('ЁЛКА ёлка')).toEqual(['елка', 'елка']);
  });
});

describe('Latin letters with marks', () => {
  it('reads a Kazakh Latin name as people type it ("Qoldaý" is "Qoldau", "Jańa" is "Jana")', () => {
    expect(analyze('центр «Qoldaý»')).toEqual(analyze('центр Qoldau'));
    expect(analyze('Jańa Qazaqstan')).toEqual(analyze('Jana Qazaqstan'));
    // Cyrillic letters keep their marks: "й" is no "и".
    expect(analyze('йод')).not.toEqual(analyze('иод'));
  });
});

describe('a Russian word with Kazakh endings', () => {
  it('meets the Russian word when the Kazakh rules find no Kazakh stem', () => {
    expect(analyze('госуслуглардың')).toEqual(analyze('госуслуг'));
    expect(analyze('акиматтың')).toEqual(analyze('акимат'));
    expect(analyze('больницалардың')).toEqual(analyze('больница'));
  });

  it('leaves Kazakh words to the Kazakh rules', () => {
    expect(analyze('мектептердің')).toEqual(analyze('мектеп'));
    expect(analyze('адамдардың')).toEqual(['адам']);
  });
});

describe('a number with a measure adjective', () => {
  it('is read as the number and the measure, so "300-местная школа" counts places as "на 300 мест" does', () => {
    expect(analyze('300-местная школа')).toEqual(expect.arrayContaining(['300', ...analyze('мест')]));
    expect(analyze('100-часовую программу')).toEqual(expect.arrayContaining(['100', ...analyze('час')]));
  });

  it('leaves a noun alone: "30-летие" is an anniversary, not thirty years', () => {
    expect(analyze('30-летие')).not.toContain('30');
  });
});
