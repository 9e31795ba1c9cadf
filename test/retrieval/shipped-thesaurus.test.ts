import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShippedThesaurus, parseThesaurus, THESAURUS_FILE } from '../../src/retrieval/shipped-thesaurus.js';
import { buildThesaurus, SYNONYM_GROUPS } from '../../src/retrieval/thesaurus.js';
import { analyze } from '../../src/text/analyzer.js';
import { LEXICON_FILES, loadLexicon, SHIPPED_LEXICON_DIR } from '../../src/text/lexicon.js';

const STALE = `data/lexicon/${THESAURUS_FILE} is stale: run npm run thesaurus`;

describe('the thesaurus shipped ready-made', () => {
  it('is exactly what stemming the shipped lexicon gives today, in the same order', async () => {
    const { thesaurus, prebuilt } = await loadShippedThesaurus();
    expect(prebuilt, STALE).toBe(true);
    // Also catches a change to the analyzer's code that its version number and the fingerprint miss.
    const stemmed = buildThesaurus(SYNONYM_GROUPS, await loadLexicon());
    expect([...thesaurus], STALE).toEqual([...stemmed]);
  });

  it('is not served for a lexicon edited since: the edit counts at once', async () => {
    const [removed] = analyze('коммуналка');
    const [added] = analyze('квартплата');
    const shipped = parseThesaurus(await readFile(path.join(SHIPPED_LEXICON_DIR, THESAURUS_FILE), 'utf8')).thesaurus;
    expect(shipped.has(removed!)).toBe(true);

    // The shipped thesaurus file next to edited lists (small ones, so the stemming is quick).
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-lexicon-'));
    await cp(SHIPPED_LEXICON_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, LEXICON_FILES.synonyms), '');
    await writeFile(path.join(dir, LEXICON_FILES.colloquial), 'квартплата\tкоммунальные услуги\n');
    const { thesaurus, prebuilt } = await loadShippedThesaurus(dir);
    expect(prebuilt).toBe(false);
    expect(thesaurus.get(added!)?.map((r) => r.term)).toEqual(analyze('коммунальные услуги'));
    expect(thesaurus.has(removed!)).toBe(false);
  });
});

describe('everyday words for wrongdoing, people and services', () => {
  it('relates them to the words the news uses', async () => {
    const { thesaurus } = await loadShippedThesaurus();
    const related = (word: string) => (thesaurus.get(analyze(word)[0] ?? '') ?? []).map((r) => r.term);
    expect(related('махинации')).toContain(analyze('нарушения')[0]);
    expect(related('телеге')).toContain('telegram');
    expect(related('вскрытие')).toContain(analyze('аутопсия')[0]);
    expect(related('налоговая')).toContain(analyze('органы')[0]);
    expect(related('садах')).toContain(analyze('дошкольная')[0]);
    expect(related('теплостанцию')).toContain(analyze('ТЭЦ')[0]);
  });
});

describe('Kazakh nouns asked in their possessive form', () => {
  it('translate as the bare word does ("жалақысы" as "жалақы", both to зарплата)', async () => {
    const { thesaurus } = await loadShippedThesaurus();
    const related = (word: string) => (thesaurus.get(analyze(word)[0] ?? '') ?? []).map((r) => r.term);
    const salary = analyze('зарплата')[0];
    expect(analyze('жалақысы')).not.toEqual(analyze('жалақы'));
    expect(related('жалақысы')).toContain(salary);
    expect(related('жалақы')).toContain(salary);
    expect(related('бағасы')).toContain(analyze('цена')[0]);
  });
});
