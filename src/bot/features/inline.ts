import { createHash } from 'node:crypto';
import { Composer, InlineQueryResultBuilder } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import type { Answer } from '../../answer/answer.js';
import { readMessage } from '../../conversation/read-message.js';
import { UnusableQuestionError } from '../../engine/question.js';
import { renderAnswerHtml, splitHtml, truncate } from '../format.js';
import { answerKeyboard } from '../keyboards.js';
import { messages } from '../../texts/ru.js';

/** Telegram may reuse an inline answer for everyone asking the same text for this long. */
const INLINE_CACHE_SECONDS = 300;
/** Shorter queries are usually the user still typing. */
const MIN_INLINE_CHARS = 3;

/**
 * `@bot вопрос` in any chat: the answer as one article result, with sources and link buttons. Small
 * talk ("@bot привет") gets no result: the user is writing to someone else, and a search for
 * "спасибо" would only offer a stray quote to send.
 */
export function inlineFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('inline_query', deps.questionLimit, async (ctx) => {
    const reading = readMessage(ctx.inlineQuery.query);
    if (reading.kind !== 'question' || reading.question.length < MIN_INLINE_CHARS) {
      return ctx.answerInlineQuery([], { cache_time: 0 });
    }
    const { question } = reading;
    ctx.logger.debug({ question }, 'inline question text');
    let answer: Answer;
    try {
      answer = await deps.engine.ask(question);
    } catch (err) {
      if (err instanceof UnusableQuestionError) return ctx.answerInlineQuery([], { cache_time: 0 });
      throw err;
    }
    const html = renderAnswerHtml(answer, {
      sourcesHeading: messages.sourcesHeading,
      suggestionsHeading: messages.notFoundSuggestions,
    });
    // An inline result is one message: only the first part fits.
    const text = splitHtml(html)[0] ?? messages.inlineNotFound;
    const keyboard = answerKeyboard(answer.answered ? answer.citations : [], { withFeedback: false });
    const id = createHash('sha256').update(answer.id).digest('hex').slice(0, 32);
    const result = InlineQueryResultBuilder.article(id, truncate(answer.question, 100), {
      description: truncate(answer.answered ? answer.answer : messages.inlineNotFound, 120),
      ...(keyboard ? { reply_markup: keyboard } : {}),
    }).text(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    ctx.logger.info({ answerId: answer.id, answered: answer.answered }, 'inline question answered');
    await ctx.answerInlineQuery([result], { cache_time: INLINE_CACHE_SECONDS });
  });

  return composer;
}
