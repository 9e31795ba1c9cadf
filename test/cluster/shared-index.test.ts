/**
 * Replicas share one INDEX_DIR: builds take turns under the lock file, and a generation published by
 * one replica is swapped in by the others without a restart.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { fileBuildLock } from '../../src/cluster/build-lock.js';
import { loadConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { tempDir } from '../bot/harness.js';
import { seedDataDir } from '../helpers/seed-engine.js';

const silent = pino({ level: 'silent' });

describe('build lock', () => {
  it('runs builds on one index directory one after the other, also when one fails', async () => {
    const dir = tempDir('zhauap-lock-');
    const spans: Array<[number, number]> = [];
    const build = (ms: number, fail = false) => async () => {
      const start = performance.now();
      await new Promise((r) => setTimeout(r, ms));
      spans.push([start, performance.now()]);
      if (fail) throw new Error('build failed');
      return ms;
    };
    // Two lock objects, as two replicas would have.
    const [first, second, third] = await Promise.allSettled([
      fileBuildLock(dir, silent, { retryMs: 20 }).run(build(150, true)),
      fileBuildLock(dir, silent, { retryMs: 20 }).run(build(100)),
      fileBuildLock(dir, silent, { retryMs: 20 }).run(build(50)),
    ]);
    expect(first.status).toBe('rejected');
    expect([second, third].map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
  });
});

describe('shared index directory', () => {
  it('a replica answers from a generation another replica built, without a restart', async () => {
    const dataDir = await seedDataDir();
    const indexDir = tempDir('zhauap-shared-index-');
    const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir, EMBEDDINGS: 'builtin', LOG_LEVEL: 'silent' });
    // Both start on the same directory at once: one builds, the other waits and loads the result.
    const [builder, follower] = await Promise.all([createEngine(config, silent), createEngine(config, silent)]);
    expect(follower.generation).toBe(builder.generation);
    expect(await follower.refresh()).toBe(false);

    const question = 'Сколько катков откроют в Караганде?';
    expect((await follower.ask(question)).answered).toBe(false);
    await writeFile(
      path.join(dataDir, 'new.jsonl'),
      `${JSON.stringify({ title: 'В Караганде откроют катки', date: '2025-12-24', url: 'https://example.kz/karaganda-rinks', text: 'Этой зимой в Караганде откроют 27 катков для жителей города. Катки будут работать бесплатно до марта.' })}\n`,
    );
    await builder.reindex();
    expect(builder.generation).not.toBe(follower.generation);

    expect(await follower.refresh()).toBe(true);
    expect(follower.generation).toBe(builder.generation);
    const answer = await follower.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.answer).toContain('27 катков');
    expect(answer.citations[0]!.url).toBe('https://example.kz/karaganda-rinks');
  });
});
