import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../src/engine/local-engine.js';
import { sharedSeedEngine } from '../helpers/seed-engine.js';

/**
 * A question that names someone found in one article is about that article, though the sentence holding the answer
 * calls them otherwise ("Вице-премьер … с участием акима Алматы Дархана Сатыбалды" in Аида Балаева's visit).
 */
let engine: LocalEngine;

beforeAll(async () => {
  ({ engine } = await sharedSeedEngine());
});

describe('a question read in the articles of the name it asks about', () => {
  it('answers from the article that names the person, in Kazakh and in Russian', async () => {
    for (const question of ['Аида Балаева Алматыда кеңесті қай әкімнің қатысуымен өткізді?', 'Какой аким участвовал в совещании Аиды Балаевой в Алматы?']) {
      const a = await engine.ask(question);
      expect(a.answered, question).toBe(true);
      expect(a.answer).toContain('Сатыбалды');
      expect(a.citations[0]?.quote).toMatch(/Сатыбалды/);
    }
  });

  it('still refuses what that article does not state', async () => {
    const a = await engine.ask('Сколько лет вице-премьеру Аиде Балаевой?');
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
  });
});
