import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/metrics.js';
import { Bm25Index, type QueryTerm } from '../../src/index/bm25.js';
import { exhaustiveSearch, WINDOW } from '../../src/index/bm25-query.js';

/**
 * The pruned search (MaxScore) must return exactly what scoring every posting returns: the same
 * labels, scores and order, on random corpora and random weighted queries, with and without a filter,
 * after removals and after a save/load round trip.
 */

// A Zipfian vocabulary: a few terms in most documents (long lists, where pruning matters), many rare ones.
function randomCorpus(random: () => number, docs: number, vocabulary: number): string[][] {
  const term = () => `t${Math.floor(Math.pow(random(), 2.5) * vocabulary)}`;
  return Array.from({ length: docs }, () => Array.from({ length: 5 + Math.floor(random() * 60) }, term));
}

function randomQuery(random: () => number, vocabulary: number): QueryTerm[] {
  // Up to 8 asked words, or the 20-50 terms a question has once the thesaurus expanded it.
  const terms = random() < 0.7 ? 1 + Math.floor(random() * 8) : 20 + Math.floor(random() * 31);
  return Array.from({ length: terms }, () => ({
    term: `t${Math.floor(Math.pow(random(), 1.5) * vocabulary)}`,
    // Synonyms weigh 0.5 in retrieval; a repeated term must count once at its highest weight.
    weight: random() < 0.3 ? 0.5 : 1,
  }));
}

// Labels 5 apart, so that the pruned search walks several of its label windows (WINDOW labels each).
function build(corpus: string[][]): Bm25Index {
  const index = new Bm25Index();
  corpus.forEach((terms, i) => index.add(i * 5, terms));
  expect(corpus.length * 5).toBeGreaterThan(WINDOW);
  return index;
}

/**
 * Both plans of the search: every posting scored term at a time (the default at these sizes), and MaxScore,
 * with bounds per window of labels for the longest lists only (as served) and for every list.
 */
function expectSameRankings(index: Bm25Index, random: () => number, vocabulary: number, queries: number): void {
  const evenLabels = (label: number) => label % 2 === 0;
  const { scanLimit, blockedList } = index;
  for (let q = 0; q < queries; q++) {
    const query = randomQuery(random, vocabulary);
    const expected = new Map([1, 10, 50].map((k) => [k, exhaustiveSearch(index, query, k)]));
    const filtered = exhaustiveSearch(index, query, 10, evenLabels);
    for (const [limit, blocked] of [[scanLimit, blockedList], [0, blockedList], [0, 1]] as const) {
      index.scanLimit = limit;
      index.blockedList = blocked;
      for (const [k, hits] of expected) expect(index.search(query, k), JSON.stringify({ query, k, limit, blocked })).toEqual(hits);
      expect(index.search(query, 10, evenLabels)).toEqual(filtered);
    }
  }
  index.scanLimit = scanLimit;
  index.blockedList = blockedList;
}

describe('Bm25Index.search (term at a time, MaxScore with window bounds)', () => {
  it('returns the same top 10 (and top 1, top 50) as the exhaustive scan on random queries', () => {
    const random = rng(11);
    const index = build(randomCorpus(random, 1500, 1000));
    expectSameRankings(index, random, 1000, 150);
  });

  it('stays exact on flat scores, where most candidates need the weaker lists to be told apart', async () => {
    // 60 terms in all: a long question's terms are in most documents, so the k-th score sits where half the lists'
    // window bounds still add up to it, and a candidate's sum comes largely from the non-essential lists.
    const random = rng(15);
    const index = build(randomCorpus(random, 3000, 60));
    expectSameRankings(index, random, 60, 30);
    // With impacts stored for the lists from 200 postings (as the pass after load stores them), the others computed.
    index.blockedList = 200;
    await index.prepareBounds();
    expectSameRankings(index, random, 60, 30);
  });

  it('stays exact after removals and after a save/load round trip', () => {
    const random = rng(12);
    const index = build(randomCorpus(random, 2000, 500));
    // Bounds computed before the removal stay valid upper bounds.
    expectSameRankings(index, random, 500, 20);
    index.remove(Array.from({ length: 400 }, (_, i) => i * 25));
    expectSameRankings(index, random, 500, 100);
    const loaded = Bm25Index.decode(index.encode());
    expectSameRankings(loaded, random, 500, 100);
  });

  it('stays exact when loaded with its bounds computed up front, and after edits made since', async () => {
    const random = rng(14);
    const index = build(randomCorpus(random, 2000, 500));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bm25-bounds-'));
    try {
      await index.save(path.join(dir, 'bm25.bin'));
      const loaded = await Bm25Index.load(path.join(dir, 'bm25.bin'));
      await loaded.boundsReady;
      // Lists from 64 postings get window bounds: those of 1024 and more computed after `load`, before any search.
      loaded.blockedList = 64;
      expectSameRankings(loaded, random, 500, 40);
      // The norms move with every edit: bounds computed on load must not be used after one. Long documents of a
      // new term (labels between the others: the label capacity stays) raise the average length, so every other
      // document's terms count for more than the old bounds say.
      for (let i = 0; i < 300; i++) loaded.add(i * 5 + 1, Array.from({ length: 300 }, () => 'filler'));
      loaded.remove([0, 5, 10]);
      expectSameRankings(loaded, random, 500, 40);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is ready for its first question when loaded from a file that holds the impacts, and never uses them after an edit', async () => {
    const random = rng(18);
    const index = build(randomCorpus(random, 2000, 500));
    // Lists from 64 postings get their impacts and window bounds written into the file.
    index.blockedList = 64;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bm25-impacts-'));
    try {
      await index.save(path.join(dir, 'bm25.bin'));
      const loaded = await Bm25Index.load(path.join(dir, 'bm25.bin'));
      loaded.blockedList = 64;
      // Nothing left to compute after load: ready at once, though a question comes every 10 ms (a pass would wait
      // for 100 ms without one, and the questions before it would run without impacts).
      let ready = false;
      void loaded.boundsReady.then(() => (ready = true));
      for (let i = 0; i < 5 && !ready; i++) {
        loaded.search(['t0', 't1'], 10);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(ready).toBe(true);
      expectSameRankings(loaded, random, 500, 40);
      // An edit moves the norms the stored impacts were computed with: long documents of a new term raise the
      // average length, so every stored impact is then too low, and using one would change the rankings.
      for (let i = 0; i < 300; i++) loaded.add(i * 5 + 1, Array.from({ length: 300 }, () => 'filler'));
      expectSameRankings(loaded, random, 500, 40);
      loaded.remove([0, 5, 10]);
      expectSameRankings(loaded, random, 500, 40);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('computes the bounds in the background even when nothing but a timer wakes the process', async () => {
    // A served index idles between questions: the slices must not wait for other events to run (with a 1 s timer the
    // only thing pending, each slice would wait for the next wake-up, and 100 slices would take minutes).
    const index = build(randomCorpus(rng(16), 1000, 300));
    index.blockedList = 8;
    const ready = index.prepareBounds(0).then(() => 'ready');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timed out'), 1000));
    expect(await Promise.race([ready, timeout])).toBe('ready');
  });

  it('computes the bounds only while no search came for a while (questions first)', async () => {
    const index = build(randomCorpus(rng(17), 1000, 300));
    index.blockedList = 8;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    index.search(['t0', 't1'], 10);
    // The whole pass in one slice, taken only 50 ms after the last search: not while a search comes every 10 ms.
    let ready = false;
    const done = index.prepareBounds(1000, 50).then(() => (ready = true));
    for (let i = 0; i < 20; i++) {
      index.search(['t0', 't1'], 10);
      await sleep(10);
    }
    expect(ready).toBe(false);
    await done;
    expect(ready).toBe(true);
  });

  it('stays exact when documents arrive out of label order and when lists grow after a search', () => {
    const random = rng(13);
    const corpus = randomCorpus(random, 1000, 300);
    const index = new Bm25Index();
    corpus.slice(0, 600).forEach((terms, label) => index.add(label, terms));
    expectSameRankings(index, random, 300, 30);
    // Added after the bounds were computed: a longer document with a higher tf must raise them.
    index.add(600, Array.from({ length: 400 }, () => 't0'));
    corpus.slice(601).forEach((terms, i) => index.add(1000 + i, terms));
    index.add(700, ['t1', 't2', 't3']);
    expectSameRankings(index, random, 300, 100);
  });
});
