import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { sharedSeedEngine } from '../helpers/seed-engine.js';

/**
 * Kazakh questions over mostly Russian news: phrases of the glossary read as one word ("елді мекен",
 * "жылу электр орталығы"), Kazakh words never "corrected" into Russian ones, Kazakh follow-ups.
 */
let engine: LocalEngine;

beforeAll(async () => {
  ({ engine } = await sharedSeedEngine());
});

describe('Kazakh questions', () => {
  it('answers a question whose words are a glossary phrase ("елді мекен" = населённый пункт)', async () => {
    const a = await engine.ask('Алматы облысында неше елді мекен бар?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('373');
  });

  it('reads "жұмыс істейді" as "работают / трудятся": the count of those who work, not of grant holders', async () => {
    const a = await engine.ask('Алматы қаласында неше мұғалім жұмыс істейді?');
    expect(a.answer.split('[1]')[0]).toContain('32 тысяч педагогов');
  });

  it('finds a name written with Kazakh letters in Russian news ("Шымбұлақ" = Шымбулак)', async () => {
    const a = await engine.ask('Шымбұлаққа күніне қанша адам келеді?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('10 тыс. человек');
  });

  it('finds a Kazakh name the news spells the Russian way ("Бұқтырма" = Бухтарминское) and quotes its own figure', async () => {
    const a = await engine.ask('Бұқтырма су қоймасынан секундына қанша текше метр су жіберіледі?');
    expect(a.answered).toBe(true);
    // The sentence that names the reservoir leads, not the Astana reservoir's figure listed before it.
    expect(a.answer.split('[1]')[0]).toMatch(/Бухтарминского водохранилища – (611|465) кубометров/);
  });

  it('refuses a Kazakh question in Kazakh, and a price of the metro is not any price nor "квадратных метров"', async () => {
    const a = await engine.ask('Алматыда метро бағасы қанша?');
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/жауап таппадым/);
    expect(a.answer).toContain('«Алматы»');
    expect(a.answer).not.toMatch(/Не нашёл/);
  });

  it('answers a Kazakh question that gives a Russian word Kazakh endings ("госуслуглардың")', async () => {
    const a = await engine.ask('Алматыда госуслуглардың қанша пайызы автоматтандырылған?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('80%');
  });

  it('answers "неше сағаттық" (how many hours\' long) from "100-часовую учебную программу"', async () => {
    const a = await engine.ask('TilOquBot оқу бағдарламасы қанша сағаттық?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('100-часовую');
  });

  it('refuses a question about driving licences, which "права" (rights) in a speech on human rights does not answer', async () => {
    const a = await engine.ask('Қазақстанда жүргізуші куәлігін қалай ауыстыруға болады?');
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/жауап таппадым/);
    expect(a.citations).toEqual([]);
  });

  it('refuses a Russian question that quotes a Kazakh name in Russian', async () => {
    const a = await engine.ask('Сколько стоит квартира по программе «Нұрлы жер» для пенсионеров?');
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/^Не нашёл/);
  });

  it('does not correct a Kazakh question word into a Russian one', async () => {
    const a = await engine.ask('Алматы облысында неше елді мекен бар?');
    expect(a.corrections).toEqual([]);
    expect(a.standalone).toContain('неше');
  });

  it('answers a Kazakh question with a locative place name from a Russian article', async () => {
    const a = await engine.ask('Алматыда қанша студент оқиды?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('236 тыс');
  });

  it('resolves a Kazakh follow-up that swaps the place, and refuses when the new place has no answer', async () => {
    const first = await engine.ask('Алматыда қанша дәрігер жетіспейді?');
    expect(first.answer).toContain('400 врачей');
    const second = await engine.ask('Шымкентте ше?', { history: { question: first.standalone, answer: first.answer } });
    expect(second.standalone).toBe('Шымкентте қанша дәрігер жетіспейді?');
    expect(second.answered).toBe(false);
    expect(second.answer).not.toContain('400');
  });
  it('reads a glossary phrase as its translation and the translation\'s close synonyms ("халық саны" → население → человек)', async () => {
    const a = await engine.ask('Алматы облысында халық саны қанша?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('1,6 млн');
  });
  it('reads an abbreviation with a Kazakh ending and the property asked ("ЖЭО-ның қуаты" = мощность ТЭЦ)', async () => {
    const a = await engine.ask('Көкшетаудағы жаңа ЖЭО-ның қуаты қандай?');
    expect(a.answered).toBe(true);
    expect(a.answer.split('[1]')[0]).toContain('240 МВт');
  });
  it("refuses a town's аким asked in Kazakh when the news names only the oblast's, and answers the oblast's", async () => {
    const town = await engine.ask('Қонаев қаласының әкімі кім?');
    expect(town.answered).toBe(false);
    const oblast = await engine.ask('Ақмола облысының әкімі кім?');
    expect(oblast.answer).toContain('Ахметжанов');
  });
  it('finds the news\' own words for corpus vocabulary asked in Kazakh ("шет аймақ" = окраина, "жедел" = экстренный)', async () => {
    const outskirts = await engine.ask('Алматының шет аймақтарында не салынады?');
    expect(outskirts.answer.split('[1]')[0]).toContain('на окраинах');
    const emergency = await engine.ask('Жедел қызметтер туралы не айтылды?');
    expect(emergency.answer.split('[1]')[0]).toContain('экстренных служб');
  });
  it('answers "мемлекеттік қызметтердің қанша пайызы" from "госуслуг" ("қызмет" = услуга)', async () => {
    const a = await engine.ask('Алматыда мемлекеттік қызметтердің қанша пайызы автоматтандырылған?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('80%');
  });
  it('leads with the figure asked when the Kazakh word is the news\' ("сауаттылық" = грамотность)', async () => {
    const a = await engine.ask('Алматыда цифрлық сауаттылық деңгейі қандай?');
    expect(a.answer.split('[1]')[0]).toContain('82,6%');
  });
  it('reads "білім беру саласы" as "сфера образования": the news on the education system leads, not a greeting', async () => {
    const a = await engine.ask('Білім беру саласында қандай мәселелер бар?');
    expect(a.answer.split('[1]')[0]).toContain('системы образования');
  });
});
