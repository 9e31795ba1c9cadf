import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { askAndReply } from '../ask.js';
import { bestEffort } from '../best-effort.js';
import { topicQuestion } from '../../conversation/topic-question.js';
import { citationTitleHtml } from '../format.js';
import { answerKeyboard, decodeCallback } from '../keyboards.js';
import { messages } from '../../texts/ru.js';
import { findAnswer } from '../session.js';

/**
 * "📄 Фрагмент n" shows the quoted passage; 👍 / 👎 is recorded once per answer; a suggested topic
 * (offered after a refusal) is asked like a typed question.
 */
export function callbacksFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(/^f:/, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const remembered = action?.kind === 'fragment' ? findAnswer(ctx.session, action.key) : undefined;
    const citation = remembered?.citations.find((c) => action?.kind === 'fragment' && c.n === action.n);
    if (!citation) return ctx.answerCallbackQuery({ text: messages.answerExpired, show_alert: true });
    await ctx.answerCallbackQuery();
    const messageId = ctx.callbackQuery.message?.message_id;
    await ctx.reply(messages.fragment(citation.n, citationTitleHtml(citation), citation.quote), {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(messageId === undefined ? {} : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }),
    });
  });

  composer.callbackQuery(/^v:/, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (action?.kind !== 'feedback') return ctx.answerCallbackQuery();
    const remembered = findAnswer(ctx.session, action.key);
    if (!remembered) return ctx.answerCallbackQuery({ text: messages.answerExpired, show_alert: true });
    if (remembered.voted) return ctx.answerCallbackQuery({ text: messages.feedbackAlready });
    remembered.voted = action.vote;
    await deps.log.recordFeedback({
      ts: Date.now(),
      user: deps.ids.user(ctx.from.id),
      answerId: remembered.answerId,
      question: remembered.question,
      answer: remembered.answer ?? '',
      vote: action.vote,
    });
    ctx.logger.info({ answerId: remembered.answerId, vote: action.vote }, 'feedback recorded');
    await ctx.answerCallbackQuery({ text: messages.feedbackThanks });
    // The vote buttons go away; the source and fragment buttons stay.
    const keyboard = answerKeyboard(remembered.citations, {
      key: remembered.key,
      withFeedback: false,
      suggestions: remembered.suggestions ?? [],
    });
    await bestEffort(ctx.logger, 'editMessageReplyMarkup (feedback)', () =>
      ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : {}),
    );
  });

  composer.callbackQuery(/^t:/, deps.questionLimit, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const remembered = action?.kind === 'suggestion' ? findAnswer(ctx.session, action.key) : undefined;
    const title = action?.kind === 'suggestion' ? remembered?.suggestions?.[action.index] : undefined;
    if (title === undefined) return ctx.answerCallbackQuery({ text: messages.answerExpired, show_alert: true });
    await ctx.answerCallbackQuery();
    await askAndReply(ctx, topicQuestion(title), deps);
  });

  return composer;
}
