/** The one path from a user's message to a reply: small talk, checks, typing, streaming, formatting, memory. */
import { readMessage } from '../conversation/read-message.js';
import type { AskOptions } from '../engine/engine.js';
import { UnusableQuestionError } from '../engine/question.js';
import type { QuestionRecord } from '../insights/question-log.js';
import type { BotContext } from './context.js';
import type { BotDeps } from './deps.js';
import { HTML_LINKS, LATEST_COUNT, latestHtml, renderAnswerHtml, splitHtml } from './format.js';
import { answerKeyboard } from './keyboards.js';
import { messages } from '../texts/ru.js';
import { smallTalkReply } from '../texts/small-talk.js';
import { lastExchange, rememberAnswer } from './session.js';
import { StreamingReply, type OutgoingPart } from './streaming.js';
import { startTyping } from './typing.js';

export interface AskReplyOptions {
  /** In groups the reply quotes the question it answers. */
  replyToId?: number;
}

export async function askAndReply(ctx: BotContext, raw: string, deps: BotDeps, options: AskReplyOptions = {}): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error(`bot: update ${ctx.update.update_id} has no chat to answer in`);
  const replyTo = options.replyToId === undefined ? {} : { reply_parameters: { message_id: options.replyToId } };

  const reading = readMessage(raw, { followsExchange: ctx.session.last !== undefined });
  if (reading.kind === 'smalltalk') {
    // No search and no change to the follow-up history: "спасибо" between two questions leaves them linked.
    ctx.logger.info({ smallTalk: reading.talk.kind, language: reading.talk.language }, 'small talk answered');
    // "Что нового?" has no topic to search: the latest articles are the answer.
    if (reading.talk.kind === 'news') {
      await ctx.reply(latestHtml(deps.engine.latest(LATEST_COUNT)), { ...replyTo, ...HTML_LINKS });
    } else await ctx.reply(smallTalkReply(reading.talk, deps.exampleQuestions), replyTo);
    return;
  }
  const { question } = reading;
  ctx.logger.info({ chars: question.length }, 'question received');
  ctx.logger.debug({ question }, 'question text');

  const region = ctx.session.region;
  const askOptions: AskOptions = {};
  if (ctx.session.last) askOptions.history = ctx.session.last;
  if (region) askOptions.regions = [region.id];

  const startedAt = Date.now();
  const stopTyping = startTyping(ctx.api, chatId, ctx.logger, deps.typingIntervalMs);
  const stream = new StreamingReply(ctx.api, chatId, ctx.logger, {
    minEditIntervalMs: deps.minEditIntervalMs,
    ...(options.replyToId === undefined ? {} : { replyToId: options.replyToId }),
  });
  try {
    const answer = await deps.engine.ask(question, { ...askOptions, onPartial: stream.push });
    const key = rememberAnswer(ctx.session, answer, startedAt);
    ctx.session.last = lastExchange(answer);

    const suggestions = answer.answered ? [] : answer.suggestions;
    const html = renderAnswerHtml(answer, {
      notesBefore: answer.truncated ? [messages.questionFound(answer.question)] : [],
      notesAfter: region ? [messages.regionNote(region.name)] : [],
      sourcesHeading: messages.sourcesHeading,
      suggestionsHeading: messages.suggestionsAsk,
      suggestionsAsButtons: true,
    });
    const keyboard = answerKeyboard(answer.answered ? answer.citations : [], { key, withFeedback: true, suggestions });
    await stream.finish(toParts(splitHtml(html), keyboard));

    ctx.logger.info(
      { answerId: answer.id, answered: answer.answered, mode: answer.mode, citations: answer.citations.length, ms: Date.now() - startedAt },
      'question answered',
    );
    const record: QuestionRecord = {
      ts: startedAt,
      user: ctx.from ? deps.ids.user(ctx.from.id) : '',
      // The citizen's own words (as the engine read them), like the question kept with a vote.
      question: answer.question,
      regions: answer.filters.regions ?? [],
      answered: answer.answered,
      mode: answer.mode,
      ms: Date.now() - startedAt,
      cited: [...new Set(answer.citations.map((c) => c.articleId))],
    };
    deps.log.recordQuestion(record).catch((err: unknown) => ctx.logger.error({ err }, 'could not log the question'));
  } catch (err) {
    await stream.abandon();
    // The engine's check found nothing to answer: say why, as a reply rather than an error.
    if (!(err instanceof UnusableQuestionError)) throw err;
    await ctx.reply(err.reason === 'empty' ? messages.emptyQuestion : messages.noWordsQuestion, replyTo);
  } finally {
    stopTyping();
  }
}

/** The keyboard goes under the last part, where the reader ends up. */
export function toParts(htmlParts: string[], keyboard: OutgoingPart['keyboard']): OutgoingPart[] {
  return htmlParts.map((html, i) => (i === htmlParts.length - 1 && keyboard ? { html, keyboard } : { html }));
}
