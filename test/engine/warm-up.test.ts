import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/index/chunk.js';
import { questionFrom, spreadLabels, warmUp, type WarmSource } from '../../src/engine/warm-up.js';

const chunk = (label: number): Chunk => ({
  id: `c${label}`,
  articleId: `a${label}`,
  ordinal: 0,
  title: `Аким области ${label} открыл новую школу`,
  text: `В селе построили школу на ${label} мест. Её открыли в сентябре после двух лет стройки, и теперь дети учатся рядом с домом.`,
  date: null,
  url: null,
  source: 'test',
  language: 'ru',
  regions: [],
  file: 'test.jsonl',
});

/** An index of `size` chunks whose labels start at 100 and skip every tenth (deleted ones). */
function source(size: number): WarmSource & { read: number[] } {
  const labels = Array.from({ length: size * 2 }, (_, i) => 100 + i).filter((l) => l % 10 !== 0).slice(0, size);
  const read: number[] = [];
  return { size, labels: () => labels, chunk: (label) => (read.push(label), chunk(label)), read };
}

describe('warm-up questions', () => {
  it('are spread over the whole index, first label to near the last, in label order', () => {
    const picked = spreadLabels(source(1000), 10);
    expect(picked).toHaveLength(10);
    expect(picked[0]).toBe(101);
    expect(picked.at(-1)!).toBeGreaterThan(1000);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
    expect(spreadLabels(source(5), 10)).toHaveLength(5);
    expect(spreadLabels(source(0), 10)).toEqual([]);
  });

  it("read like a citizen's question made of a passage's own words, at most ten of them", () => {
    const fromTitle = questionFrom(chunk(7), 0);
    expect(fromTitle).toBe('Сколько Аким области 7 открыл новую школу?');
    const fromSentence = questionFrom(chunk(7), 1);
    expect(fromSentence).toMatch(/^Когда /);
    expect(fromSentence.endsWith('?')).toBe(true);
    expect(fromSentence.slice(0, -1).split(' ').length).toBeLessThanOrEqual(11);
    expect(chunk(7).text).toContain(fromSentence.slice('Когда '.length, -1).split(' ').slice(0, 3).join(' '));
    expect(questionFrom({ title: '', text: '— … —' }, 0)).toBe('');
  });

  it('asks each question once, goes on past a failing one, and stops when the budget is spent', async () => {
    const asked: string[] = [];
    const index = source(500);
    const report = await warmUp(index, async (q) => {
      asked.push(q);
      if (asked.length === 3) throw new Error('search failed');
    }, 20, 10_000);
    expect(report.questions).toBe(20);
    expect(asked).toHaveLength(20);
    expect(new Set(asked).size).toBeGreaterThanOrEqual(10);
    expect(index.read).toHaveLength(20);

    const broken = { ...source(500), chunk: (label: number) => (label % 2 === 1 ? (() => { throw new Error('corrupt record'); })() : chunk(label)) };
    const partly = await warmUp(broken, async () => undefined, 20, 10_000);
    expect(partly.questions).toBe(20);

    const slow = await warmUp(source(500), () => new Promise((resolve) => setTimeout(resolve, 30)), 50, 100);
    expect(slow.questions).toBeGreaterThan(0);
    expect(slow.questions).toBeLessThan(10);
  });
});
