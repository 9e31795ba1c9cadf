/**
 * Live news with two replicas and one Redis: a chat subscribes through the replica that does not poll,
 * the leader (another process) pushes a new article once; the leader dies in the middle of the next
 * push (claimed, its message never reached Telegram) and the surviving replica takes over and sends
 * that push, once. Both replicas run the whole time; nothing reaches the chat twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { liveNewsTask, openNewsState } from '../../src/bot/news.js';
import { broadcastApi } from '../../src/bot/push.js';
import { startReplica, type Replica } from '../../src/bot/replica.js';
import { SECRET_HEADER } from '../../src/bot/webhook.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { FakeEngine } from '../bot/fake-engine.js';
import { tempDir, textUpdate } from '../bot/harness.js';
import { FakeBotApi } from '../helpers/fake-bot-api.js';
import { entryPoint } from '../helpers/entry-points.js';
import { freePort } from '../helpers/free-port.js';
import { TestRedis } from '../helpers/redis-server.js';
import { NewsSite } from '../sources/news-site.js';

const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = '123456:NEWS-replicas-token-for-tests-0000';
const SECRET = 'news-replica-secret-0123';
const CHAT = 730_001_234;
// Long enough that a replica process starved of CPU by a loaded machine still renews in time: with
// 1 s the follower sometimes took the lease from a living leader, pushed itself, and had its own
// push held by the test.
const LEASE_MS = 3_000;

let redis: TestRedis;
let api: FakeBotApi;
let site: NewsSite;
let env: Record<string, string>;
let leader: { child: ChildProcess; stderr: () => string };
let follower: Replica;
let shared: SharedRedis;
const followerLog: string[] = [];

const SCHOOL = {
  title: 'В Таразе открыли школу на 1200 мест',
  date: '2025-04-14',
  paragraphs: ['В Таразе открыли новую школу на 1200 мест для учеников микрорайона Жайлау.', 'В школе будут работать 96 учителей, занятия начнутся первого сентября.'],
};
const SECOND_SCHOOL = {
  title: 'В Семее построят школу на 900 мест',
  date: '2025-04-15',
  paragraphs: ['В Семее до конца года построят школу на 900 мест в микрорайоне Юго-Восток.', 'Строительство школы оплатит областной бюджет, в ней будет 70 учителей.'],
};

function startLeaderProcess(): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', './test/helpers/loopback-only.mjs', entryPoint('news-replica')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOOPBACK_ONLY_EXIT: '1', ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return { child, stderr: () => stderr };
}

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`tests: no ${what()} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  [redis, api, site] = await Promise.all([TestRedis.start(), FakeBotApi.start(), new NewsSite().start()]);
  const dir = tempDir('zhauap-news-replicas-');
  const sourcesFile = path.join(dir, 'sources.json');
  await writeFile(sourcesFile, JSON.stringify({ sources: [{ id: 'region-news', name: 'Новости региона', kind: 'rss', url: `${site.origin}/feed.xml`, every: '1s' }] }));
  env = {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
    BOT_MODE: 'webhook',
    WEBHOOK_URL: 'https://bot.example.org/tg/hook',
    WEBHOOK_SECRET: SECRET,
    REDIS_URL: redis.url,
    LEADER_LEASE_MS: String(LEASE_MS),
    PUSH_LEASE_MS: '600',
    // One data volume shared by the replicas, as the deployment section asks; state dirs are their own.
    DATA_DIR: path.join(dir, 'data'),
    SOURCES_FILE: sourcesFile,
    SOURCES_CONTACT: 'mailto:ops@example.kz',
    SOURCES_HOST_DELAY_MS: '20',
    LOG_LEVEL: 'info',
  };
  await mkdir(env.DATA_DIR!, { recursive: true });
  // The first replica (a process of its own) takes the lease; the second, in this process, waits as a standby.
  leader = startLeaderProcess();
  await until(() => leader.stderr().includes('this replica now runs the background work'), 20_000, () => `the first replica's lease; its log: ${leader.stderr()}`);
  const config = loadConfig({ ...env, STATE_DIR: path.join(dir, 'follower'), PORT: String(await freePort()) });
  const logger = createLogger('info', [TOKEN], new Writable({ write: (chunk, _enc, done) => void (followerLog.push(String(chunk)), done()) }) as never);
  shared = await connectRedis(redis.url, logger);
  const news = await openNewsState(config, shared);
  follower = await startReplica({
    config,
    token: TOKEN,
    logger,
    engine: new FakeEngine(),
    redis: shared,
    subscriptions: news.subscriptions,
    background: [liveNewsTask({ config, logger, engine: null, news, api: broadcastApi(TOKEN, api.url) })],
    host: '127.0.0.1',
  });
}, 30_000);

afterAll(async () => {
  leader?.child.kill('SIGKILL');
  await follower?.stop();
  await shared?.close();
  await Promise.all([api?.stop(), site?.stop()]);
  await redis?.stop();
});

const pushesTo = (chat: number) => api.textsTo(chat).filter((t) => t.includes('Новости региона'));

describe('live news with two replicas and one Redis', () => {
  it('pushes a new article once to a chat subscribed through the other replica; the leader killed mid-push, the other sends that push once', async () => {
    expect(follower.leader.isLeader).toBe(false);
    const subscribed = await fetch(`http://127.0.0.1:${follower.port}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: JSON.stringify(textUpdate('/subscribe школа', { userId: CHAT })),
    });
    expect(subscribed.status).toBe(200);
    await api.waitFor(() => api.textsTo(CHAT).some((t) => t.includes('тема «школа»')), 5_000, 'the subscription confirmed');

    // The leader polls every second and pushes; the follower, running all along, pushes nothing.
    site.addPage('/news/school', SCHOOL);
    await api.waitFor(() => pushesTo(CHAT).length === 1, 5_000, 'the first push');
    expect(pushesTo(CHAT)[0]).toContain(SCHOOL.title);

    // The next push is claimed by the leader, which dies before its message reaches Telegram.
    api.hold = (method, payload) => method === 'sendMessage' && Number(payload.chat_id) === CHAT;
    site.addPage('/news/school-2', SECOND_SCHOOL);
    await api.waitFor(() => api.held === 1, 5_000, 'the second push on its way');
    expect(follower.leader.isLeader, 'the lease stays with the living leader').toBe(false);
    leader.child.kill('SIGKILL');
    api.hold = null;

    // The follower takes the lease, continues the poll state (no article is new to it) and sends the
    // unconfirmed push once its lease has run out.
    await api.waitFor(() => pushesTo(CHAT).length === 2, LEASE_MS + 6_000, 'the second push, sent by the new leader');
    expect(follower.leader.isLeader).toBe(true);
    expect(pushesTo(CHAT)[1]).toContain(SECOND_SCHOOL.title);
    // A few more polls: still one push per article.
    await new Promise((r) => setTimeout(r, 1_100));
    expect(pushesTo(CHAT)).toHaveLength(2);
    expect(pushesTo(CHAT).filter((t) => t.includes(SCHOOL.title))).toHaveLength(1);

    // State in Redis under zhauap:v1:, no pending push left; the chat id never in a log line.
    const keys = await shared.client.keys('*');
    expect(keys.every((k) => k.startsWith('zhauap:v1:'))).toBe(true);
    expect(keys).toEqual(expect.arrayContaining(['zhauap:v1:subscriptions', 'zhauap:v1:sources:state']));
    expect(await shared.client.hlen('zhauap:v1:push:pending')).toBe(0);
    expect(followerLog.join('')).toContain('push: unconfirmed pushes sent again');
    expect(leader.stderr()).toContain('push: new articles sent to subscribers');
    expect(`${followerLog.join('')}\n${leader.stderr()}`).not.toContain(String(CHAT));
  }, 30_000);
});
