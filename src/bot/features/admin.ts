import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { loggableError } from '../best-effort.js';
import { messages } from '../../texts/ru.js';
import { DAY_MS } from '../../insights/question-log.js';
import { refusedTopics, summarize } from '../../insights/summary.js';

const STATS_TOPICS = 5;

/** /stats and /reindex for config.telegram.adminIds. */
export function adminFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const admins = new Set(deps.config.telegram.adminIds);
  let reindexing = false;

  const adminOnly = composer.filter((ctx) => ctx.from !== undefined && admins.has(ctx.from.id));
  composer
    .filter((ctx) => !(ctx.from !== undefined && admins.has(ctx.from.id)))
    .command(['stats', 'reindex'], (ctx) => ctx.reply(messages.adminOnly));

  adminOnly.command('stats', async (ctx) => {
    const now = Date.now();
    const weekAgo = now - 7 * DAY_MS;
    const [questions, feedback] = await Promise.all([deps.log.questions(weekAgo), deps.log.feedback(weekAgo)]);
    const text = messages.adminStats({
      day: summarize(questions, feedback, now - DAY_MS),
      week: summarize(questions, feedback, weekAgo),
      topics: refusedTopics(questions, weekAgo).slice(0, STATS_TOPICS),
    });
    await ctx.reply(text, { parse_mode: 'HTML' });
  });

  adminOnly.command('reindex', async (ctx) => {
    if (reindexing) return ctx.reply(messages.reindexRunning);
    reindexing = true;
    const chatId = ctx.chat.id;
    const logger = ctx.logger;
    await ctx.reply(messages.reindexStarted);
    logger.info('reindex started by an admin');
    // Runs outside the update so this chat's later questions are not queued behind it.
    void deps.engine
      .reindex()
      .then(
        (stats) => {
          logger.info({ articles: stats.articles, chunks: stats.chunks }, 'reindex finished');
          return ctx.api.sendMessage(chatId, messages.reindexDone(stats));
        },
        (err: unknown) => {
          logger.error({ err }, 'reindex failed');
          return ctx.api.sendMessage(chatId, messages.reindexFailed);
        },
      )
      .catch((err: unknown) => logger.warn({ err: loggableError(err) }, 'could not report the reindex result'))
      .finally(() => {
        reindexing = false;
      });
  });

  return composer;
}
