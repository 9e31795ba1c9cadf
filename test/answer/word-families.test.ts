import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compose, DEFAULT_EXTRACTIVE } from '../../src/answer/composition.js';
import { NOT_FOUND } from '../../src/texts/ru.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';
import { topicTerms } from '../../src/retrieval/asking-words.js';
import { analyze } from '../../src/text/analyzer.js';
import { parseChat } from '../../src/text/lexicon.js';
import { createSpellingCorrector, type Vocabulary } from '../../src/text/spelling.js';
import { stem } from '../../src/text/analyzer.js';
import { rankedPassage } from '../helpers/chunks.js';

const { thesaurus } = await loadShippedThesaurus();
const flat = { idf: () => 1 };

const passage = rankedPassage;

describe('one stem for the forms of a word', () => {
  it('gives a noun in "-ал" one stem in every case ("филиал", "филиала", "филиалом")', () => {
    expect(new Set(analyze('филиал филиала филиалом филиале')).size).toBe(1);
    expect(new Set(analyze('капитал капитала капиталом')).size).toBe(1);
  });

  it('gives a word whose vowel drops one stem ("зарядок", "зарядка"; "участок", "участка")', () => {
    expect(new Set(analyze('зарядок зарядка зарядки')).size).toBe(1);
    expect(new Set(analyze('участок участка участке')).size).toBe(1);
    expect(new Set(analyze('поселок поселка')).size).toBe(1);
  });

  it('answers who heads a branch when the news names its director in the genitive ("директора филиала")', () => {
    const meeting = passage(
      1,
      'Встреча прошла в акимате. По мнению директора областного филиала Академии государственного управления Казыбека Дауталиева, диалог налажен.',
    );
    const result = compose('Кто руководит областным филиалом Академии госуправления?', [meeting], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('Казыбека Дауталиева');
  });

  it('reads "статистика" in "статистические данные"', () => {
    const census = passage(1, 'Согласно статистическим данным, в Алматинской области проживают около 1,6 млн человек, большинство – сельчане. Работает 40 школ.');
    const result = compose('Какое население Алматинской области по статистике?', [census], flat, thesaurus, DEFAULT_EXTRACTIVE, { regions: ['almaty-region'] });
    expect(result.answered).toBe(true);
    expect(result.text).toContain('1,6 млн человек');
  });
});

describe('the words that only say whose statement it is', () => {
  it('are no topic: "по словам" searches nothing, the name after it still does', () => {
    expect(topicTerms('сколько педагогов работает по словам акима')).not.toContain(analyze('словам')[0]);
    expect(topicTerms('сколько педагогов работает по словам акима')).toContain(analyze('акима')[0]);
    expect(topicTerms('Сколько врачей по данным Минздрава?')).toEqual(analyze('врачей Минздрава'));
  });

  it('do not tie a count to the speaker: the plan\'s author may be named elsewhere in the article', () => {
    const speech = [
      passage(1, 'Аким Алматы Бакытжан Сагинтаев провел заседание актива города. Он поставил задачи на год.', 'Заседание актива', 'speech'),
      passage(2, 'Важная роль отводится новым технологиям. Будет установлено 600 камер до конца года, 400 – в 2020 году.', 'Заседание актива', 'speech'),
    ];
    const result = compose('Сколько камер видеонаблюдения поставят до конца года по плану Сагинтаева?', speech, flat, thesaurus);
    expect(result.text).toContain('600 камер');
  });

  it('still refuse when the named source is nowhere in the article', () => {
    const other = [passage(1, 'Важная роль отводится новым технологиям. Будет установлено 600 камер до конца года.', 'Безопасность')];
    expect(compose('Сколько камер поставят по плану Сагинтаева?', other, flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('an amount asked in Kazakh ("қанша көлемде")', () => {
  it('asks the amount, not a sentence with the word "объём"', () => {
    const grants = passage(1, 'В этом году порядка 700 молодых учителей получат грант в размере 20 МРП за счет бюджетных средств.');
    const result = compose('Жас мұғалімдерге қанша көлемде грант беріледі?', [grants], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('20 МРП');
  });
});

describe('reasons', () => {
  it('take a limit reached as why ("достиг предела своей мощности")', () => {
    const resort = passage(1, 'Однако Шымбулак уже достиг предела своей мощности, пиковые посещения доходят до 10 тыс. человек в сутки. Нам нужно развивать другие горные курорты.');
    const result = compose('Почему надо развивать другие горнолыжные курорты кроме Шымбулака?', [resort], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('достиг предела');
  });

  it('still refuse a "почему" the news gives no reason for', () => {
    const resort = passage(1, 'Шымбулак принимает до 10 тыс. человек в сутки. Курорт работает круглый год.');
    expect(compose('Почему подорожали билеты на Шымбулак?', [resort], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('chat spelling', () => {
  const words = ['кто', 'аким', 'области'];
  const vocab: Vocabulary = { has: (t) => words.includes(t), freq: (t) => (words.includes(t) ? 1 : 0), terms: () => words.values() };
  const corrector = createSpellingCorrector(vocab, { chat: parseChat(readFileSync('data/lexicon/ru-chat.tsv', 'utf8')), stem: (w) => stem(w) });
  it('reads "хто" as "кто" and "тыщ" as "тысяч"', () => {
    expect(corrector.correct('хто аким области').text).toBe('кто аким области');
    expect(corrector.correct('скока тыщ').text).toBe('сколько тысяч');
  });
});

describe('a count for a thing the article names once', () => {
  const school = [
    passage(1, 'В селе Кумтоган строится частная футбольная школа «Jeyran». Инициатором проекта выступил футбольный клуб.', 'Футбольная школа', 'jeyran'),
    passage(2, 'На территории будут четыре блока. Предусмотрены четыре зелёных поля и трибуны на 3 тысячи зрителей.', 'Футбольная школа', 'jeyran'),
  ];
  it('is answered when the number counts the asked thing and its article names the place', () => {
    const result = compose('На сколько зрителей трибуны в футбольной школе Jeyran?', school, flat, thesaurus);
    expect(result.text).toContain('3 тысячи зрителей');
  });
  it('is refused when the article never names it', () => {
    const other = [passage(3, 'Предусмотрены четыре зелёных поля и трибуны на 3 тысячи зрителей.', 'Стадион в Таразе', 'taraz')];
    expect(compose('На сколько зрителей трибуны в футбольной школе Jeyran?', other, flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('a Latin name with a Kazakh case ending', () => {
  it('is the name ("TilOquBot-қа", "TilOquBot-тың")', () => {
    expect(analyze('TilOquBot-қа TilOquBot-тың')).toEqual(analyze('TilOquBot TilOquBot'));
  });
});

describe('a count of people', () => {
  const headline = 'В области разработали Telegram-бот для изучения языка — зарегистрировались уже более 3 тысяч человек';
  const bot = [
    passage(1, 'Бот показал свою эффективность. На сегодняшний день в системе зарегистрировано 3 146 пользователей, 58% из которых живут в районах.', headline, 'bot'),
  ];
  it('is answered by the article\'s own figure for its users, not the headline\'s round one', () => {
    const result = compose('Сколько человек зарегистрировалось в боте?', bot, flat, thesaurus);
    expect(result.text.split(' [')[0]).toContain('3 146 пользователей');
  });
  it('of one kind is not answered by a count of another kind of people', () => {
    const clinic = [passage(1, 'Поликлиника приняла 3 146 пациентов за год. В городе учатся студенты многих вузов.')];
    expect(compose('Сколько студентов учится в городе?', clinic, flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('Kazakh words whose vowel drops before an ending', () => {
  it('stem to the dictionary form ("халқы" → "халық", "орны" → "орын")', () => {
    expect(stem('халқы', true)).toBe(stem('халық', true));
    expect(stem('халқына', true)).toBe(stem('халық', true));
    expect(stem('орнында', true)).toBe(stem('орын', true));
  });
  it('leave the question word in any case out of the terms ("қаншаға")', () => {
    expect(analyze('халқы жыл сайын қаншаға көбейеді')).not.toContain(stem('қаншаға', true));
  });
});

describe('what a sum is for, named before the verb', () => {
  it('ties the sum: "на медоборудование … сколько денег выделят" is answered by the equipment\'s sum, not another one', () => {
    const budget = [
      passage(1, 'На решение проблем окраин ежегодно выделено 30 млрд тенге, в том числе на окраины города – 10 млрд тенге. Работы идут.', 'Окраины'),
      passage(2, 'Оборудование устарело. В связи с этим, на закуп медицинского оборудования планируется выделить более 86 млрд тенге.', 'Здравоохранение'),
    ];
    const result = compose('на медоборудование в городе сколько денег выделят', budget, flat, thesaurus);
    expect(result.text.split(' [')[0]).toContain('86 млрд');
  });
});

describe('living somewhere', () => {
  it('asks a population: "сколько человек живёт" is answered by "проживают около 1,6 млн человек"', () => {
    const census = passage(1, 'В Алматинской области проживают около 1,6 млн человек, большинство – сельчане. В области 373 населенных пункта.');
    const result = compose('Сколько человек живёт в Алматинской области?', [census], flat, thesaurus, DEFAULT_EXTRACTIVE, { regions: ['almaty-region'] });
    expect(result.text).toContain('1,6 млн человек');
  });
});

describe('question words in every case', () => {
  it('are no topic: "до какого срока" searches for the term, not for "как"', () => {
    expect(analyze('до какого срока хотят автоматизировать')).not.toContain(analyze('как')[0] ?? 'как');
    expect(analyze('до какого срока')).toEqual(analyze('срока'));
  });
});

describe('a Kazakh name and the Russian adjective of it', () => {
  it('match: "Кеңгір су қоймасы" is "Кенгирское водохранилище"', () => {
    const reservoirs = passage(
      1,
      'Из Шульбинского водохранилища в области Абай сбрасывается 648 кубометров воды в секунду. Из Кенгирского водохранилища в области Ұлытау сбрасывается 81,4 кубометров воды в секунду.',
    );
    const result = compose('Кеңгір су қоймасынан секундына қанша су жіберіліп жатыр?', [reservoirs], flat, thesaurus);
    expect(result.text.split(' [')[0]).toContain('81,4');
  });
});

describe('a Kazakh ending after a loan word with a voiced end', () => {
  it('leaves the word as the dictionary has it ("округінің" → "округ"), and still devoices native words ("мектебі" → "мектеп")', () => {
    expect(stem('округінің', true)).toBe(stem('округ', true));
    expect(stem('мектебі', true)).toBe(stem('мектеп', true));
  });
});

describe('a Kazakh question read in Kazakh throughout', () => {
  it('matches a capitalised word of a Kazakh question by its Kazakh stem ("Жолдауында" is "Жолдау")', () => {
    const address = passage(1, 'Мемлекет басшысы Жолдауында ауыл шаруашылығын дамытудың 7 басым бағытын айқындады.');
    const result = compose('Президент Жолдауында ауыл шаруашылығының неше бағытын атады?', [address], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('7 басым бағытын');
  });

  it('answers a Kazakh question on loans with Kazakh endings from Russian news ("банктердің" → "банков")', () => {
    const banks = passage(1, 'Сегодня в Шымкенте работают филиалы 12 банков второго уровня и 30 микрофинансовых организаций.');
    const result = compose('Шымкентте банктердің саны қанша?', [banks], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('12 банков');
  });
});

describe('everyday words of transport', () => {
  it('reads "зарядки" as the charging stations the news writes ("электрозарядных станций")', () => {
    const stations = passage(1, 'В Щучинске за счёт частных инвестиций установят пять электрозарядных станций.');
    const result = compose('Сколько зарядок для электромобилей поставят в Щучинске?', [stations], flat, thesaurus);
    expect(result.text).toContain('пять электрозарядных станций');
  });
});
