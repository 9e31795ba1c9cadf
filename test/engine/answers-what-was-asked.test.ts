import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { sharedSeedEngine } from '../helpers/seed-engine.js';

/**
 * Near misses: on a topic the news covers, a question for a detail it does not state (a price, an
 * investor, a salary, another region's figure) must be refused, not answered with an on-topic quote.
 */
let engine: LocalEngine;

beforeAll(async () => {
  ({ engine } = await sharedSeedEngine());
});

describe('the engine answers only what was asked', () => {
  it.each([
    ['a price', 'Сколько стоит строительство аквапарка в Акмолинской области?'],
    ['an investor', 'Кто инвестор аквапарка в Акмолинской области?'],
    // Neither the resort's name ("кластер Ак Бура") nor who reported the news ("Об этом сообщил аким") is the builder.
    ['a builder', 'Кто будет строить аквапарк в Акмолинской области?'],
    ['a salary', 'Какая зарплата у врачей в Алматы?'],
    // "яичного направления на сумму" is no purpose, and a plan to revive the plant is no cause of its closing.
    ['why a plant closed', 'Почему закрыли птицефабрику в Карагандинской области?'],
    ['another ministry', 'Кто сейчас министр энергетики Казахстана?'],
    ["a town's аким (the news names the oblast's)", 'Кто аким Конаева?'],
    // The news dates the kurultai by year only ("в следующем году").
    ['the month of an event', 'В каком месяце пройдет курултай в Кызылординской области?'],
    ['a rent', 'Какая будет арендная плата за квартиры для работающей молодёжи в Алматы?'],
    // "По ветхому жилью … 17,7 млрд" follows the sentence naming the programme but opens a matter of its own.
    ['the price of a flat in a named programme', 'Сколько стоит квартира по программе «Алматы жастары»?'],
    // "с 1 сентября" dates stipends, not the festival: a month is no topic.
    ['the day of a festival', 'Какого числа в сентябре пройдет фестиваль?'],
  ])('refuses a question for %s the news does not state', async (_, question) => {
    const a = await engine.ask(question);
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/^Не нашёл/);
    expect(a.citations).toEqual([]);
  });

  it('does not answer a short message\'s last sentence alone with a quote that drops the topic named before it', async () => {
    // Asked alone, "Сколько стоит обучение языку через этого бота?" finds a kindergarten's fee.
    const a = await engine.ask('TilOquBot бесплатный? Сколько стоит обучение языку через этого бота?');
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain('тенге');
  });

  it('finds a project\'s cost in the sentence after the one about its construction, though another line of the article scores a hair higher', async () => {
    const a = await engine.ask('Сколько стоит строительство футбольной школы для детей в Алматинской области?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('1 миллиарда тенге');
  });

  it('answers "в какой отрасли … зарплаты" with the field, not a sum', async () => {
    const a = await engine.ask('В какой отрасли в Алматы самые низкие зарплаты?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('дошкольном образовании');
  });

  it('answers a share of a thing the passage names two sentences before the figure', async () => {
    const a = await engine.ask('Какая доля пользователей бота TilOquBot проживает в отдаленных районах Алматинской области?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('58%');
  });

  it('answers "где самые большие зарплаты" with the highest, never with the lowest', async () => {
    const a = await engine.ask('В каких сферах в Алматы самые большие зарплаты?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('финансах и страховании');
    expect(a.answer).not.toContain('Самые низкие');
  });

  it('still answers the same topic when the news holds the asked kind of fact', async () => {
    const a = await engine.ask('Какой процент жителей Алматинской области живёт в сёлах?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('80,6%');
  });

  it('answers from an article tagged with another region when the passage names the asked place, and says so', async () => {
    const a = await engine.ask('Сколько кубометров воды в секунду сбрасывают из водохранилища Астаны?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('9,95');
    expect(a.relaxedRegions).toEqual(['Астана']);
  });

  it('a follow-up that swaps the place is refused when the new place has no answer, never repeating the old figure', async () => {
    const first = await engine.ask('Сколько врачей не хватает в Алматы?');
    expect(first.answer).toContain('1,1 тыс');
    const second = await engine.ask('а в Шымкенте?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.standalone).toMatch(/Шымкент/);
    expect(second.answer).not.toContain('1,1 тыс');
    expect(second.answered).toBe(false);
  });

  it('a region chosen explicitly stays a hard filter', async () => {
    const a = await engine.ask('Сколько кубометров воды в секунду сбрасывают из водохранилища?', { regions: ['shymkent'] });
    expect(a.answered).toBe(false);
    expect(a.relaxedRegions).toEqual([]);
  });
});

describe('the fact next to the sentence that names the topic', () => {
  it('answers "когда" with the dated sentence that follows the one naming the project', async () => {
    const a = await engine.ask('Когда закончат строить ТЭЦ в Кокшетау?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('2028');
  });
});

describe('follow-ups on the real engine', () => {
  it('answers "а сколько из них…" from the last question, and a third turn that swaps the place is refused', async () => {
    const first = await engine.ask('Сколько дошкольных организаций работает в Алматы?');
    expect(first.answer).toContain('1 065');
    const second = await engine.ask('а сколько из них частных?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.answer).toContain('866');
    const third = await engine.ask('а в Шымкенте?', { history: { question: second.standalone, answer: second.answer } });
    expect(third.standalone).toMatch(/Шымкент/);
    expect(third.answered).toBe(false);
    expect(third.answer).not.toContain('866');
  });

  it('tells a follow-up the new figure, not the one the last answer gave, when one sentence holds both', async () => {
    const first = await engine.ask('Сколько ветхих домов планируют снести в Алматы?');
    expect(first.answer).toContain('267');
    const second = await engine.ask('а сколько семей получат жильё?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.answer).toContain('2321');
    expect(second.answer).not.toContain('267');
    const lake = await engine.ask('Сколько воды направили в озеро Балхаш?');
    expect(lake.answer).toContain('3,3 млрд');
    const sea = await engine.ask('а в Каспий?', { history: { question: lake.standalone, answer: lake.answer } });
    expect(sea.answer).toContain('6 млрд');
    expect(sea.answer).not.toContain('3,3');
  });

  it('answers a follow-up from the sentence it quoted before when that sentence states the new words ("а автономный кредитный профиль?")', async () => {
    const first = await engine.ask('Какой рейтинг Fitch дало Алматы?');
    expect(first.answer).toContain('BBB');
    const second = await engine.ask('а автономный кредитный профиль?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.answered).toBe(true);
    expect(second.answer).toContain('«BBB+»');
  });

  it('answers "а в этом?" after a question about last year with this year\'s figure only', async () => {
    const first = await engine.ask('Сколько инвестиций в туризм Акмолинской области было в прошлом году?');
    expect(first.answer).toContain('29,5 млрд');
    const second = await engine.ask('а в этом?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.standalone).toMatch(/в этом году/);
    expect(second.answer).toContain('35,7 млрд');
    expect(second.answer).not.toContain('29,5');
    // With a word of its own that no clause holds, the old year's clause still goes.
    const third = await engine.ask('а в этом году сколько ждут?', { history: { question: first.standalone, answer: first.answer } });
    expect(third.answer).toContain('35,7 млрд');
    expect(third.answer).not.toContain('29,5');
  });

  it('reads a short question that finds nothing alone against the last topic ("сколько мяса будет выпускать?")', async () => {
    const first = await engine.ask('Что известно о птицефабрике КазБройлер?');
    const second = await engine.ask('сколько мяса будет выпускать?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.answered).toBe(true);
    expect(second.answer).toContain('20 тыс. тонн мяса');
    // Alone it has no topic to answer from.
    expect((await engine.ask('сколько мяса будет выпускать?')).answered).toBe(false);
  });

  it('does not answer a message by its last one-word question alone ("… бот бар ма? Аты қалай?")', async () => {
    const a = await engine.ask('Сәлем! Қазақ тілін үйренуге арналған бот бар ма? Аты қалай?');
    expect(a.answer).not.toMatch(/национальных видов спорта/);
  });
});

describe('everyday wording', () => {
  it.each([
    // "дерут с родителей" is money taken, "допуслуги" are additional services.
    ['a fee in slang with a compound shortening', 'Сколько частные садики в Алматы дерут с родителей сверху за допуслуги?', '50-70'],
    // "Говорят, …, это правда?" frames the question; "говорят" and "правда" are not what it is about.
    ['hearsay around a question', 'Говорят, парламент у нас будет из одной палаты, а не из двух, это правда?', 'однопалатн'],
    // "ещё кого?" lists more of the specialists asked, not a person.
    ['"каких …, ещё кого?"', 'Каких спецов в сёлах не хватает? Ветеринаров там, ещё кого?', 'землеустроител'],
  ])('answers %s with the fact', async (_, question, fact) => {
    const a = await engine.ask(question);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain(fact);
    expect(a.citations.length).toBeGreaterThan(0);
  });
});
