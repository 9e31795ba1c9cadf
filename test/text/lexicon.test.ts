import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LEXICON_WEIGHTS,
  LexiconFormatError,
  loadLexicon,
  parseChat,
  parseColloquial,
  parseGlossary,
  parseKazakhAffixes,
  parseKazakhStems,
  parseSynonyms,
  type LexiconResources,
} from '../../src/text/lexicon.js';

const DIR = path.join('data', 'lexicon');

describe('shipped lexicon files', () => {
  let lex: LexiconResources;
  beforeAll(async () => {
    lex = await loadLexicon(DIR);
  });

  it('maps everyday words to the official ones news uses, tagged and weighted below the user word', () => {
    const sadik = lex.colloquial.get('садик') ?? [];
    expect(sadik.map((a) => a.term)).toContain('детский сад');
    expect(sadik[0]).toMatchObject({ source: 'colloquial', weight: LEXICON_WEIGHTS.colloquial });
    expect(lex.colloquial.get('коммуналка')?.map((a) => a.term)).toContain('коммунальные услуги');
    expect(lex.colloquial.get('зарплата')?.map((a) => a.term)).toContain('заработная плата');
    expect(lex.colloquial.get('медики')?.map((a) => a.term)).toContain('медицинские работники');
    expect(lex.colloquial.size).toBeGreaterThanOrEqual(150);
  });

  it('reads thesaurus synonyms as the weakest source', () => {
    const salary = lex.synonyms.get('зарплата') ?? [];
    expect(salary.map((a) => a.term)).toContain('заработок');
    expect(salary[0]).toMatchObject({ source: 'mythes-ru', weight: 0.5 });
    expect(LEXICON_WEIGHTS['mythes-ru']).toBeLessThan(LEXICON_WEIGHTS.colloquial);
    expect(lex.synonyms.size).toBeGreaterThan(5000);
  });

  it('expands chat spellings and shortenings, some only in context', () => {
    expect(lex.chat.get('скока')).toEqual({ standard: 'сколько', when: 'always' });
    expect(lex.chat.get('нехватает')?.standard).toBe('не хватает');
    expect(lex.chat.get('обл')).toEqual({ standard: 'область', when: 'dot' });
    expect(lex.chat.get('г')).toEqual({ standard: 'город', when: 'name' });
  });

  it('glosses Kazakh civic words, places, months and question words in Russian', () => {
    const terms = (kk: string) => lex.glossary.get(kk)?.map((a) => a.term) ?? [];
    expect(terms('әкім')).toContain('аким');
    expect(terms('облыс')).toEqual(['область']);
    expect(terms('аурухана')).toContain('больница');
    expect(terms('су қоймасы')).toContain('водохранилище');
    expect(terms('ақмола облысы')).toContain('акмолинская область');
    expect(terms('көкшетау')).toContain('кокшетау');
    expect(terms('қаңтар')).toEqual(['январь']);
    expect(terms('қанша')).toContain('сколько');
    expect(lex.glossary.get('әкім')?.[0]).toMatchObject({ category: 'gov', source: 'kk-glossary' });
    expect(lex.glossary.size).toBeGreaterThanOrEqual(300);
  });

  it('loads the Kazakh ending table and word list', () => {
    expect(lex.kazakhAffixes.some((a) => a.slot === 'plural' && a.suffix === 'лар')).toBe(true);
    expect(lex.kazakhStems.has('мектеп')).toBe(true);
    expect(lex.kazakhStems.has('облыс')).toBe(true);
    expect(lex.kazakhStems.size).toBeGreaterThan(40_000);
  });

  it('names the missing file when a resource cannot be read', async () => {
    const read = (file: string) => (file.endsWith('ru-chat.tsv') ? Promise.reject(new Error('ENOENT')) : readFile(file, 'utf8'));
    await expect(loadLexicon(DIR, read)).rejects.toThrow(/lexicon: cannot read data\/lexicon\/ru-chat\.tsv: ENOENT/);
  });
});

describe('lexicon format errors name the file and line', () => {
  it('rejects a line without its tab-separated alternatives', () => {
    expect(() => parseColloquial('# comment\nсадик\tдетский сад\nбольничка больница\n', 'my.tsv')).toThrow(
      'lexicon: my.tsv:3: expected 2 tab-separated columns, found 1: "больничка больница"',
    );
  });

  it('rejects a headword listed twice, pointing at the first listing', () => {
    expect(() => parseSynonyms('врач\tдоктор\nВрач\tлекарь\n', 'syn.tsv')).toThrow('lexicon: syn.tsv:2: "врач" is already listed on line 1');
    const error = (() => {
      try {
        parseSynonyms('врач\tдоктор\nВрач\tлекарь\n', 'syn.tsv');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(LexiconFormatError);
    expect(error).toMatchObject({ file: 'syn.tsv', line: 2 });
  });

  it('rejects an unknown chat condition and an unknown glossary category', () => {
    expect(() => parseChat('обл\tобласть\tpoint\n', 'chat.tsv')).toThrow(/chat\.tsv:1: condition "point"/);
    expect(() => parseGlossary('су\tвода\twater\n', 'kk.tsv')).toThrow(/kk\.tsv:1: category "water"/);
  });

  it('rejects a word that maps to itself and an alternative that is not a word', () => {
    expect(() => parseColloquial('школа\tшкола\n', 'c.tsv')).toThrow(/c\.tsv:1: "школа" lists itself/);
    expect(() => parseColloquial('школа\tобразование||\n', 'c.tsv')).toThrow(/c\.tsv:1: alternative "" is not a word/);
  });

  it('rejects a malformed Kazakh ending row and an out-of-order word list', () => {
    expect(() => parseKazakhAffixes('tense\tлар\t\tback\t\tA\n', 'a.tsv')).toThrow(/a\.tsv:1: slot "tense"/);
    expect(() => parseKazakhAffixes('plural\tlar\t\tback\t\tA\n', 'a.tsv')).toThrow(/a\.tsv:1: suffix "lar"/);
    expect(() => parseKazakhStems('0\tмектеп\n0\tаудан\n', 's.tsv')).toThrow(/s\.tsv:2: "аудан" .*out of order/);
    expect(parseKazakhStems('0\tаудан\n2\tыл\n0\tмектеп\n')).toEqual(new Set(['аудан', 'ауыл', 'мектеп']));
  });

  it('normalises case and ё in headwords and alternatives', () => {
    const lex = parseColloquial('Ёлка\tНовогодняя Ёлка\n');
    expect(lex.get('елка')?.[0]?.term).toBe('новогодняя елка');
  });
});
