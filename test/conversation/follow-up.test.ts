import { describe, expect, it } from 'vitest';
import { capitalizeRegions, condenseFollowUp, findPlace, HeuristicCondenser, isFollowUp, swapSubject } from '../../src/conversation/follow-up.js';
import { readMessage } from '../../src/conversation/read-message.js';
import { wantedOf } from '../../src/answer/wanted.js';
import { analyze } from '../../src/text/analyzer.js';

const ex = (question: string) => ({ question, answer: 'Ответ [1].' });

describe('a follow-up whose words fit any topic', () => {
  it('carries the previous topic: "а в каком районе больше всего не хватает мест?" still asks about kindergartens', () => {
    const q = condenseFollowUp('а в каком районе больше всего не хватает мест?', ex('Какая сейчас очередь в садики в Алматы?'));
    expect(q).toContain('садики');
    // A word of its own is a topic of its own: "а сколько там врачей?" takes only the place.
    expect(condenseFollowUp('а сколько там врачей?', ex('Какая сейчас очередь в садики в Алматы?'))).not.toContain('садики');
  });
});

describe('a rank asked of the same topic', () => {
  it('carries the topic for "а кто второй?" and "а третье?", not only the place', () => {
    const first = 'Какое место заняла команда Алматы на V Летней Спартакиаде?';
    const second = condenseFollowUp('а кто второй?', ex(first));
    expect(second).toBe('Кто второй (место заняла команда Алматы на V Летней Спартакиаде)?');
    expect(condenseFollowUp('а третье?', ex(second))).toBe('Третье (место заняла команда Алматы на V Летней Спартакиаде)?');
  });
});

describe('HeuristicCondenser', () => {
  it('replaces the place: "а в Шымкенте?"', async () => {
    const c = new HeuristicCondenser();
    expect(await c.condense('а в Шымкенте?', ex('Сколько жителей в Алматинской области?'))).toBe('Сколько жителей в Шымкенте?');
    expect(condenseFollowUp('А по Туркестанской области?', ex('Сколько школ построили в Алматы?'))).toBe(
      'Сколько школ построили по Туркестанской области?',
    );
  });

  it('reads a side of the country beside the place as part of it: "а на юге, в Туркестанской?"', () => {
    expect(condenseFollowUp('а на юге, в Туркестанской области?', ex('Когда проходит акция «Чистые водоемы» в Акмолинской области?'))).toBe(
      'Когда проходит акция «Чистые водоемы» в Туркестанской области?',
    );
    expect(condenseFollowUp('а на севере, в Костанайской области?', ex('Сколько школ построили в Алматы?'))).toBe('Сколько школ построили в Костанайской области?');
  });

  it('gives an adjective left without its noun the previous noun: "а сколько денег выделят на закуп нового?"', () => {
    const condensed = condenseFollowUp('а сколько денег выделят на закуп нового?', ex('Сколько в медорганизациях Алматы устаревшего оборудования?'));
    expect(condensed).toContain('оборудования');
    expect(wantedOf(condensed).kind).toBe('money');
    // With a noun of its own the message stands alone.
    expect(isFollowUp('а сколько денег выделят на закуп новых аппаратов МРТ для больниц?')).toBe(false);
  });

  it('asks its own count at another time, with the old topic: "а в 2020 году сколько единиц купят?" after a sum', () => {
    const condensed = condenseFollowUp('а в 2020 году сколько единиц купят?', ex('Сколько денег выделят на закуп медицинского оборудования в Алматы?'));
    expect(condensed).toContain('2020');
    expect(condensed).toContain('оборудования');
    expect(wantedOf(condensed).kind).toBe('count');
  });

  it('adds the place when the previous question had none', () => {
    expect(condenseFollowUp('а в Шымкенте?', ex('Сколько врачей не хватает?'))).toBe('Сколько врачей не хватает в Шымкенте?');
  });

  it('keeps its own topic and takes the previous place: "а сколько там врачей?"', () => {
    expect(condenseFollowUp('а сколько там врачей?', ex('Какие проблемы с образованием в Алматы?'))).toBe(
      'Сколько врачей в Алматы?',
    );
  });

  it('keeps the verb when the subject changes: "а сколько там педагогов?"', () => {
    expect(condenseFollowUp('а сколько там педагогов?', ex('Сколько врачей не хватает в Алматы?'))).toBe(
      'Сколько педагогов не хватает в Алматы?',
    );
    expect(condenseFollowUp('а сколько там больниц?', ex('Сколько новых школ построят в Шымкенте?'))).toBe(
      'Сколько больниц построят в Шымкенте?',
    );
    // The follow-up brings its own verb, or the previous question has none: nothing to keep.
    expect(swapSubject('Сколько врачей не хватает в Алматы?', 'сколько школ построят')).toBeUndefined();
    expect(swapSubject('Сколько жителей в Алматинской области?', 'сколько школ')).toBeUndefined();
    expect(swapSubject('Когда откроют школу в Алматы?', 'сколько школ')).toBeUndefined();
  });

  it('swaps a place typed in lower case, or named without a preposition, so the old place is gone', () => {
    expect(condenseFollowUp('а в шымкенте?', ex('сколько врачей не хватает в алматы?'))).toBe('Сколько врачей не хватает в Шымкенте?');
    const out = condenseFollowUp('а в Шымкенте?', ex('Какова численность населения Алматинской области?'));
    expect(out).toBe('Какова численность населения в Шымкенте?');
    expect(capitalizeRegions('а в кокшетау и астане что строят?')).toBe('а в Кокшетау и Астане что строят?');
  });

  it('resolves a third turn against the second turn\'s standalone question', () => {
    const second = condenseFollowUp('а в Шымкенте?', ex('Сколько врачей не хватает в Алматы?'));
    expect(condenseFollowUp('а сколько там педагогов?', ex(second))).toBe('Сколько педагогов не хватает в Шымкенте?');
  });

  it('swaps the question word and keeps the topic: "а когда?"', () => {
    const out = condenseFollowUp('а когда?', ex('Где построят новые школы в Шымкенте?'));
    expect(out).toBe('Когда построят новые школы в Шымкенте?');
  });

  it('brings in the previous topic for a pronoun follow-up', () => {
    const out = condenseFollowUp('а кто его назначил?', ex('Какой аким у Алматинской области?'));
    expect(out).toContain('назначил');
    expect(out).toContain('аким');
  });

  it('passes standalone questions unchanged, even with history', () => {
    const previous = ex('Сколько жителей в Алматинской области?');
    for (const q of [
      'Какие водохранилища обследует Министерство водных ресурсов?',
      'Кто аким Алматы?',
      'А какие меры принимает акимат Алматы по ремонту школ и больниц?',
    ]) {
      expect(isFollowUp(q)).toBe(false);
      expect(condenseFollowUp(q, previous)).toBe(q);
    }
  });

  it('passes everything unchanged without a previous exchange', () => {
    expect(condenseFollowUp('а в Шымкенте?', undefined)).toBe('а в Шымкенте?');
  });

  it('finds place phrases with a preposition and capitalised words', () => {
    expect(findPlace('Сколько жителей в Алматинской области?')).toBe('в Алматинской области');
    expect(findPlace('Новости по г. Шымкент')).toBe('по г. Шымкент');
    expect(findPlace('Сколько стоит проезд в автобусе?')).toBeNull();
    expect(findPlace('Что сказали в Министерстве здравоохранения о врачах в Шымкенте?')).toBe('в Шымкенте');
  });
  it('swaps the place of a Kazakh question for a Kazakh follow-up ("… ше?", "ал …?")', () => {
    const previous = { question: 'Алматыда қанша дәрігер жетіспейді?', answer: '…' };
    expect(condenseFollowUp('Шымкентте ше?', previous)).toBe('Шымкентте қанша дәрігер жетіспейді?');
    expect(condenseFollowUp('ал Астанада?', previous)).toBe('Астанада қанша дәрігер жетіспейді?');
    const oblast = { question: 'Алматы облысында қанша адам тұрады?', answer: '…' };
    expect(condenseFollowUp('Ақмола облысында ше?', oblast)).toBe('Ақмола облысында қанша адам тұрады?');
    expect(isFollowUp('Алматыда қанша мектеп бар?')).toBe(false);
  });
  it('swaps the time of the last question for a follow-up that names only a time', () => {
    const previous = { question: 'Сколько студентов обучалось в Алматы в 2019 году?', answer: '…' };
    expect(condenseFollowUp('а в 2025?', previous)).toBe('Сколько студентов обучалось в Алматы в 2025?');
    const timeless = { question: 'Сколько студентов обучается в Алматы?', answer: '…' };
    expect(condenseFollowUp('а в прошлом году?', timeless)).toBe('Сколько студентов обучается в Алматы в прошлом году?');
  });

  it('swaps a date, a year with a case ending and "до конца года" for the follow-up\'s time', () => {
    const march = { question: 'Сколько воды сбрасывали из Астанинского водохранилища 20 марта?', answer: '…' };
    expect(condenseFollowUp('а на 13 апреля?', march)).toBe('Сколько воды сбрасывали из Астанинского водохранилища на 13 апреля?');
    const cameras = { question: 'Сколько камер собирались поставить в Алматы до конца 2019 года?', answer: '…' };
    expect(condenseFollowUp('а в 2020-м?', cameras)).toBe('Сколько камер собирались поставить в Алматы в 2020-м?');
    // A time with words of its own: the old time goes, the words come along.
    const tourism = { question: 'Сколько денег вложили в туризм Акмолинской области в прошлом году?', answer: '…' };
    expect(condenseFollowUp('а в этом году сколько ждут?', tourism)).toBe('Сколько денег вложили в туризм Акмолинской области в этом году (ждут)?');
  });

  it('swaps a named lake, river or village ("в озеро Балхаш" → "в Каспий")', () => {
    const lake = { question: 'Сколько воды отправили в озеро Балхаш в прошлом году?', answer: '…' };
    expect(condenseFollowUp('а в Каспий?', lake)).toBe('Сколько воды отправили в Каспий в прошлом году?');
  });

  it('reads a question word with a bare verb as a follow-up ("когда закончат?")', () => {
    const gas = { question: 'В каких сёлах Акмолинской области идёт газификация?', answer: '…' };
    expect(condenseFollowUp('когда закончат?', gas)).toContain('газификация');
    expect(isFollowUp('Когда закончат строительство школы в Косшы?')).toBe(false);
  });

  it('reads "а подробнее?" as the previous question asked again', () => {
    const doctors = { question: 'Сколько врачей не хватает в Алматы?', answer: '…' };
    for (const more of ['а подробнее?', 'расскажи подробнее', 'Поподробнее', 'Толығырақ']) expect(condenseFollowUp(more, doctors), more).toBe(doctors.question);
    expect(isFollowUp('Подробнее о строительстве школ в Алматы')).toBe(false);
  });

  it('asks a follow-up with a topic of its own at the previous place, without the previous topic ("а что с водой?")', () => {
    const gas = { question: 'Когда в Косшы проведут газ?', answer: '…' };
    expect(condenseFollowUp('а что с водой?', gas)).toBe('Что с водой в Косшы?');
    // An attribute or a bare verb has no topic of its own: the previous one comes along.
    expect(condenseFollowUp('а какая мощность?', gas)).toContain('газ');
    expect(condenseFollowUp('когда закончат?', gas)).toContain('газ');
  });

  it('reads a question word after a preposition with a bare verb as a follow-up ("на сколько уже построили?")', () => {
    const school = { question: 'Когда откроют футбольную школу в Кумтогане?', answer: '…' };
    expect(condenseFollowUp('на сколько уже построили?', school)).toContain('футбольную школу');
    expect(isFollowUp('На сколько выросли тарифы на воду в Алматы?')).toBe(false);
  });

  it('does not carry an earlier follow-up\'s question phrase into a third turn', () => {
    const second = { question: 'На какую сумму (новых птицефабрик построят в Казахстане)?', answer: '…' };
    const third = condenseFollowUp('и сколько мяса они будут давать?', second);
    expect(third).toContain('птицефабрик');
    expect(third).not.toMatch(/сумм/);
  });

  it('asks its own question of the previous topic ("а на какую сумму?")', () => {
    const farms = { question: 'Сколько новых птицефабрик построят в Казахстане до 2027 года?', answer: '…' };
    const standalone = condenseFollowUp('а на какую сумму?', farms);
    expect(standalone).toContain('птицефабрик');
    expect(standalone.startsWith('На какую сумму')).toBe(true);
  });

  it('asks the last question of another subject for a bare noun ("а педагогов?")', () => {
    const previous = { question: 'Сколько врачей не хватает в Шымкенте?', answer: '…' };
    expect(condenseFollowUp('а педагогов?', previous)).toBe('Сколько педагогов не хватает в Шымкенте?');
    // A short verb ("учится") still ends the subject.
    expect(condenseFollowUp('а школьников?', { question: 'Сколько студентов учится в Алматы?', answer: '…' })).toBe(
      'Сколько школьников учится в Алматы?',
    );
  });

  it('keeps the question word when the subject cannot be swapped in place', () => {
    expect(condenseFollowUp('а школьников?', { question: 'Сколько в Алматы студентов?', answer: '…' })).toBe('Сколько школьников в Алматы?');
  });

  it('swaps what a Kazakh count counts: "ал мұғалімдер ше?"', () => {
    const previous = { question: 'Алматыда қанша дәрігер жетіспейді?', answer: '…' };
    expect(condenseFollowUp('ал мұғалімдер ше?', previous)).toBe('Алматыда қанша мұғалімдер жетіспейді?');
  });
});

describe('a short question read against the last topic', () => {
  const c = new HeuristicCondenser();
  it('adds the previous topic to a short question without a place or name of its own', () => {
    expect(c.withTopic('сколько мяса будет выпускать?', ex('Что известно о птицефабрике КазБройлер?'))).toBe('Сколько мяса будет выпускать (известно о птицефабрике КазБройлер)?');
  });
  it('leaves a question that names its own place or name, or a long one, alone', () => {
    expect(c.withTopic('сколько врачей в Шымкенте?', ex('Сколько врачей в Алматы?'))).toBeUndefined();
    expect(c.withTopic('что известно про TilOquBot?', ex('Сколько врачей в Алматы?'))).toBeUndefined();
    expect(c.withTopic('сколько новых школ и детских садов построят в следующем году в области?', ex('Что строят?'))).toBeUndefined();
  });
});

describe('a time alone after an exchange', () => {
  it('is a follow-up that asks the last question at that time, "году" left unsaid or not', () => {
    expect(condenseFollowUp('а в этом?', ex('Сколько вложили в туризм в прошлом году?'))).toBe('Сколько вложили в туризм в этом году?');
    expect(condenseFollowUp('а в следующем году?', ex('Сколько вложили в туризм в прошлом году?'))).toBe('Сколько вложили в туризм в следующем году?');
  });
  it('is read as a question only when the chat has an exchange to continue', () => {
    expect(readMessage('а в этом году?', { followsExchange: true })).toEqual({ kind: 'question', question: 'а в этом году?' });
    expect(readMessage('а в этом году?').kind).toBe('smalltalk');
    // Nothing of its own to ask: still unclear.
    expect(readMessage('а там?', { followsExchange: true }).kind).toBe('smalltalk');
  });
});

describe('a district after a question about its city', () => {
  it('keeps the city: the district is a part of it', () => {
    expect(condenseFollowUp('а в Алатауском районе?', ex('Сколько школ не хватает в Алматы?'))).toBe('Сколько школ не хватает в Алатауском районе Алматы?');
    // Another city replaces the old one.
    expect(condenseFollowUp('а в Шымкенте?', ex('Сколько школ не хватает в Алматы?'))).toBe('Сколько школ не хватает в Шымкенте?');
  });
});

describe('a question word and an attribute after an exchange', () => {
  it('carries the topic: "на какую сумму?", then swaps the place and the question word', () => {
    const first = 'Сколько крупных проектов по птицефабрикам реализовали в Казахстане в 2024 году?';
    const sum = condenseFollowUp('на какую сумму?', ex(first));
    expect(sum).toBe('На какую сумму (крупных проектов по птицефабрикам реализовали в Казахстане в 2024 году)?');
    expect(condenseFollowUp('а сколько из них в Карагандинской области?', ex(sum))).toBe(
      'Сколько крупных проектов по птицефабрикам реализовали в Карагандинской области в 2024 году?',
    );
    expect(condenseFollowUp('а в Шымкенте?', ex('Сколько врачей не хватает в Алматы?'))).toBe('Сколько врачей не хватает в Шымкенте?');
  });
});

describe('a Kazakh pronoun after an exchange', () => {
  it('leans on the previous question: "ол қай қалада өтті?"', () => {
    expect(isFollowUp('ол қай қалада өтті?')).toBe(true);
    expect(condenseFollowUp('ол қай қалада өтті?', ex('V жазғы Спартакиадаға қанша спортшы қатысты?'))).toBe(
      'Ол қай қалада өтті (V жазғы Спартакиадаға спортшы қатысты)?',
    );
  });
});

describe('an oblast named by its adjective alone', () => {
  it('reads "а в Жамбылской?" as the oblast, and swaps a place at the start of the last question', () => {
    expect(condenseFollowUp('а в Жамбылской?', ex('Сколько школ построили в Алматы?'))).toBe('Сколько школ построили в Жамбылской области?');
    const zhambyl = condenseFollowUp('а в Жамбылской кто аким?', ex('Кто возглавляет Алматинскую область?'));
    expect(zhambyl).toBe('В Жамбылской области кто аким?');
    expect(condenseFollowUp('а в Туркестанской?', ex(zhambyl))).toBe('В Туркестанской кто аким?');
  });
});

describe('another question word after a Kazakh question', () => {
  it('drops the Kazakh question word too: "а когда?" after "…қанша ақша береді?" asks when, not how much', () => {
    const condensed = condenseFollowUp('а когда?', { question: 'Жеңімпаздарға қанша ақша береді?', answer: 'Победителей ждут призы до 1,5 млн тенге. [1]' });
    expect(condensed).not.toMatch(/қанша/i);
    expect(condensed).toMatch(/^Когда /);
    expect(wantedOf(condensed).kind).toBe('date');
  });
});

describe('a noun pointed back at', () => {
  it('"а до какого года такой прогноз?" carries the forecast told, and asks no "прогноз" of the news', () => {
    const q = condenseFollowUp('а до какого года такой прогноз?', ex('На сколько ежегодно может расти число абитуриентов в Алматы?'));
    expect(q).toContain('абитуриентов');
    expect(wantedOf(q).kind).toBe('date');
    expect(wantedOf(q).focus).toEqual([]);
    // Named without pointing back, the forecast is what is asked about.
    expect(wantedOf('До какого года прогноз по абитуриентам?').focus).toContain(analyze('прогноз')[0]);
  });
});

describe('a question phrase alone', () => {
  it('"а до какого года?" asks it of the whole previous topic, not of the place alone', () => {
    const q = condenseFollowUp('а до какого года?', ex('На сколько каждый год будет больше абитуриентов в Алматы?'));
    expect(q).toMatch(/^До какого года/u);
    expect(q).toContain('абитуриентов');
    expect(wantedOf(q).kind).toBe('date');
  });
});


describe('the topic a follow-up carries', () => {
  it('leaves the share the previous turn asked ("какую долю") behind', () => {
    const condensed = condenseFollowUp('а кто их поддерживает?', ex('Какую долю ВРП дают малые предприятия?'));
    expect(condensed).toContain('малые предприятия');
    expect(condensed).not.toMatch(/долю/i);
  });
});
