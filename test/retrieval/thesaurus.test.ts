import { describe, expect, it } from 'vitest';
import { buildThesaurus, expandTerms, joinPhrases, relatedOf } from '../../src/retrieval/thesaurus.js';
import { analyze } from '../../src/text/analyzer.js';
import { parseColloquial, parseGlossary, parseSynonyms } from '../../src/text/lexicon.js';

const lexicon = {
  glossary: parseGlossary('елді мекен\tнаселенный пункт\tplace\nхалық саны\tнаселение\tsociety\n', 'glossary.tsv'),
  colloquial: parseColloquial('аварийный дом\tаварийное жилье\nкаждый день\tежедневно\n', 'colloquial.tsv'),
  synonyms: new Map(),
};
const thesaurus = buildThesaurus([['население', 'жители']], lexicon);

describe('phrases of the lexicon', () => {
  it('reads a Kazakh glossary phrase as one term standing for its translation', () => {
    const terms = joinPhrases(analyze('Алматы облысында неше елді мекен бар?'), thesaurus);
    const phrase = terms.find((t) => t.includes(' '));
    expect(phrase).toBeDefined();
    expect((thesaurus.get(phrase ?? '') ?? []).map((r) => r.term)).toEqual(expect.arrayContaining(analyze('населенный пункт')));
  });

  it('lets a phrase stand for the close synonyms of its one-word translation', () => {
    const [phrase] = joinPhrases(analyze('халық саны'), thesaurus);
    expect((thesaurus.get(phrase ?? '') ?? []).map((r) => r.term)).toEqual(expect.arrayContaining(analyze('жители')));
  });

  it('reads an everyday phrase as one term with its official words ("каждый день" → "ежедневно")', () => {
    const [phrase] = joinPhrases(analyze('каждый день'), thesaurus);
    expect(phrase).toBe(analyze('каждый день').join(' '));
    expect((thesaurus.get(phrase ?? '') ?? []).map((r) => r.term)).toContain(analyze('ежедневно')[0]);
  });
});

describe('the general thesaurus and homographs', () => {
  const synonyms = parseSynonyms(
    ['водить\tвести|руководить', 'водиться\tобитать|жить', 'ремонтировать\tчинить|исправлять', 'ремонтироваться\tчиниться|исправляться'].join('\n'),
  );
  const thesaurus = buildThesaurus([], { synonyms, colloquial: new Map(), glossary: new Map() });

  it('does not expand a stem shared by words of unrelated meanings: "воды" never searches for "жить"', () => {
    const [water] = analyze('воды');
    expect(thesaurus.get(water ?? '') ?? []).toEqual([]);
  });

  it('keeps expanding a stem whose headwords mean the same', () => {
    const [repair] = analyze('ремонтировать');
    expect((thesaurus.get(repair ?? '') ?? []).map((r) => r.term)).toEqual(expect.arrayContaining(analyze('чинить')));
  });
});

describe('Kazakh headwords without Kazakh-only letters', () => {
  it('are keyed as their inflected forms with Kazakh letters stem ("адам" for "адамға")', () => {
    const thesaurus = buildThesaurus([], { synonyms: new Map(), colloquial: new Map(), glossary: parseGlossary('адам\tчеловек\tsociety') });
    const adam = analyze('Газ неше адамға жетеді?')[1] ?? '';
    expect((thesaurus.get(adam) ?? []).map((r) => r.term)).toContain(analyze('человек')[0]);
  });
});

describe('a Kazakh verbal noun in the glossary', () => {
  it('stands for the verb a question writes ("үйрету" for "үйрететін", "жөндеу" for "жөндейді")', () => {
    const glossary = parseGlossary('үйрету\tобучение\teducation\nжөндеу\tремонт\tinfrastructure');
    const thesaurus = buildThesaurus([], { synonyms: new Map(), colloquial: new Map(), glossary });
    for (const [question, translation] of [['Тіл үйрететін бот', 'обучение'], ['Жолды жөндейді ме?', 'ремонт']] as const) {
      const terms = analyze(question).flatMap((t) => (thesaurus.get(t) ?? []).map((r) => r.term));
      expect(terms).toContain(analyze(translation)[0]);
    }
  });
});

describe('second-hand relations of a Kazakh word', () => {
  const glossary = parseGlossary('салынды\tпостроен\tinfrastructure\nжэо\tТЭЦ\tutilities');
  const thesaurus = buildThesaurus([['построить', 'строятся'], ['тэц', 'отопление']], { synonyms: new Map(), colloquial: new Map(), glossary });
  const related = (word: string) => new Map((thesaurus.get(analyze(word)[0] ?? '') ?? []).map((r) => [r.term, r.weight]));

  it('reach the translation\'s own group for the search ("салынды" → "построен" → "строятся")', () => {
    expect(related('салынды').get(analyze('строятся')[0] ?? '')).toBeGreaterThan(0);
  });

  it('stay below a close relation, so "ЖЭО" is named only by "ТЭЦ", not by "отопление"', () => {
    expect(related('ЖЭО').get(analyze('ТЭЦ')[0] ?? '')).toBeGreaterThanOrEqual(0.8);
    expect(related('ЖЭО').get(analyze('отопление')[0] ?? '')).toBeLessThan(0.8);
  });
});

describe('Kazakh names the thesaurus does not know', () => {
  it('stand for their Russian spelling ("Шымбұлаққа" → "Шымбулак"), and Russian words get nothing made up', () => {
    const thesaurus = buildThesaurus([]);
    const [name] = analyze('Шымбұлаққа');
    expect(relatedOf(thesaurus, name as string).map((r) => r.term)).toEqual(analyze('Шымбулак'));
    expect(relatedOf(thesaurus, analyze('школа')[0] as string)).toEqual([]);
    expect(expandTerms([name as string], thesaurus).map((t) => t.term)).toContain(analyze('Шымбулак')[0]);
  });
});

describe('places and spoken verbs', () => {
  it('reads a town\'s Russian name as its Kazakh one the news writes ("Боровое" → "Бурабай"), and the Kazakh one as before', () => {
    const glossary = parseGlossary('бурабай\tборовое\tcity\nауылдық\tсельский\tplace\n', 'glossary.tsv');
    const towns = buildThesaurus([], { glossary, colloquial: new Map(), synonyms: new Map() });
    expect(relatedOf(towns, analyze('в Боровом')[0] as string).map((r) => r.term)).toEqual(expect.arrayContaining(analyze('Бурабай')));
    expect(relatedOf(towns, analyze('Бурабай')[0] as string).map((r) => r.term)).toEqual(expect.arrayContaining(analyze('Боровое')));
    // A common word of the glossary stays one way: "сельский" does not stand for "ауылдық".
    expect(relatedOf(towns, analyze('сельский')[0] as string)).toEqual([]);
  });

  it('reads a place named by its adjective and "-ка" ("с Шульбинки") as the adjective the news writes ("Шульбинского")', () => {
    const none = buildThesaurus([]);
    expect(relatedOf(none, analyze('с Шульбинки')[0] as string).map((r) => r.term)).toEqual(analyze('Шульбинского'));
    expect(relatedOf(none, analyze('Бухтарминку')[0] as string).map((r) => r.term)).toEqual(analyze('Бухтарминское'));
    // A noun that merely ends so is left alone when too short to be an adjective's stem.
    expect(relatedOf(none, analyze('ковка')[0] as string)).toEqual([]);
  });

  it('reads spoken "пона-" ("понаставят") as the verb it is made from, with the verb\'s relations', () => {
    const colloquial = parseColloquial('поставят\tустановят\n', 'colloquial.tsv');
    const verbs = buildThesaurus([], { glossary: new Map(), colloquial, synonyms: new Map() });
    const related = relatedOf(verbs, analyze('понаставят')[0] as string).map((r) => r.term);
    expect(related).toEqual(expect.arrayContaining([...analyze('поставят'), ...analyze('установят')]));
    // Not a word that merely starts so, when no such verb is known.
    expect(relatedOf(verbs, analyze('понаехали')[0] as string)).toEqual([]);
  });
});

describe('a compound shortening', () => {
  const thesaurus = buildThesaurus([['услуга', 'сервис'], ['проект', 'план'], ['питание', 'еда']]);
  it('stands for its rest, a word the thesaurus knows, and the word its clipped part shortens', () => {
    const terms = relatedOf(thesaurus, analyze('допуслуги')[0] as string);
    expect(terms.map((r) => r.term)).toEqual([...analyze('услуги'), ...analyze('дополнительные')]);
    expect(relatedOf(thesaurus, analyze('нацпроекту')[0] as string).map((r) => r.term)).toContain(analyze('проект')[0]);
  });

  it('written alone before its noun ("мед организации") stands for the whole adjective, unless it is a word of its own', () => {
    expect(relatedOf(thesaurus, analyze('мед')[0] as string).map((r) => r.term)).toEqual(analyze('медицинские'));
    expect(relatedOf(thesaurus, analyze('гос')[0] as string).map((r) => r.term)).toEqual(analyze('государственные'));
    // "тех" is "those", "гор" the mountains' genitive.
    expect(relatedOf(thesaurus, analyze('тех')[0] as string)).toEqual([]);
    expect(relatedOf(thesaurus, 'гор')).toEqual([]);
  });

  it('reads a genitive plural with a fleeting vowel as its word ("деревень" → "деревня"), and a hyphenated pair as both words', () => {
    const villages = buildThesaurus([['деревня', 'село']]);
    const related = relatedOf(villages, analyze('деревень')[0] as string).map((r) => r.term);
    expect(related).toContain(analyze('деревня')[0]);
    expect(related).toContain(analyze('село')[0]);
    expect(relatedOf(thesaurus, analyze('поликлиник-амбулаторий')[0] as string).map((r) => r.term)).toEqual([
      ...analyze('поликлиник'),
      ...analyze('амбулаторий'),
    ]);
    // A prefix is no word of its own.
    expect(relatedOf(thesaurus, analyze('вице-министр')[0] as string)).toEqual([]);
  });

  it('is not read into a word whose rest is unknown or too short', () => {
    expect(relatedOf(thesaurus, analyze('гостиница')[0] as string)).toEqual([]);
    expect(relatedOf(thesaurus, analyze('допуск')[0] as string)).toEqual([]);
  });
});
