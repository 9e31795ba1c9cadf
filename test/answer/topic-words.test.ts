import { describe, expect, it } from 'vitest';
import { compose } from '../../src/answer/composition.js';
import { typeFit } from '../../src/answer/question-type.js';
import { wantedOf } from '../../src/answer/wanted.js';
import { opensOwnTopic } from '../../src/answer/topic-words.js';
import { NOT_FOUND } from '../../src/texts/ru.js';
import { analyze, analyzeAs } from '../../src/text/analyzer.js';
import { relatedOf } from '../../src/retrieval/thesaurus.js';
import { rankedPassage as passage } from '../helpers/chunks.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';

const { thesaurus } = await loadShippedThesaurus();
const flat = { idf: () => 1 };

describe('what a question is about', () => {
  it('does not take the country for the topic: a sentence that only shares "Казахстан" and a date is no answer', () => {
    const farms = passage(1, 'Добавим, что в 2024 году в Казахстане было реализовано 11 крупных проектов по строительству птицефабрик на сумму 8,6 млрд тенге.');
    expect(compose('Когда в Казахстане построят атомную электростанцию?', [farms], flat, thesaurus).text).toBe(NOT_FOUND);
  });

  it('still answers a question about the country when the sentence states its topic', () => {
    const farms = passage(1, 'Добавим, что в 2024 году в Казахстане было реализовано 11 крупных проектов по строительству птицефабрик на сумму 8,6 млрд тенге.');
    const answer = compose('Сколько птицефабрик построили в Казахстане в 2024 году?', [farms], flat, thesaurus);
    expect(answer.text).toContain('11 крупных проектов');
  });
});

describe('a verb of allocating', () => {
  it('puts no sentence on the topic of "Когда в Алматы выделят участок под кладбище?" because something else is allocated there', () => {
    const colleges = passage(1, 'В Алматы гранты на обучение в колледжах выделят в мае следующего года.');
    expect(compose('Когда в Алматы выделят участок под кладбище?', [colleges], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('an event verb', () => {
  it('does not put a sentence on the topic of "Когда пройдет курултай?" because something else "пройдет"', () => {
    const action = passage(1, 'Акция пройдет в два этапа: с марта по май – в Туркестанской и Кызылординской областях.');
    expect(compose('Когда пройдет курултай в Кызылординской области?', [action], flat, thesaurus).text).toBe(NOT_FOUND);
    const kurultai = passage(2, 'Заседание курултая пройдет 14 марта следующего года в Кызылординской области.');
    expect(compose('Когда пройдет курултай в Кызылординской области?', [kurultai], flat, thesaurus).text).toContain('14 марта');
  });
});

describe('a place written after its abbreviation', () => {
  it('reads "в г. Женева" as a place for "где"', () => {
    expect(typeFit('где', '7 ноября 2019 года в г. Женева состоялась защита доклада.')).toBe(1);
    expect(typeFit('где', 'Ярмарка прошла в с. Катарколь.')).toBe(1);
  });
});

describe('a date given as a season or a part of a year', () => {
  it('reads "на лето следующего года", "к концу года" as dates for "когда"', () => {
    expect(typeFit('когда', 'Запуск футбольной школы намечен на лето следующего года.')).toBe(1);
    expect(typeFit('когда', 'Работы завершат к концу года.')).toBe(1);
    expect(typeFit('когда', 'Работы ведутся в две смены.')).toBe(0);
  });
});

describe('a Kazakh name the news writes the Russian way', () => {
  it('finds "Шүлбі" in "Шульбинского" (Russian adds a soft sign Kazakh has not)', () => {
    const release = passage(
      1,
      'Из Бухтарминского водохранилища сбрасывается 465 кубометров воды в секунду. Из Шульбинского водохранилища в области Абай сбрасывается 648 кубометров воды в секунду.',
    );
    const answer = compose('Шүлбі су қоймасынан секундына қанша текше метр су жіберіледі?', [release], flat, thesaurus);
    expect(answer.text.split(' [1]')[0]).toContain('648 кубометров');
  });
});

describe('a Kazakh question that reports what someone said', () => {
  it('searches neither "екенін" nor "айтты", and "қолжетімсіз" as "недоступный"', () => {
    expect(analyzeAs('кредиттері қолжетімсіз екенін айтты', true)).toEqual(analyzeAs('кредиттері қолжетімсіз', true));
    const [inaccessible] = analyzeAs('қолжетімсіз', true);
    expect(relatedOf(thesaurus, inaccessible ?? '').map((r) => r.term)).toContain(analyze('недоступность')[0]);
  });
});

describe('chat fillers and everyday words for children', () => {
  it('counts the people in "Сколько вообще народу живёт…", not "вообще", and the children in "сколько ребятишек сможет…"', () => {
    expect(wantedOf('Сколько вообще народу живёт в Алматинской области?').counted?.[0]).toBe(analyze('народу')[0]);
    expect(wantedOf('Сколько ребятишек сможет заниматься в новой школе?').counted).toEqual(analyze('ребятишек'));
    expect(relatedOf(thesaurus, analyze('ребятишек')[0] ?? '').map((r) => r.term)).toContain(analyze('дети')[0]);
  });
});

describe('how people ask a share or a sum in chat', () => {
  it('reads "скока % юзеров" as a share of users', () => {
    expect(wantedOf('tiloqubot сколько % юзеров из отдаленных районов').kind).toBe('percent');
    expect(relatedOf(thesaurus, analyze('юзеров')[0] ?? '').map((r) => r.term)).toContain(analyze('пользователей')[0]);
  });

  it('reads "сколько государство платит" as a sum the state pays, not a count of states', () => {
    const wanted = wantedOf('сколько государство платит частному садику за каждого ребенка?');
    expect(wanted.kind).toBe('money');
    expect(wantedOf('Сколько садиков построят в Алматы?').counted?.[0]).toBe(analyze('садиков')[0]);
  });
});

describe('who heads something', () => {
  it('reads what is headed after "будет руководить" and "возглавит", and an akimat as no role', () => {
    expect(wantedOf('Кто будет руководить новым управлением цифровизации в акимате Алматы?').focus).toEqual(analyze('новым управлением цифровизации'));
    expect(wantedOf('Кто возглавит проектный офис?').focus).toEqual(analyze('проектный офис'));
  });

  it('refuses when the news names other heads but not the asked one', () => {
    const office = passage(
      1,
      'В акимате Алматы создано новое управление цифровизации. Аким Алматы Бакытжан Сагинтаев провел заседание актива города по реализации Послания.',
    );
    expect(compose('Кто будет руководить новым управлением цифровизации в акимате Алматы?', [office], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('Kazakh words Snowball would read as other words', () => {
  it('keeps "жылу" (heat) apart from "жыл" (year), and "сауда" (trade) apart from "сайын"', () => {
    expect(analyzeAs('жылуы', true)).toEqual(['жылу']);
    expect(analyzeAs('жыл сайын', true)).not.toContain('жылу');
    expect(relatedOf(thesaurus, analyzeAs('жыл', true)[0] ?? '').map((r) => r.term)).not.toContain(analyze('отопление')[0]);
    expect(relatedOf(thesaurus, analyzeAs('жылу', true)[0] ?? '').map((r) => r.term)).toContain(analyze('отопление')[0]);
    expect(analyzeAs('саудасы', true)).toEqual(analyzeAs('сауда', true));
    expect(analyzeAs('сауда', true)).not.toEqual(analyzeAs('сайын', true));
  });
});

describe('a figure for the asked region', () => {
  it('leads with the sentence that names the region over a figure for "города и области"', () => {
    const agglomeration = passage(1, '«Реализация мер позволит обеспечить инфраструктурой более 730 тысяч жителей города и области», — сказал А.Мамин.');
    const statistics = passage(2, 'Согласно статистическим данным, в Алматинской области проживают около 1,6 млн человек, большинство – сельчане.');
    const answer = compose('Сколько жителей в Алматинской области?', [agglomeration, statistics], flat, thesaurus, undefined, { regions: ['almaty-region'] });
    expect(answer.text.split(/ \[\d\]/)[0]).toContain('1,6 млн человек');
  });
});

describe('who chaired a meeting', () => {
  it('reads "вёл заседание" as the moderator or chair, and "которое" as no topic word', () => {
    const meeting = passage(
      1,
      'В зале заседаний акимата области состоялось заседание актива с участием советника Президента Малика Отарбаева. Модератором заседания выступил первый заместитель акима области Нуржан Календеров.',
    );
    const answer = compose('Кто вёл заседание актива, на которое приезжал советник Президента?', [meeting], flat, thesaurus);
    expect(answer.text).toContain('Календеров');
    expect(analyze('на которое приезжал')).toEqual(analyze('приезжал'));
  });
});

describe('everyday verbs of installing', () => {
  it('reads "поставят камеры" as "установят"', () => {
    const cameras = passage(1, 'В городе продолжается работа по безопасности. Будет установлено 600 камер до конца года, 400 – в 2020 году.');
    expect(compose('сколько камер поставят в алматы', [cameras], flat, thesaurus).text).toContain('600 камер');
  });
});

describe('Kazakh words of any news item', () => {
  it('takes "жаңа" and "салынады" for no topic: a line about new power lines does not answer when a new plant is built', () => {
    const energy = passage(
      1,
      'В сфере электроснабжения в этом году введут 43 километра новых линий, начнется строительство двух подстанций в Кокшетау и Косшы. ' +
        'Строительство новой ТЭЦ в Кокшетау – один из ключевых проектов. Работы начались в августе прошлого года, а к 2028 году станция обеспечит город отоплением.',
    );
    const answer = compose('Көкшетауда жаңа ЖЭО қашан салынады?', [energy], flat, thesaurus);
    expect(answer.text).toContain('к 2028 году');
    expect(answer.text).not.toContain('43 километра');
  });
});

describe('who the figure is from', () => {
  const clinics = 'По словам министра здравоохранения, в Алматы функционируют 418 медицинских организаций.';
  it('finds "по данным Минздрава" in an article of the health minister, and refuses an article that names no such source', () => {
    const answer = compose('Сколько медицинских организаций в Алматы по данным Минздрава?', [passage(1, clinics)], flat, thesaurus);
    expect(answer.text).toContain('418');
    const unnamed = passage(1, 'В Алматы функционируют 418 медицинских организаций.');
    expect(compose('Сколько медицинских организаций в Алматы по данным Сагинтаева?', [unnamed], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('a sentence that opens a matter of its own', () => {
  it('is one that starts with its topic ("По ветхому жилью…"), not with its source or occasion', () => {
    expect(opensOwnTopic('По ветхому жилью разрабатывается механизм финансирования на сумму 17,7 млрд тенге.')).toBe(true);
    expect(opensOwnTopic('Что касается дорог, в этом году отремонтируют 40 км.')).toBe(true);
    expect(opensOwnTopic('По словам акима, на это выделят 2 млрд тенге.')).toBe(false);
    expect(opensOwnTopic('По итогам совещания поручено выделить 2 млрд тенге.')).toBe(false);
    expect(opensOwnTopic('На это выделят 2 млрд тенге.')).toBe(false);
  });
});
