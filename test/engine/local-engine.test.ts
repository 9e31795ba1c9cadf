import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { resolveFilters } from '../../src/engine/local-engine.js';
import { UnusableQuestionError } from '../../src/engine/question.js';
import { DEFAULT_EXAMPLE_QUESTIONS } from '../../src/texts/ru.js';
import { KAZAKH_EXAMPLE_QUESTIONS } from '../../src/texts/small-talk.js';
import { sharedSeedEngine } from '../helpers/seed-engine.js';

let engine: LocalEngine;

beforeAll(async () => {
  ({ engine } = await sharedSeedEngine());
});

const markers = (text: string) => [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));

describe('answer engine on the seed corpus (built-in embedder)', () => {
  it('answers a "сколько" question with the number, a marker per sentence and a linked source', async () => {
    const a = await engine.ask('Сколько сельских округов в Алматинской области?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('131');
    expect(a.answer.length).toBeLessThanOrEqual(600);
    for (const sentence of a.answer.split(/(?<=\])\s+/)) expect(sentence).toMatch(/\[\d+\]$/);
    for (const n of markers(a.answer)) expect(a.citations.find((c) => c.n === n)).toBeDefined();
    expect(a.citations[0]!.quote).toContain('131');
    expect(a.filters.regions).toEqual(['almaty-region']);
  });

  it('cites the original article URL for listing-page news', async () => {
    const a = await engine.ask('Какой кредитный рейтинг Fitch присвоило Алматы?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.url).toMatch(/^https:\/\/www\.gov\.kz\/.*32245/);
    expect(a.citations[0]!.date).toBe('2025-04-14');
  });

  it('finds a paraphrase: "медиков" where the article says "специалистов"/"врачей"', async () => {
    const a = await engine.ask('Какая нехватка медиков в Алматы?');
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/1,1 тыс|400 врачей/);
  });

  it('reads a common abbreviation as its full form: "ИИ" where the article says "искусственного интеллекта"', async () => {
    const a = await engine.ask('Какое место занимает Казахстан во внедрении ИИ?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('после США и Китая');
  });

  it('reads "возглавляет" as the head of an office and "НАН" as the academy of sciences', async () => {
    const a = await engine.ask('Кто возглавляет НАН?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Куришбаев');
  });

  it('finds the report below a long speech that fills the top ten passages with the question\'s words', async () => {
    const a = await engine.ask('Сколько не хватает в Алматы воспитателей и школьных учителей?');
    expect(a.answered).toBe(true);
    expect(a.answer.split('[1]')[0]).toContain('2 тыс. педагогов');
    expect(a.passages.length).toBeLessThanOrEqual(10);
  });

  it('reads "руководит" as any head\'s title, "президент" too, and the chat shortening "тел" as a phone', async () => {
    const head = await engine.ask('Кто руководит Национальной академией наук Казахстана?');
    expect(head.answered).toBe(true);
    expect(head.answer).toContain('Куришбаев');
    const phone = await engine.ask('Какой тел для вопросов по конкурсу «Трудовой путь»?');
    expect(phone.answer).toContain('8/7232/205120');
  });

  it('counts what a resort gets when the passage names the resort and the sentence the counted thing', async () => {
    const a = await engine.ask('Сколько видеокамер установят в Бурабае для безопасности отдыхающих?');
    expect(a.answered).toBe(true);
    expect(a.answer.split('[1]')[0]).toContain('100 «умных» камер');
  });

  it('reads everyday «сердечники» as cardiology, and quotes no place of another topic for «где»', async () => {
    const a = await engine.ask('В каких больницах Алматы откроют отделения для сердечников?');
    expect(a.answer.split('[1]')[0]).toContain('ЦГКБ, ГКБ №№ 4 и 7');
    // The hospitals are named by abbreviations the place check does not read: a refusal, not another sentence's district.
    const where = await engine.ask('Где в Алматы откроют кардиоотделения для сердечников?');
    expect(where.answer).not.toMatch(/^Для детей|^В октябре/);
  });

  it('answers an address with the street, not a refusal', async () => {
    const a = await engine.ask('Какой адрес у акимата для заявок на конкурс «Трудовой путь»?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('ул. Киевская, 1');
  });

  it('answers a Kazakh question from a Russian article', async () => {
    const a = await engine.ask('Алматы облысында қанша адам тұрады?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('1,6 млн');
  });

  it('says "не нашёл" with suggestions for a question the news base cannot answer', async () => {
    const a = await engine.ask('Какой курс доллара к тенге на сегодня?');
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/Не нашёл/);
    expect(a.citations).toEqual([]);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('does not answer "Когда будут выборы президента?" with a sentence that shares only "будут" and "Президента"', async () => {
    const a = await engine.ask('Когда будут выборы президента?');
    expect(a.answered).toBe(false);
  });

  it('does not answer "куда идти" with any sentence that names a place and shares one word ("права")', async () => {
    // The news has a notaries' round table on property rights in Atyrau, nothing on driving licences.
    const a = await engine.ask('Где можно продлить водительские права?');
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/Не нашёл/);
  });

  it('narrows by a region named in the question and says so when nothing matches', async () => {
    const a = await engine.ask('Что построят в Шымкенте в апреле 2025 года?');
    expect(a.filters).toMatchObject({ regions: ['shymkent'], dateFrom: '2025-04-01', dateTo: '2025-04-30' });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain('Шымкент');
    expect(a.answer).toContain('2025-04-01');
    for (const p of a.passages) expect(p.chunk.regions).toContain('shymkent');
  });

  it('applies an explicit region filter unless the question names another region', async () => {
    expect(resolveFilters('Что строят?', { regions: ['akmola'] })).toEqual({ regions: ['akmola'] });
    expect(resolveFilters('А в Шымкенте?', { regions: ['akmola'] })).toEqual({ regions: ['shymkent'] });
    const a = await engine.ask('Что строят?', { regions: ['akmola'] });
    for (const p of a.passages) expect(p.chunk.regions).toContain('akmola');
  });

  it('collapses near-duplicate reservoir reports in the passages', async () => {
    const a = await engine.ask('Сколько воды сбрасывается из Астанинского водохранилища?');
    const texts = a.passages.map((p) => p.chunk.text.slice(0, 120));
    expect(new Set(texts).size).toBe(texts.length);
    expect(a.passages.length).toBeLessThanOrEqual(10);
  });

  it('finds a quoted project name', async () => {
    const a = await engine.ask('Где работает проект «Школа акимов»?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('Конаев');
  });

  it('answers a question wrapped in a script tag exactly as without it', async () => {
    const question = 'Сколько сельских округов в Алматинской области?';
    const plain = await engine.ask(question);
    const dressed = await engine.ask(`<script>alert(1)</script> ${question}`);
    expect(plain.answered).toBe(true);
    expect(dressed.answer).toBe(plain.answer);
  });

  it('rejects unusable questions with a typed error', async () => {
    await expect(engine.ask('   ')).rejects.toBeInstanceOf(UnusableQuestionError);
    await expect(engine.ask('🙂🙂')).rejects.toBeInstanceOf(UnusableQuestionError);
  });

  it('answers the question inside a huge message full of HTML characters', async () => {
    const a = await engine.ask(`<b>Сколько</b> & «врачей» не хватает в Алматы? ${'<i>текст</i> '.repeat(2000)}`);
    // Markup is stripped before anything reads the question; the rest is kept as typed.
    expect(a.question).toBe('Сколько & «врачей» не хватает в Алматы?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('1,1 тыс');
  });

  it('corrects a typo in a word the news never uses ("склько") by the Russian dictionary, and says so', async () => {
    const a = await engine.ask('склько студентов учится в Алматы?');
    expect(a.corrections).toEqual([{ from: 'склько', to: 'сколько' }]);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('236 тыс');
  });

  it('answers a 1500-character message by the question at its end', async () => {
    const story =
      'Я работаю медсестрой в городской поликлинике, очереди к терапевтам огромные, люди ждут приёма неделями. '.repeat(15);
    const message = `${story}\nСколько врачей не хватает в Алматы?`;
    expect(message.length).toBeGreaterThanOrEqual(1500);
    const a = await engine.ask(message);
    expect(a.question).toBe('Сколько врачей не хватает в Алматы?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('1,1 тыс');
  });

  it('asks the question alone when a short story before it finds nothing', async () => {
    const a = await engine.ask(
      'Я пенсионерка, живу одна на девятом этаже, внуки приезжают редко, в магазин хожу пешком, а лифт постоянно ломается. ' +
        'Когда в Алматы заменят старые лифты?',
    );
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('2-3 года');
    expect(a.citations.length).toBeGreaterThan(0);
  });

  it('resolves follow-ups against the last standalone question and never repeats the old place\'s figure', async () => {
    const first = await engine.ask('Сколько врачей не хватает в Алматы?');
    expect(first.answer).toContain('1,1 тыс');
    expect(first.standalone).toBe('Сколько врачей не хватает в Алматы?');

    const second = await engine.ask('а в Шымкенте?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.question).toBe('а в Шымкенте?');
    expect(second.standalone).toBe('Сколько врачей не хватает в Шымкенте?');
    expect(second.answer).not.toContain('1,1 тыс');
    // Either a fact about Shymkent or a refusal; never Almaty's.
    if (second.answered) for (const c of second.citations) expect(c.quote).toMatch(/Шымкент/);
    else expect(second.answer).toMatch(/Не нашёл/);

    const third = await engine.ask('а сколько там педагогов?', { history: { question: second.standalone, answer: second.answer } });
    expect(third.question).toBe('а сколько там педагогов?');
    expect(third.standalone).toBe('Сколько педагогов не хватает в Шымкенте?');
    expect(third.filters.regions).toEqual(['shymkent']);
  });

  // The /start examples (and the Kazakh one small talk offers) must be answerable from the shipped corpus.
  const EXAMPLE_FACTS: Record<string, RegExp> = {
    'Что строят в Акмолинской области?': /ТЭЦ/,
    'Сколько не хватает врачей в Алматы?': /1,1 тыс/,
    'Сколько человек живёт в Алматинской области?': /1,6 млн/,
    'Алматы облысында қанша адам тұрады?': /1,6 млн/,
  };

  it.each([...DEFAULT_EXAMPLE_QUESTIONS, ...KAZAKH_EXAMPLE_QUESTIONS])('answers the example question %j with its fact and a source', async (q) => {
    const fact = EXAMPLE_FACTS[q];
    expect(fact, `no expected fact written for the example ${q}`).toBeDefined();
    const a = await engine.ask(q);
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(fact!);
    expect(a.answer).toMatch(/\[1\]/);
    expect(a.citations[0]!.url ?? a.citations[0]!.source).toBeTruthy();
  });

  // "жителей" also counts the "730 тысяч жителей города и области" of the Almaty agglomeration; the figure whose own
  // sentence names the oblast comes first.
  it('answers "Сколько жителей в Алматинской области?" with 1,6 млн first', async () => {
    const a = await engine.ask('Сколько жителей в Алматинской области?');
    expect(a.answer.split(/ \[\d\]/)[0]).toContain('1,6 млн');
  });

  it('reports corpus stats, latest articles and regions', () => {
    const stats = engine.stats();
    expect(stats.articles).toBe(24);
    expect(stats.sources[0]).toEqual({ source: 'Enbekshi QazaQ', articles: 20 });
    expect(stats.dateTo).toBe('2025-12-23');
    const latest = engine.latest(5);
    expect(latest).toHaveLength(5);
    expect(latest[0]!.date).toBe('2025-12-23');
    expect(engine.regions().map((r) => r.id)).toContain('akmola');
  });
});
