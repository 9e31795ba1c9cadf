import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataDir } from '../helpers/seed-engine.js';
import { NewsSite } from '../sources/news-site.js';
import { tempDir } from '../bot/harness.js';
import { entryPoint } from '../helpers/entry-points.js';
import { inlineButtons, SimulatedUser, startEmulator, type Emulator } from './emulator.js';

/**
 * npm start with live news, end to end: the bot (src/main.ts, from the tests' bundle) against the Bot API emulator, polling a
 * local news site every second. A chat subscribes, a new article appears in the feed, the chat gets
 * exactly one push with the link, a question about the article is answered with that link, and after
 * a restart nothing is pushed again.
 */

const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = '123456780:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-Ex';

let emulator: Emulator;
let site: NewsSite;
let env: NodeJS.ProcessEnv;

function startMain(): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', './test/helpers/loopback-only.mjs', entryPoint('main')], { cwd: root, env });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

beforeAll(async () => {
  emulator = await startEmulator();
  site = await new NewsSite().start();
  const dataDir = await seedDataDir();
  const dir = tempDir('zhauap-live-');
  const sourcesFile = path.join(dir, 'sources.json');
  await writeFile(sourcesFile, JSON.stringify({ sources: [{ id: 'region-news', name: 'Новости региона', kind: 'rss', url: `${site.origin}/feed.xml`, every: '1s' }] }));
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.config.apiURL,
    EMBEDDINGS: 'builtin',
    DATA_DIR: dataDir,
    STATE_DIR: path.join(dir, 'state'),
    SOURCES_FILE: sourcesFile,
    SOURCES_CONTACT: 'mailto:ops@example.kz',
    SOURCES_HOST_DELAY_MS: '50',
    LOG_LEVEL: 'info',
    LOOPBACK_ONLY_EXIT: '1',
  };
});

afterAll(async () => {
  await site?.stop();
  await emulator?.stop();
});

describe('live news with npm start', () => {
  it('pushes a new article once to the subscribed chat, answers about it with its link, and pushes nothing again after a restart', async () => {
    const user = new SimulatedUser(emulator, TOKEN, { userId: 4242 });
    let main = startMain();
    try {
      await expect.poll(() => main.stderr(), { timeout: 40_000, interval: 100 }).toContain('bot started');
      const [confirm] = await user.ask('/subscribe школа', 1);
      expect(confirm!.message.text).toContain('тема «школа»');

      const before = user.replies().length;
      site.addPage('/news/school', {
        title: 'В Таразе открыли школу на 1200 мест',
        date: '2025-04-14',
        paragraphs: [
          'В Таразе открыли новую школу на 1200 мест для учеников микрорайона Жайлау.',
          'Школу построили за 14 месяцев за счёт местного бюджета, в ней 48 кабинетов, бассейн и спортивный зал.',
          'В школе будут работать 96 учителей, занятия начнутся первого сентября.',
        ],
      });
      const [push] = await user.waitForReplies(1, before, 20_000);
      expect(push!.message.text).toContain('В Таразе открыли школу на 1200 мест');
      expect(push!.message.text).toContain('Новости региона');
      expect(inlineButtons(push).map((b) => b.url)).toEqual([`${site.origin}/news/school`]);

      const [answer] = await user.ask('Сколько учителей будет работать в новой школе в Таразе?', 1);
      expect(answer!.message.text).toContain('96 учителей');
      expect(answer!.message.text).toContain(`${site.origin}/news/school`);
      // Several more polls: still exactly one push.
      await new Promise((r) => setTimeout(r, 2500));
      expect(user.replies().length).toBe(before + 2);
      expect(site.requests.every((r) => r.userAgent === 'ZhauapBot/0.1 (+mailto:ops@example.kz)')).toBe(true);

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      const afterFirstRun = user.replies().length;
      main = startMain();
      await expect.poll(() => main.stderr(), { timeout: 40_000, interval: 100 }).toContain('bot started');
      const polled = site.paths().filter((p) => p === '/feed.xml').length;
      await expect.poll(() => site.paths().filter((p) => p === '/feed.xml').length, { timeout: 10_000 }).toBeGreaterThan(polled + 1);
      expect(user.replies().length).toBe(afterFirstRun);
    } finally {
      main.child.kill('SIGKILL');
    }
  }, 120_000);
});
