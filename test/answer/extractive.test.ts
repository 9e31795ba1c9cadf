import { describe, expect, it } from 'vitest';
import { clipSentence, fitToBudget } from '../../src/answer/clipping.js';
import { compose } from '../../src/answer/composition.js';
import { queryTerms } from '../../src/answer/evidence.js';
import { ExtractiveAnswerer } from '../../src/answer/extractive.js';
import { NOT_FOUND } from '../../src/texts/ru.js';
import type { Chunk } from '../../src/index/chunk.js';
import type { RetrievedPassage } from '../../src/retrieval/passage.js';
import { makeChunk } from '../helpers/chunks.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';

// The production thesaurus: the news' own groups and the shipped general lexicon.
const { thesaurus } = await loadShippedThesaurus();
// Every term equally rare: the tests reason about coverage, not corpus statistics.
const flat = { idf: () => 1 };

function passage(rank: number, text: string, extra: Partial<Chunk> = {}): RetrievedPassage {
  return {
    rank,
    score: 1 / rank,
    chunk: makeChunk({
      id: `c${rank}`,
      articleId: `a${rank}`,
      ordinal: 1,
      text,
      title: `Статья ${rank}`,
      url: `https://example.kz/${rank}`,
      file: 'x.txt',
      ...extra,
    }),
  };
}

const almaty = passage(
  1,
  'Совещание прошло в акимате. В Алматы не хватает 1 065 врачей и 300 медицинских сестёр. Аким поручил решить вопрос до конца года.',
);
const akmola = passage(2, 'В Акмолинской области построят круглогодичный аквапарк. Курорт Бурабай входит в тройку приоритетных.');

describe('extractive answers', () => {
  it('quotes the sentence that answers a "сколько" question, with its marker and source', () => {
    const result = compose('Сколько врачей не хватает в Алматы?', [almaty, akmola], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('1 065 врачей');
    expect(result.text).toMatch(/\[1\]$/);
    expect(result.citations[0]).toMatchObject({ n: 1, url: 'https://example.kz/1', quote: almaty.chunk.text });
  });

  it('refuses rather than quote a fact of the asked kind from a sentence far off the question', () => {
    const pilot = passage(1, 'Внедряется виртуальная аутопсия, метод на основе компьютерной томографии. Рассматривается запуск пилотного проекта виртуальной аутопсии в одном из подразделений центра экспертиз.');
    const sport = passage(2, 'Новый спортивный проект даст импульс развитию спорта в Алматинской области, отметил руководитель управления.');
    const result = compose('В каком регионе запустят пилотный проект виртуальной аутопсии на основе компьютерной томографии?', [pilot, sport], flat, thesaurus);
    expect(result.answered).toBe(false);
    expect(result.text).toBe(NOT_FOUND);
    // The same place, on the question's topic, answers.
    const placed = passage(2, 'Пилотный проект виртуальной аутопсии запустят в Карагандинской области.');
    expect(compose('В каком регионе запустят пилотный проект виртуальной аутопсии на основе компьютерной томографии?', [pilot, placed], flat, thesaurus).text).toContain('Карагандинской области');
  });

  it('looks for the names a question states in the whole retrieved article, not only the quoted passage', () => {
    // The first passage names the аким; the vice-premier's name is in another passage of the same article.
    const opening = passage(1, 'Главным событием поездки стало совещание с участием акима Алматы Дархана Сатыбалды.', { articleId: 'trip' });
    const later = passage(2, 'Аида Балаева подчеркнула важность цифровизации школ и больниц.', { articleId: 'trip', ordinal: 2 });
    const result = compose('Какой аким участвовал в совещании с вице-премьером Аидой Балаевой?', [opening, later], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('Дархана Сатыбалды');
    // A name the article never states still refuses: the article answers about someone else's meeting.
    const other = compose('Какой аким участвовал в совещании с министром Ерланом Карином?', [opening, later], flat, thesaurus);
    expect(other.answered).toBe(false);
  });

  it('matches a stated name however the stemmer cuts its case ending ("с Китаем" / "Китая")', () => {
    const signed = passage(1, 'Меморандум подписали вице-министр водных ресурсов Нурлан Алдамжаров и замминистра Китая Ли Ляншэн.');
    const result = compose('Кто подписал меморандум с Китаем?', [signed], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('Алдамжаров');
  });

  it('reads a stem the stemmer cut short as the same word ("замены" → "зам", "заменят" → "замен")', () => {
    const lifts = passage(1, 'Кроме того, в ближайшие 2-3 года завершится замена всех устаревших лифтов в городе.');
    const result = compose('Когда заменят старые лифты?', [lifts], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('2-3 года');
  });

  it('takes what a count is of from its article\'s headline when the sentence names only the counted thing', () => {
    const games = passage(1, 'Соревнования прошли в десяти городах. В играх приняли участие более 7000 спортсменов из 17 областей.', {
      title: 'Алматинцы стали первыми на V Летней Спартакиаде',
    });
    const result = compose('Сколько спортсменов участвовало в Летней Спартакиаде?', [games], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('7000 спортсменов');
  });

  it('keeps room for another article when one long speech fills the top passages', () => {
    const speech = [1, 2, 3, 4, 5].map((rank) =>
      passage(rank, 'Дефицит мест в школах и нехватка учителей снова обсуждались на форуме городских педагогов.', { articleId: 'speech', ordinal: rank }),
    );
    const report = passage(6, 'При этом кадровый дефицит превышает 2 тыс. педагогов.', { articleId: 'report' });
    const result = compose('Сколько учителей не хватает?', [...speech, report], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('2 тыс. педагогов');
  });

  it('reads another article from below the top ten when one speech fills all of it', () => {
    const speech = Array.from({ length: 10 }, (_, i) =>
      passage(i + 1, `Учителя города получат гранты, сказал аким на форуме педагогов, часть ${i + 1}.`, { articleId: 'speech', ordinal: i + 1 }),
    );
    const report = passage(11, 'При этом кадровый дефицит превышает 2 тыс. педагогов.', { articleId: 'report' });
    const result = compose('Сколько учителей не хватает?', [...speech, report], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('2 тыс. педагогов');
    // Another passage of an article the top holds stays out: the top already speaks for that article.
    const more = passage(11, 'При этом кадровый дефицит превышает 2 тыс. педагогов.', { articleId: 'speech', ordinal: 11 });
    expect(compose('Сколько учителей не хватает?', [...speech, more], flat, thesaurus).text).not.toContain('2 тыс. педагогов');
  });

  it('takes an abbreviation the question writes ("ИИ") as named by the words it initials', () => {
    const trained = passage(1, 'Кроме того, свыше 16 тысяч учителей прошли обучение по использованию технологий искусственного интеллекта.');
    const result = compose('Сколько учителей обучили ИИ в области?', [trained], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('16 тысяч учителей');
    // Without those words the figure is another training's.
    const other = passage(1, 'Кроме того, свыше 16 тысяч учителей прошли обучение по использованию цифровых технологий.');
    expect(compose('Сколько учителей обучили ИИ в области?', [other], flat, thesaurus).answered).toBe(false);
  });

  it('reads a year with a case ending ("в 2020-м") as the year', () => {
    const cameras = passage(1, 'Будет установлено 600 камер до конца года, 400 – в 2020 году.');
    const result = compose('Сколько камер установят до конца года и сколько в 2020-м?', [cameras], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('400 – в 2020 году');
  });

  it('takes a noun as new in a follow-up when the last question had only its adjective ("медицинских" → "врачей")', () => {
    const staff = passage(1, 'В городе функционируют 418 медицинских организаций, при этом кадровый дефицит превышает 1,1 тыс. специалистов, включая более 400 врачей.');
    const first = compose('Сколько медицинских организаций в городе?', [staff], flat, thesaurus);
    const previous = { question: 'Сколько медицинских организаций в городе?', answer: first.text };
    const next = compose('Врачей сколько не хватает в городе?', [staff], flat, thesaurus, undefined, {}, previous);
    expect(next.answered).toBe(true);
    expect(next.text).toContain('400 врачей');
  });

  it('quotes the clause of the place a follow-up swaps in, a month named in words being its figure', () => {
    const stages = passage(
      1,
      'Акция пройдет в два этапа: с марта по май – в Туркестанской и Жамбылской областях, с 15 апреля по 31 мая – в Акмолинской и Костанайской областях.',
      { regions: ['turkistan', 'zhambyl', 'akmola', 'kostanay'] },
    );
    const first = compose('Когда пройдет акция в Акмолинской области?', [stages], flat, thesaurus, undefined, { regions: ['akmola'] });
    expect(first.text).toContain('15 апреля');
    const previous = { question: 'Когда пройдет акция в Акмолинской области?', answer: first.text };
    const next = compose('Когда пройдет акция в Туркестанской области?', [stages], flat, thesaurus, undefined, { regions: ['turkistan'] }, previous);
    expect(next.text).toContain('с марта по май – в Туркестанской');
    expect(next.text).not.toContain('15 апреля');
  });

  it('tells a follow-up what is new: the clause with the new words, not the figure already given', () => {
    const cameras = passage(1, 'Будет установлено 600 камер до конца года, 400 – в 2020 году.');
    const first = compose('Сколько камер установят в Алматы до конца года?', [cameras], flat, thesaurus);
    expect(first.text).toContain('600 камер');
    const previous = { question: 'Сколько камер установят в Алматы до конца года?', answer: first.text };
    const next = compose('Сколько камер установят в Алматы в 2020-м?', [cameras], flat, thesaurus, undefined, {}, previous);
    expect(next.answered).toBe(true);
    expect(next.text).toBe('…400 – в 2020 году. [1]');
    // Without the previous turn the whole sentence is quoted: a single question needs both clauses' context.
    expect(compose('Сколько камер установят в Алматы в 2020-м?', [cameras], flat, thesaurus).text).toContain('600 камер');
  });

  it('does not repeat the last answer\'s sentence when a new one answers the follow-up', () => {
    const cars = passage(1, 'К празднику мы закупили 28 автомобилей для скорой помощи. В следующем году планируется закупить еще 80 автомобилей.');
    const first = compose('Сколько машин скорой помощи закупили?', [cars], flat, thesaurus);
    expect(first.text).toContain('28 автомобилей');
    const previous = { question: 'Сколько машин скорой помощи закупили?', answer: first.text };
    const next = compose('Сколько машин скорой помощи закупят в следующем году?', [cars], flat, thesaurus, undefined, {}, previous);
    expect(next.text).toContain('80 автомобилей');
    expect(next.text).not.toContain('28');
  });

  it('leads with the number that counts the asked thing ("365 тыс. тонн мяса" for "сколько мяса")', () => {
    const farms = passage(
      1,
      'До 2027 года планируется 31 проект по строительству птицефабрик мясного направления. Новые птицефабрики дадут стране 365 тыс. тонн мяса птицы в год.',
    );
    const result = compose('Сколько мяса будут давать новые птицефабрики?', [farms], flat, thesaurus);
    expect(result.text.startsWith('Новые птицефабрики дадут стране 365 тыс. тонн мяса')).toBe(true);
  });

  it('quotes the sentence that holds the asked kind of fact first', () => {
    const topic = passage(1, 'Строительство новой школы в Косшы – ключевой проект района. Школа примет 1200 учеников.');
    const result = compose('Сколько учеников примет новая школа в Косшы?', [topic], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text.startsWith('Школа примет 1200 учеников.')).toBe(true);
  });

  it('ties a count to a thing named twice ("Telegram-бот TilOquBot") when one of its names is near', () => {
    const bot = passage(
      1,
      'В области внедрили Telegram-бот "TilOquBot" для изучения языка. Бот включает программу по четырем уровням. Курсы ведут опытные педагоги. На сегодняшний день в системе зарегистрировано 3 146 пользователей.',
      { title: 'Разработали Telegram-бот для изучения языка' },
    );
    const result = compose('Сколько пользователей зарегистрировано в Telegram-боте TilOquBot?', [bot], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('3 146');
  });

  it('reads a capitalised Kazakh title the glossary translates as words, not as a name the news must repeat', () => {
    const kurultai = passage(1, 'На последнем курултае озвучено 53 вопроса, и Президент подписал соответствующий Указ.');
    const result = compose('Соңғы Ұлттық құрылтайда неше мәселе көтерілді?', [kurultai], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('53 вопроса');
    const china = passage(1, 'Водные ведомства Казахстана и Китая подписали меморандум в Пекине.');
    expect(compose('Қазақстан мен Қытай меморандумға қай қалада қол қойды?', [china], flat, thesaurus).text).toContain('Пекине');
  });

  it('answers "кто подписал" with the signer, not with the speaker of a quote about the signing', () => {
    const memo = passage(
      1,
      '«Мы договорились о подписании меморандума о сотрудничестве с китайской стороной», – сообщил министр водных ресурсов Нуржан Нуржигитов. Меморандум подписали вице-министр водных ресурсов Нурлан Алдамжаров и заместитель министра водного хозяйства Китая Ли Ляншэн.',
    );
    const result = compose('Кто подписал меморандум о сотрудничестве с Китаем?', [memo], flat, thesaurus);
    expect(result.text.startsWith('Меморандум подписали')).toBe(true);
    // Asked who said it, the speaker is the answer.
    expect(compose('Кто сообщил о подписании меморандума с Китаем?', [memo], flat, thesaurus).text).toContain('Нуржигитов');
  });

  it('answers "как поучаствовать" with the way to take part, not the announcement, and never refuses for want of one', () => {
    const action = passage(
      1,
      'В Казахстане началась природоохранная акция «Чистые водоемы» по очистке водоемов от сетей. Акция пройдет в два этапа. Принять участие в акции может любой желающий, обратившись в инспекцию рыбного хозяйства.',
    );
    const result = compose('Как поучаствовать в акции «Чистые водоемы»?', [action], flat, thesaurus);
    expect(result.text.startsWith('Принять участие в акции может любой желающий, обратившись')).toBe(true);
    const announced = passage(1, 'В Казахстане началась природоохранная акция «Чистые водоемы» по очистке водоемов от сетей.');
    expect(compose('Как поучаствовать в акции «Чистые водоемы»?', [announced], flat, thesaurus).answered).toBe(true);
    // The attribute asked about must still be there: a sentence about children is no way to get a benefit.
    const school = passage(1, 'Школы и колледжи слабо ориентированы на поддержку развития личности ребенка.');
    expect(compose('Как оформить пособие на ребенка?', [school], flat, thesaurus).answered).toBe(false);
  });

  it('answers a broad request about a topic ("Вы можете рассказать про газификацию?", "Что с водохранилищами в Казахстане?")', () => {
    const gas = passage(1, 'Газификация идет ускоренными темпами: подключены 17 сел района. Водохранилища страны наполнены на 80%.');
    expect(compose('Вы можете рассказать про газификацию?', [gas], flat, thesaurus).text).toContain('17 сел');
    expect(compose('Что с водохранилищами в Казахстане?', [gas], flat, thesaurus).text).toContain('80%');
  });

  it('answers "кто министр" with the sentence naming the minister, not only a quote he ended, nor the vice-minister', () => {
    const quote = passage(1, '«Подготовка к паводку идет полным ходом, воду соберем в водохранилищах», – сообщил министр водных ресурсов Нуржан Нуржигитов.');
    const deputy = passage(2, 'Меморандум подписали вице-министр водных ресурсов Нурлан Алдамжаров и китайская сторона.');
    const plain = passage(3, 'Министр водных ресурсов Нуржан Нуржигитов дал задание собирать паводковую воду.');
    const result = compose('Кто министр водных ресурсов?', [quote, deputy, plain], flat, thesaurus);
    expect(result.text.startsWith('Министр водных ресурсов Нуржан Нуржигитов дал задание')).toBe(true);
    expect(result.text).not.toContain('Алдамжаров');
  });

  it('matches a name with its adjective ("в Каспий" / "в Каспийское море")', () => {
    const water = passage(1, 'В озеро Балхаш удалось направить 3,3 млрд кубометров воды, в Каспийское море – около 6 млрд кубометров воды.');
    const result = compose('Сколько паводковой воды отправили в Каспий?', [water], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('6 млрд');
  });

  it('finds a paraphrase through the thesaurus ("медиков" for "врачей")', () => {
    const result = compose('Какая нехватка медиков в Алматы?', [akmola, almaty], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('1 065');
  });

  it('numbers citations in reading order across passages', () => {
    const result = compose('Что построят в Акмолинской области и сколько врачей не хватает в Алматы?', [almaty, akmola], flat, thesaurus);
    const markers = [...result.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers[0]).toBe(1);
    expect(result.citations.map((c) => c.n)).toEqual(result.citations.map((_, i) => i + 1));
    for (const m of markers) expect(m).toBeLessThanOrEqual(result.citations.length);
  });

  it('answers a broad "что" question from several articles', () => {
    const tec = passage(1, 'Строительство новой ТЭЦ в Кокшетау – один из ключевых проектов региона.', { articleId: 'tec' });
    const park = passage(2, 'В курортной зоне региона построят круглогодичный аквапарк для туристов.', { articleId: 'park' });
    const result = compose('Что строят в регионе?', [tec, park], flat, thesaurus);
    expect(result.citations.map((c) => c.articleId)).toEqual(['tec', 'park']);
    expect(result.text).toMatch(/ТЭЦ.*\[1\].*аквапарк.*\[2\]/);
  });

  it('does not pad a "сколько" answer with sentences that repeat the covered words', () => {
    const repeat = passage(2, 'В Алматы не хватает врачей, об этом говорили не раз.', { articleId: 'other' });
    const result = compose('Сколько врачей не хватает в Алматы?', [almaty, repeat], flat, thesaurus);
    expect(result.citations).toHaveLength(1);
  });

  it('answers "сколько стоит" with the sum next to the sentence naming the project, not with another number', () => {
    const farm = passage(1, 'В регионе начата реанимация птицефабрики мощностью 20 тыс. тонн мяса в год. Компания «The Farm» намерена инвестировать 1,8 млрд тенге. Проект создаст новые рабочие места.');
    const result = compose('Во сколько обойдётся реанимация птицефабрики?', [farm], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text).toContain('1,8 млрд тенге');
  });

  it('refuses a price of a named project when the only sum in the news is another project\'s', () => {
    const tec = passage(
      1,
      'Строительство новой ТЭЦ в Кокшетау – один из ключевых проектов. Работы начались в августе прошлого года. Станция обеспечит город стабильным теплоснабжением. На модернизацию теплосетей дополнительно направят 20 млрд тенге, что улучшит отопление для 24 тысяч абонентов.',
    );
    expect(compose('Сколько стоит строительство ТЭЦ в Кокшетау?', [tec], flat, thesaurus)).toMatchObject({ answered: false, text: NOT_FOUND });
    const priced = passage(2, 'Строительство новой ТЭЦ в Кокшетау – один из ключевых проектов. Стоимость строительства ТЭЦ составит 300 млрд тенге.');
    expect(compose('Сколько стоит строительство ТЭЦ в Кокшетау?', [priced], flat, thesaurus).text).toContain('300 млрд тенге');
  });

  it('answers a count whose sentence says "в стране" right after the one naming the country', () => {
    const census = passage(1, 'Население Казахстана продолжает расти, сообщает бюро статистики. Сейчас в стране проживает 20 млн человек.');
    expect(compose('Сколько человек проживает в Казахстане?', [census], flat, thesaurus).text).toContain('20 млн человек');
  });

  it('does not give the vice-minister for "кто министр"', () => {
    const deputy = passage(1, 'Меморандум о сотрудничестве подписали вице-министр водных ресурсов и ирригации Нурлан Алдамжаров и китайская сторона.');
    expect(compose('Кто министр водных ресурсов и ирригации?', [deputy], flat, thesaurus)).toMatchObject({ answered: false, text: NOT_FOUND });
    const head = passage(2, 'Министр водных ресурсов и ирригации Нуржан Нуржигитов поручил собирать паводковую воду в водохранилищах.');
    expect(compose('Кто министр водных ресурсов и ирригации?', [deputy, head], flat, thesaurus).text).toContain('Нуржан Нуржигитов');
  });

  it('keeps the asked name when it clips a long sentence', () => {
    const question = 'Кто министр водных ресурсов и ирригации?';
    const q = queryTerms(question, flat, thesaurus);
    const sentence = `${'Водные ресурсы и ирригация важны для Казахстана и Китая, '.repeat(12)}– сообщил министр Нуржан Нуржигитов.`;
    const clipped = clipSentence(sentence, q, 200, 'кто', question);
    expect(clipped.length).toBeLessThanOrEqual(200);
    expect(clipped).toContain('Нуржан Нуржигитов');
  });

  it('refuses when no sentence covers the question', () => {
    const result = compose('Какой курс доллара к тенге?', [almaty, akmola], flat, thesaurus);
    expect(result).toMatchObject({ answered: false, text: NOT_FOUND, citations: [] });
  });

  it('refuses with no passages at all', () => {
    expect(compose('Сколько врачей?', [], flat, thesaurus).answered).toBe(false);
  });

  it('prefers a Russian sentence over a Kazakh one of similar fit', () => {
    const mixed = passage(1, 'Алматыда 1 065 дәрігер жетіспейді деп хабарлады әкімдік. В Алматы не хватает 1 065 врачей.');
    const result = compose('Алматыда қанша дәрігер жетіспейді?', [mixed], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text.startsWith('В Алматы')).toBe(true);
  });

  it('keeps the answer within 600 characters even for a huge sentence', () => {
    const long = passage(1, `${'Вступительные слова о развитии региона и планах на будущее, '.repeat(20)}в Алматы не хватает 1 065 врачей, ${'и многое другое было сказано на встрече, '.repeat(20)}`);
    const result = compose('Сколько врачей не хватает в Алматы?', [long], flat, thesaurus);
    expect(result.answered).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(600);
    expect(result.text).toContain('1 065 врачей');
  });

  it('drops a sentence that no longer fits the budget without shifting later sentences off their sources', () => {
    const q = queryTerms('врачи Алматы', flat, thesaurus);
    const fitted = fitToBudget(['а '.repeat(150), 'б '.repeat(300), 'в Алматы врачи'], q, 'что', 300);
    expect(fitted).toHaveLength(3);
    expect(fitted[1]).toBeNull();
    expect(fitted[2]).toBe('в Алматы врачи');
  });

  it('clips around the question words', () => {
    const q = queryTerms('врачи Алматы', flat, thesaurus);
    const clipped = clipSentence(`${'а '.repeat(300)}в Алматы не хватает врачей ${'б '.repeat(300)}`, q, 100);
    expect(clipped.length).toBeLessThanOrEqual(100);
    expect(clipped).toContain('Алматы не хватает врачей');
    expect(clipped.startsWith('…')).toBe(true);
  });

  it('returns suggestions and a stable id through the Answerer interface', async () => {
    const answerer = new ExtractiveAnswerer(flat, thesaurus);
    const refused = await answerer.answer({ question: 'Какой курс доллара?', passages: [almaty, akmola], filters: {} });
    expect(refused.answered).toBe(false);
    expect(refused.suggestions).toEqual(['Статья 1', 'Статья 2']);
    const a = await answerer.answer({ question: 'Сколько врачей не хватает в Алматы?', passages: [almaty], filters: {} });
    const b = await answerer.answer({ question: 'Сколько врачей не хватает в Алматы?', passages: [almaty], filters: {} });
    expect(a.id).toBe(b.id);
    expect(a.mode).toBe('extractive');
  });
});

describe('Kazakh names in Russian spelling', () => {
  it('takes a stem within two letters of a long transliteration for the name, and nothing shorter or Russian', async () => {
    const { holdsTransliterated } = await import('../../src/answer/evidence.js');
    const { analyze } = await import('../../src/text/analyzer.js');
    const terms = new Set(analyze('из Бухтарминского водохранилища сбрасывается 465 кубометров'));
    expect(holdsTransliterated(terms, 'бұқтырма', [{ term: 'буктырм', weight: 0.9 }])).toBe(true);
    // A Russian word is matched exactly or by its stem, never loosely.
    expect(holdsTransliterated(terms, 'бухтарм', [{ term: 'буктырм', weight: 0.9 }])).toBe(false);
    // A weak relation, or a stem too short to tell a name from another word, is no match.
    expect(holdsTransliterated(terms, 'бұқтырма', [{ term: 'буктырм', weight: 0.5 }])).toBe(false);
    expect(holdsTransliterated(new Set(analyze('из водохранилища Бота')), 'бұқта', [{ term: 'букта', weight: 0.9 }])).toBe(false);
  });
});
