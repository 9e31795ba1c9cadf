import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../bot/harness.js';
import { entryPoint } from '../helpers/entry-points.js';
import { NewsSite } from './news-site.js';

/**
 * `npm run ingest -- --sources` killed with SIGKILL in the middle of a poll: the next run finishes the
 * work, and every article is stored exactly once.
 */

const root = path.resolve(import.meta.dirname, '../..');
const ARGS = ['--import', './test/helpers/loopback-only.mjs', entryPoint('ingest'), '--sources'];
const ITEMS = 6;

let site: NewsSite;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  site = await new NewsSite().start();
  for (let i = 1; i <= ITEMS; i++) {
    site.addPage(`/news/${i}`, { title: `Новость номер ${i}`, date: '2025-04-14', paragraphs: [`В городе номер ${i} открыли ${i * 10} новых детских садов и ${i * 3} поликлиники, сообщили в акимате. Строительство шло два года.`] });
  }
  site.pageDelayMs = 400;
  dataDir = tempDir('zhauap-kill-');
  await writeFile(path.join(dataDir, 'seed.txt'), 'Первая новость\n\nВ Астане прошёл форум молодёжи, в нём участвовали 500 человек.\n');
  const sourcesFile = path.join(dataDir, 'sources.json');
  await writeFile(sourcesFile, JSON.stringify({ sources: [{ id: 'feed', name: 'Новости', kind: 'rss', url: `${site.origin}/feed.xml`, every: '1s' }] }));
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, SOURCES_FILE: sourcesFile, SOURCES_HOST_DELAY_MS: '0', EMBEDDINGS: 'builtin', LOG_LEVEL: 'warn', LOOPBACK_ONLY_EXIT: '1' };
});
afterAll(() => site.stop());

const storedUrls = async () =>
  (await readFile(path.join(dataDir, 'live-feed.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { url: string }).url);

describe('SIGKILL in the middle of a poll', () => {
  it('loses and duplicates nothing: the next run stores the rest, each article once', async () => {
    const child = spawn(process.execPath, ARGS, { cwd: root, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await expect.poll(async () => (await storedUrls()).length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    await exited;
    const before = await storedUrls();
    expect(before.length).toBeLessThan(ITEMS);

    site.pageDelayMs = 0;
    const { stdout } = await promisify(execFile)(process.execPath, ARGS, { cwd: root, env });
    const after = await storedUrls();
    expect(after).toHaveLength(ITEMS);
    expect(new Set(after).size).toBe(ITEMS);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(stdout).toContain(`sources: 1 polled: ${ITEMS - before.length} new, 0 updated, 0 duplicates, 0 failed`);
    // The index holds the seed article and every live one.
    expect(stdout).toMatch(new RegExp(`articles: ${ITEMS + 1},`));
  }, 90_000);
});
