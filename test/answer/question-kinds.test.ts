import { describe, expect, it } from 'vitest';
import { compose } from '../../src/answer/composition.js';
import { wantedOf } from '../../src/answer/wanted.js';
import { NOT_FOUND } from '../../src/texts/ru.js';
import { rankedPassage } from '../helpers/chunks.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';

const { thesaurus } = await loadShippedThesaurus();
const flat = { idf: () => 1 };

const passage = rankedPassage;

const meeting = passage(
  1,
  'Сохраняя их, мы построим справедливый и современный Казахстан, - сказал Малик Отарбаев. ' +
    'Советник Президента Малик Отарбаев детально разъяснил содержание Послания. ' +
    'Подводя итоги заседания, первый заместитель акима области Нуржан Календеров отметил, что все вопросы будут взяты под контроль.',
  'Заседание актива с участием советника',
);

describe('what a named person is', () => {
  it('reads "кто такой X", "кем работает X" and "X кім" as asking a role, and "кто аким" as asking a person', () => {
    expect(wantedOf('Кто такой Малик Отарбаев?').kind).toBe('role');
    expect(wantedOf('кем работает Малик Отарбаев?').kind).toBe('role');
    expect(wantedOf('Какую должность занимает Нуржан Календеров?').kind).toBe('role');
    expect(wantedOf('Малик Отарбаев кім?').kind).toBe('role');
    expect(wantedOf('Облыс әкімі кім?').kind).toBe('person');
    expect(wantedOf('Кто аким области?').kind).toBe('person');
  });

  it('answers with the sentence naming the role beside the name, not with a quote the person ends', () => {
    const result = compose('Кто такой Малик Отарбаев?', [meeting], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text.split(' [1]')[0]).toContain('Советник Президента Малик Отарбаев');
  });

  it('never gives another person\'s role for the asked one', () => {
    const result = compose('кем работает Малик Отарбаев?', [meeting], flat, thesaurus);
    expect(result.text).toContain('Советник Президента');
    expect(result.text).not.toContain('Календеров');
  });

  it('reads a role written after the name and its comma', () => {
    const school = passage(1, 'Строительство мы начали в прошлом году, — рассказал Асхат Машанов, один из учредителей футбольной школы. Инвестиции составляют 1 млрд тенге.');
    expect(compose('кто такой Асхат Машанов', [school], flat, thesaurus).text).toContain('один из учредителей');
  });

  it('refuses when the news quotes the person but never says what they are', () => {
    const quoteOnly = passage(1, 'Сохраняя их, мы построим справедливый и современный Казахстан, - сказал Малик Отарбаев. Встреча прошла в акимате области.');
    expect(compose('Кто такой Малик Отарбаев?', [quoteOnly], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('a follow-up asking when', () => {
  it('quotes the clause with the new date when the sentence was told whole before', () => {
    const plant = passage(
      1,
      'Строительство новой ТЭЦ в Кокшетау – один из ключевых проектов. Работы начались в августе прошлого года, а к 2028 году станция обеспечит город надежным отоплением.',
    );
    const first = compose('Когда достроят новую ТЭЦ в Кокшетау?', [plant], flat, thesaurus);
    expect(first.text).toContain('2028');
    const next = compose('Когда начали строить (достроят новую ТЭЦ в Кокшетау)?', [plant], flat, thesaurus, undefined, {}, { question: 'Когда достроят новую ТЭЦ в Кокшетау?', answer: first.text });
    expect(next.text).toContain('Работы начались в августе прошлого года');
    expect(next.text).not.toContain('2028');
  });
});

describe('everyday wording of numbers, money and a role\'s complement', () => {
  it('answers "на 3м месте" with the sentence that writes "третье место"', () => {
    const ai = passage(1, 'По внедрению искусственного интеллекта мы занимаем третье место после США и Китая. Работа продолжается.');
    const result = compose('после каких стран Казахстан на 3м месте по искусственному интеллекту?', [ai], flat, thesaurus);
    expect(result.text).toContain('после США и Китая');
  });

  it('reads "вкладывают" as investing', () => {
    const school = passage(1, 'В селе строится футбольная школа клуба «Jeyran». Открытие запланировано на следующий год, — рассказал учредитель школы «Jeyran». Инвестиции в проект составляют порядка 1 миллиарда тенге.');
    const result = compose('сколько денег вкладывают в футбольную школу Jeyran?', [school], flat, thesaurus);
    expect(result.text).toContain('1 миллиарда тенге');
  });

  it('names the director of a body written with capitals between the role and the name', () => {
    const academy = passage(1, 'По мнению директора областного филиала Академии государственного управления при Президенте Казыбека Дауталиева, встреча была полезной.');
    const result = compose('Кто директор филиала академии госуправления?', [academy], flat, thesaurus);
    expect(result.text).toContain('Казыбека Дауталиева');
  });
});

describe('a name asked for', () => {
  const bot = passage(
    1,
    'По информации управления, чат-бот включает 100-часовую учебную программу по изучению казахского языка. В области внедрили инновационный Telegram-бот "TilOquBot" для изучения государственного языка.',
  );

  it('leads with the sentence that gives the name, in Russian and in Kazakh, the app written in Cyrillic', () => {
    for (const question of ['Как называется телеграм-бот для изучения казахского языка?', 'Қазақ тілін үйрететін телеграм-бот қалай аталады?']) {
      const result = compose(question, [bot], flat, thesaurus);
      expect(result.text.split(' [1]')[0]).toContain('"TilOquBot"');
    }
  });

  it('still answers when the news writes the name without quotes', () => {
    const reservoir = passage(1, 'Каргалинское водохранилище в Актюбинской области заполнено на 95%. Сброс воды продолжается.');
    expect(compose('Как называется водохранилище в Актюбинской области, заполненное на 95%?', [reservoir], flat, thesaurus).text).toContain('Каргалинское');
  });
});

describe('a prize in money', () => {
  it('is a sum, and another contest\'s prize does not answer for the named one', () => {
    expect(wantedOf('Какой денежный приз получат победители конкурса «Трудовой путь»?').kind).toBe('money');
    const teachers = passage(1, 'Раз в год мы награждаем лучшую организацию образования денежным призом. Сегодня победитель получит приз в 24 миллиона тенге.');
    const contest = passage(2, 'Министерство труда объявляет о проведении республиканского конкурса «Трудовой путь». Победители получат дипломы.');
    expect(compose('Какой денежный приз получат победители конкурса «Трудовой путь»?', [teachers, contest], flat, thesaurus).text).toBe(NOT_FOUND);
    expect(compose('Какой денежный приз получит лучшая организация образования?', [teachers, contest], flat, thesaurus).text).toContain('24 миллиона тенге');
  });
});

describe('counts of people and reasons stated as benefits', () => {
  it('counts people whatever the news calls them', () => {
    const clinics = passage(1, 'Отмечено, что более 4 млн прикрепленных граждан по стране не обращались в поликлиники в течение двух лет.');
    expect(compose('Сколько казахстанцев, прикрепленных к поликлиникам, не ходили туда два года?', [clinics], flat, thesaurus).text).toContain('4 млн');
  });

  it('counts villages and settlements as the news\'s "населенные пункты"', () => {
    const oblast = passage(1, 'Насчитывается 373 населенных пункта, объединенных в 131 сельский округ.');
    expect(compose('Сколько всего сел и поселков в области?', [oblast], flat, thesaurus).text).toContain('373 населенных пункта');
  });

  it('answers "почему" with a benefit when the news states no cause', () => {
    const autopsy = passage(1, 'Одним из направлений является внедрение виртуальной аутопсии — метода, который минимизирует риски для персонала. Пилотный проект запустят в центре экспертиз.');
    expect(compose('Почему хотят внедрять виртуальную аутопсию?', [autopsy], flat, thesaurus).text).toContain('минимизирует риски');
  });

  it('leads with the stated purpose over a benefit', () => {
    const digital = passage(
      1,
      'Внедрение отдельных цифровых решений в поликлиниках позволило выявить нарушения. Цифровизация поликлиник необходима для повышения качества медицинской помощи.',
    );
    const result = compose('Зачем нужна цифровизация поликлиник?', [digital], flat, thesaurus);
    expect(result.text.split(' [1]')[0]).toContain('необходима для');
  });
});

describe('families', () => {
  it('are counted as families, not read as the city of Semey', () => {
    expect(thesaurus.get(wantedOf('Скольким семьям помогли?').counted?.[0] ?? '') ?? []).not.toContainEqual(expect.objectContaining({ term: 'семипалатинск' }));
    const aid = passage(1, 'В результате сопоставления данных предотвращено необоснованное получение адресной социальной помощи 10 тыс. семей.');
    expect(compose('Скольким семьям перестали незаконно платить социальную помощь?', [aid], flat, thesaurus).text).toContain('10 тыс. семей');
  });
});

describe('the price of one thing', () => {
  const housing = passage(
    1,
    'В 2020 году дополнительно будет предоставлено 1000 квартир для работающей молодежи по программе «Алматы жастары». По ветхому жилью разрабатывается механизм финансирования на сумму 17,7 млрд тенге.',
    'Жильё для молодёжи',
  );
  it('is not a programme\'s total in billions: "сколько стоит одна квартира", "почём квартира" are refused', () => {
    expect(compose('Сколько стоит одна квартира по программе «Алматы жастары»?', [housing], flat, thesaurus).text).toBe(NOT_FOUND);
    expect(compose('Почём будет квартира по программе «Алматы жастары»?', [housing], flat, thesaurus).text).toBe(NOT_FOUND);
  });
  it('is answered by a sentence that prices one unit', () => {
    const priced = passage(2, 'Стоимость одного квадратного метра жилья по программе «Алматы жастары» составит 250 тыс. тенге, а всего на программу выделят 2 млрд тенге.', 'Жильё для молодёжи');
    expect(compose('Почём квадратный метр по программе «Алматы жастары»?', [priced], flat, thesaurus).text).toContain('250 тыс. тенге');
  });
});

describe('the size of a grant', () => {
  it('asks a sum: a sentence announcing the grant without one is no answer', () => {
    const speech = passage(3, 'В-третьих, начиная с 2020 года, я введу специальные гранты акима для лучших педагогов мегаполиса. Это важный шаг.');
    expect(compose('Какой размер гранта акима для лучших педагогов?', [speech], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('a count of people asked with a general word', () => {
  it('is not answered by another number beside a people word elsewhere in the sentence', () => {
    const aid = passage(4, 'По информации вице-министра труда и социальной защиты населения, в Алматы предотвращено необоснованное получение помощи 10 тыс. семей.');
    expect(compose('Сколько человек в Алматы прикреплено к поликлиникам?', [aid], flat, thesaurus).text).toBe(NOT_FOUND);
  });
  it('is answered by a number of people, in digits or in words', () => {
    const city = passage(5, 'В городе проживают почти три миллиона человек, и каждое медицинское учреждение обязано оказывать услуги качественно.');
    expect(compose('Сколько человек проживает в городе?', [city], flat, thesaurus).text).toContain('три миллиона человек');
  });
});

describe('a role asked with "кто"', () => {
  const school = passage(6, 'Строительство мы начали в прошлом году, — рассказал Асхат Машанов, один из учредителей футбольной школы. Школа примет тысячу учеников.');
  it('is not answered by a person of another role ("главный тренер" by a founder)', () => {
    expect(compose('Кто главный тренер футбольной школы?', [school], flat, thesaurus).text).toBe(NOT_FOUND);
  });
  it('is answered when the news names the holder', () => {
    const coach = passage(7, 'Главный тренер футбольной школы Ержан Садыков рассказал о наборе. Школа примет тысячу учеников.');
    expect(compose('Кто главный тренер футбольной школы?', [coach], flat, thesaurus).text).toContain('Ержан Садыков');
  });
});

describe('a time of day', () => {
  const opening = passage(1, 'В Кокшетау после ремонта открылся центр обслуживания населения на 12 окон. Центр будет принимать граждан ежедневно.');
  const hours = passage(2, 'Центр обслуживания населения в Кокшетау работает с 9:00 до 18:00 без перерыва.');

  it('reads "во сколько" as asking a time of day, "во сколько раз" and "во сколько обойдётся" not', () => {
    expect(wantedOf('Во сколько открывается ЦОН в Кокшетау?').kind).toBe('time');
    expect(wantedOf('В котором часу начинается приём?').kind).toBe('time');
    expect(wantedOf('Во сколько раз выросло число камер?').kind).toBe('count');
    expect(wantedOf('Во сколько обойдётся ремонт?').kind).toBe('money');
  });

  it('refuses "во сколько" when the news gives no time of day, and answers with the hours when it does', () => {
    const question = 'Во сколько открывается центр обслуживания населения в Кокшетау?';
    expect(compose(question, [opening], flat, thesaurus).text).toBe(NOT_FOUND);
    const answered = compose(question, [opening, hours], flat, thesaurus);
    expect(answered.answered).toBe(true);
    expect(answered.text).toContain('с 9:00 до 18:00');
  });
});

describe('what a question is about', () => {
  const schools = passage(1, 'В этом году мы построим две новые школы в Северном районе Кокшетау и откроем детский сад.');
  const pool = passage(2, 'Новый бассейн в Кокшетау построят в микрорайоне Центральный, рядом со стадионом.');

  it('is not what any news does ("построят", "новый"): a sentence that builds something else does not answer where a stadium is built', () => {
    expect(compose('Где в Кокшетау построят новый стадион?', [schools], flat, thesaurus).text).toBe(NOT_FOUND);
    const answered = compose('Где в Кокшетау построят новый бассейн?', [schools, pool], flat, thesaurus);
    expect(answered.text).toContain('в микрорайоне Центральный');
  });
});

describe('"что такое X"', () => {
  it('asks about X alone: the sentence that names and explains it answers', () => {
    const system = passage(1, 'В области внедрена система «Агроцифра», которая помогает сельчанам получать субсидии онлайн.');
    const result = compose('Что такое «Агроцифра»?', [system], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('помогает сельчанам получать субсидии');
    expect(compose('а что такое агроцифра', [system], flat, thesaurus).answered).toBe(true);
  });
});

describe('a count of people', () => {
  const floods = passage(1, 'Весной паводки затронули 12 сел области. В целом мерами программы охвачено 48,5 тыс. человек.');
  const evacuated = passage(2, 'Из зоны подтопления весной эвакуировали 1 200 человек, их разместили в школах.');
  const heating = passage(3, 'На модернизацию теплосетей направят 20 млрд тенге, что улучшит отопление для 24 тысяч абонентов.');

  it('is of the people the question names by what happened to them: "сколько человек эвакуировали" is not any count of people', () => {
    const question = 'Сколько человек эвакуировали из-за паводков весной?';
    expect(compose(question, [floods], flat, thesaurus).text).toBe(NOT_FOUND);
    expect(compose(question, [floods, evacuated], flat, thesaurus).text).toContain('эвакуировали 1 200 человек');
  });

  it('takes people named by their role: subscribers are people ("для 24 тысяч абонентов")', () => {
    const result = compose('Скольким людям улучшат отопление после модернизации теплосетей?', [heating], flat, thesaurus);
    expect(result.text).toContain('24 тысяч абонентов');
  });
});

describe('a firm', () => {
  it('is asked with an adjective before the noun too ("какая подрядная компания")', () => {
    expect(wantedOf('Какая подрядная компания строит школу в Кумтогане?').kind).toBe('organization');
    const school = passage(1, 'В селе Кумтоган строится первая в регионе частная футбольная школа.');
    expect(compose('Какая подрядная компания строит футбольную школу в Кумтогане?', [school], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('a head named beside the topic', () => {
  it('answers who heads the academy with the sentence naming the president of the "НАН", the next one after the topic', () => {
    const meeting = passage(
      1,
      'На встрече с академиками Национальной академии наук отмечено, что потенциал академии используется не полностью. ' +
        'В этой связи президент НАН Ахылбек Куришбаев сообщил, что модель научных приоритетов устарела.',
    );
    expect(compose('Кто возглавляет Национальную академию наук?', [meeting], flat, thesaurus).text).toContain('Ахылбек Куришбаев');
  });
});

describe('a price', () => {
  it('is asked of its topic: another thing\'s price does not answer "сколько стоит проезд в метро"', () => {
    const fees = passage(1, 'Стоимость обучения в частных садах составляет до 70 тысяч тенге в месяц.');
    const hall = passage(2, 'Площадь нового вестибюля составит около 5 тысяч квадратных метров.');
    expect(compose('Сколько стоит проезд в метро?', [fees, hall], flat, thesaurus).text).toBe(NOT_FOUND);
    // "бағасы" (its price) is what is asked, not the topic: the fee of the kindergartens is no metro fare.
    expect(compose('Метро бағасы қанша?', [fees, hall], flat, thesaurus).text).toBe(NOT_FOUND);
    const fare = passage(3, 'Стоимость проезда в метро с 1 мая составит 150 тенге.');
    expect(compose('Сколько стоит проезд в метро?', [fees, hall, fare], flat, thesaurus).text).toContain('150 тенге');
  });
});

describe('ranked and measured facts from the rest of the article', () => {
  it('answers "где больше всего" with the sentence ranking that end, not one only more on the topic', () => {
    const shortage = passage(
      1,
      'Нехватка школ в Алатауском (дефицит ученических мест - 7 тыс.), Ауэзовском (4 тыс.), Наурызбайском районах (1,5 тыс. мест). ' +
        'Казна направит 6,5 млрд тенге на снижение дефицита мест в детских садах. Минимальная потребность в Турксибском районе – 1686 мест, а максимальная в Ауэзовском районе на 3785 мест.',
    );
    const result = compose('В каком районе больше всего не хватает мест в детских садах?', [shortage], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text.split(' [1]')[0]).toContain('Ауэзовском районе на 3785 мест');
  });

  it('answers "когда откроют" with the sentence dating the opening, not another event of the same article', () => {
    const school = passage(
      1,
      'Футбольный клуб «Jeyran» начал свою деятельность в Алматы в 2016 году. Сегодня в клубе занимаются около 1800 детей. ' +
        'Открытие школы запланировано на следующий год, и она сможет принять около тысячи учеников.',
      'Футбольная школа клуба «Jeyran»',
    );
    const result = compose('Когда откроют футбольную школу «Jeyran»?', [school], flat, thesaurus);
    expect(result.text.split(' [1]')[0]).toContain('Открытие школы запланировано на следующий год');
  });

  it('takes the name of a share from its article when the article was cut into passages', () => {
    const opening = passage(1, 'В селе Кумтоган строится футбольная школа. Инициатором проекта выступил футбольный клуб «Jeyran».', 'Футбольная школа', 'jeyran');
    const progress = passage(2, 'Предусмотрены четыре поля и трибуны. На сегодняшний день строительство футбольной школы завершено на 20%.', 'Футбольная школа', 'jeyran');
    const result = compose('На сколько процентов уже построена футбольная школа «Jeyran»?', [opening, progress], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('завершено на 20%');
    // Another article's share is no answer for the named school.
    const other = passage(2, 'Предусмотрены четыре поля и трибуны. На сегодняшний день строительство футбольной школы завершено на 20%.', 'Другая школа', 'other');
    expect(compose('На сколько процентов уже построена футбольная школа «Jeyran»?', [opening, other], flat, thesaurus).text).not.toContain('20%');
  });
});

describe('a Kazakh sentence for a Russian question', () => {
  it('does not stand in with its date when the Russian sentence on the point has none', () => {
    const meeting = passage(
      1,
      'В ближайшее время сельские акимы представят свои инициативы на республиканской диалоговой площадке с участием Главы государства. ' +
        'Біз бүгін Мемлекет басшысы Қасым-Жомарт Кемелұлы Тоқаевтың 2 қыркүйекте жариялаған Жолдауын талқылауға жиналып отырмыз.',
    );
    const result = compose('Когда точно пройдет диалоговая площадка сельских акимов с Главой государства?', [meeting], flat, thesaurus);
    expect(result.text).not.toContain('қыркүйекте');
    expect(result.answered).toBe(false);
  });
});

describe('a list announced and given in the next sentence', () => {
  it('quotes the list after the sentence that announces it, though the list repeats no word of the question', () => {
    const meeting = passage(
      1,
      'В ходе встречи выдвинуты конкретные предложения по решению острых проблем жителей сел. ' +
        'В их числе – недоступность кредитов, выделяемых по проекту «Ауыл аманаты», нехватка пастбищных угодий, полигонов ТБО. ' +
        'Участники встречи также обсудили развитие спорта.',
    );
    const result = compose('Какие проблемы у жителей сел, на что жалуются акимы?', [meeting], flat, thesaurus);
    expect(result.text).toContain('предложения по решению острых проблем жителей сел. [1] В их числе – недоступность кредитов');
  });
});


describe('how often, a day in Kazakh, a name by its initials', () => {
  it('answers "как часто" with the sentence saying how often, not a place a relative "где" seems to ask', () => {
    const show = passage(
      1,
      'Программа «Акимат в эфире» выходит на городском телеканале с 2019 года. На телеканале дважды в неделю выходит программа, где акимы районов отвечают на вопросы жителей в прямом эфире.',
    );
    const q = 'Как часто на телеканале выходит программа, где акимы районов отвечают жителям?';
    expect(wantedOf(q).kind).toBe('frequency');
    expect(compose(q, [show], flat, thesaurus).text.split(' [1]')[0]).toContain('дважды в неделю');
    // A sentence that never says how often is no answer.
    const rare = passage(1, 'На телеканале выходит программа, где акимы районов отвечают на вопросы жителей в прямом эфире.');
    expect(compose(q, [rare], flat, thesaurus).text).toBe(NOT_FOUND);
  });

  it('reads a day with a Kazakh month ("2 қыркүйекте") as the day asked by "қай күні"', () => {
    const address = passage(1, 'Мемлекет басшысы 2 қыркүйекте жариялаған Жолдауын талқыладық.');
    const result = compose('Жолдау қай күні жарияланды?', [address], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('2 қыркүйекте');
  });

  it('names a head by a surname and initials ("Бекетаев М.Б."), and takes the head of state for no premier', () => {
    const delegation = passage(1, 'В своем выступлении глава казахстанской делегации, Министр юстиции РК Бекетаев М.Б. подчеркнул важность процедуры.');
    expect(compose('Кто возглавлял казахстанскую делегацию?', [delegation], flat, thesaurus).text).toContain('Бекетаев М.Б.');
    const president = passage(1, 'Глава государства К.К.Токаев дал поручение создать проектный офис.');
    expect(compose('Кто из премьер-министров поручил создать проектный офис?', [president], flat, thesaurus).text).toBe(NOT_FOUND);
  });
});

describe('a comparison of groups', () => {
  it('answers "кто … меньше всех получает" with the lowest of the scale ("самые низкие зарплаты – в …")', () => {
    const pay = passage(1, 'Самые высокие заработки – в финансах и страховании. Самые низкие зарплаты – в дошкольном образовании и здравоохранении.');
    const result = compose('Кто в городе получает меньше всех по зарплате?', [pay], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text.split(' [1]')[0]).toContain('дошкольном образовании');
  });
});
