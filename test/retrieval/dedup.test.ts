import { describe, expect, it } from 'vitest';
import { collapseNearDuplicates } from '../../src/retrieval/dedup.js';

describe('collapseNearDuplicates', () => {
  const report = 'Министерство водных ресурсов и ирригации производит сброс воды из крупных водохранилищ северных областей страны для приема паводковых вод';
  it('keeps the higher-ranked of two near-identical reports', () => {
    const items = [report, `${report}. По состоянию на 20 марта ситуация такова.`, 'В Акмолинской области построят аквапарк и новые туристические объекты'];
    expect(collapseNearDuplicates(items, (s) => s)).toEqual([items[0], items[2]]);
  });

  it('stops at the limit and keeps distinct passages', () => {
    const items = ['один два три четыре пять', 'шесть семь восемь девять десять', 'одиннадцать двенадцать тринадцать четырнадцать'];
    expect(collapseNearDuplicates(items, (s) => s, 2)).toEqual(items.slice(0, 2));
  });
});
