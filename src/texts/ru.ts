/**
 * Every Russian text a user sees lives here, so wording is reviewed in one place: first the
 * answer's own texts (plain text, shared by the bot, the CLI and the answerers), then the bot's
 * (`messages`: Telegram HTML, every value from data escaped here with escapeHtml). Replies to small
 * talk, in Russian and Kazakh, live beside this file in small-talk.ts.
 */
import type { CorpusStats } from '../shared/corpus-stats.js';
import type { RetrievalFilters } from '../shared/filters.js';
import { escapeHtml } from './html.js';
import type { PeriodSummary } from '../shared/period-summary.js';

export const NOT_FOUND = 'Не нашёл ответа на этот вопрос в базе новостей.';
export const SOURCES_HEADING = 'Источники:';
export const SUGGESTIONS_HEADING = 'Возможно, вас заинтересует:';

export function notFoundWithFilters(filters: RetrievalFilters, regionNames: string[]): string {
  const parts: string[] = [];
  if (regionNames.length > 0) parts.push(`по региону «${regionNames.join('», «')}»`);
  if (filters.dateFrom || filters.dateTo) parts.push(`за период ${filters.dateFrom ?? '…'} — ${filters.dateTo ?? '…'}`);
  return parts.length > 0 ? `Не нашёл ответа на этот вопрос в базе новостей ${parts.join(' ')}.` : NOT_FOUND;
}

export const UNUSABLE_QUESTION: Record<'empty' | 'no-words', string> = {
  empty: 'Вопрос пустой: напишите, что вы хотите узнать, например «Что строят в Акмолинской области?»',
  'no-words': 'В вопросе нет слов: напишите его текстом, например «Сколько не хватает врачей в Алматы?»',
};

/** A long message was read for its question: say which question was answered. */
export const questionFound = (question: string) => `Сообщение длинное, поэтому я ответил на вопрос из него: «${question}»`;

/** The question as searched, when spelling was corrected ("скока" → "сколько"). */
export const searchedFor = (standalone: string) => `Искал: ${standalone}`;

/** Regions the question named that had nothing on it, so the answer comes from the whole base. */
export function regionRelaxed(regionNames: readonly string[]): string {
  const names = `«${regionNames.join('», «')}»`;
  return `${regionNames.length > 1 ? 'По регионам' : 'По региону'} ${names} ничего не нашлось — ответ из других материалов.`;
}

/** Example questions offered on /start; they match the shipped corpus (data/*.txt). */
export const DEFAULT_EXAMPLE_QUESTIONS = [
  'Что строят в Акмолинской области?',
  'Сколько не хватает врачей в Алматы?',
  'Сколько человек живёт в Алматинской области?',
] as const;

export function formatDateRu(iso: string | null): string {
  if (!iso) return 'без даты';
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}.${m}.${y}` : iso;
}

const RU_PLURAL = new Intl.PluralRules('ru');

/** The form of a noun after the count n: 1 статья, 2 статьи, 5 статей (fractions take the "many" form). */
export function pluralRu(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const category = RU_PLURAL.select(n);
  return category === 'one' ? forms[0] : category === 'few' ? forms[1] : forms[2];
}

const questionsWord = (n: number) => `${n} ${pluralRu(n, ['вопрос', 'вопроса', 'вопросов'])}`;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);
const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1).replace('.', ',')} с`);


function periodLine(p: PeriodSummary): string {
  if (p.questions === 0) return 'вопросов не было';
  return (
    `${questionsWord(p.questions)}; с ответом ${p.answered} (${percent(p.answered, p.questions)}%), ` +
    `без ответа ${p.refused} (${percent(p.refused, p.questions)}%); ` +
    `время ответа: медиана ${seconds(p.p50Ms)}, 95% — до ${seconds(p.p95Ms)}`
  );
}

const articlesWord = (n: number) => `${n} ${pluralRu(n, ['статья', 'статьи', 'статей'])}`;

function dateRange(stats: CorpusStats): string {
  if (!stats.dateFrom || !stats.dateTo) return '';
  return ` за период с ${formatDateRu(stats.dateFrom)} по ${formatDateRu(stats.dateTo)}`;
}

function outletList(stats: CorpusStats): string {
  return stats.sources.map((s) => escapeHtml(s.source)).join(', ');
}

export const messages = {
  welcome: (stats: CorpusStats) =>
    `Здравствуйте! Я отвечаю на вопросы о работе госорганов и новостях регионов Казахстана.\n\n` +
    `В моей базе ${articlesWord(stats.articles)}${dateRange(stats)}` +
    (stats.sources.length > 0 ? ` из источников: ${outletList(stats)}.` : '.') +
    `\nК каждому утверждению я даю ссылку на источник [n].\n\n` +
    `Просто напишите вопрос или выберите пример:`,

  help: (username: string) =>
    `<b>Как пользоваться</b>\n` +
    `Напишите вопрос обычным текстом, например: «Какие проблемы в образовании Алматы?»\n` +
    `Можно уточнять: «а в Шымкенте?», «а когда?» — я учту предыдущий вопрос.\n\n` +
    `/sources — какие источники в базе\n` +
    `/latest — пять последних материалов\n` +
    `/region — выбрать регион, чтобы искать только по нему\n` +
    `/subscribe — присылать новые материалы по региону или теме (/subscriptions — мои подписки)\n` +
    `/help — эта справка\n\n` +
    `В группе я отвечаю, когда меня упоминают (@${escapeHtml(username)}), отвечают на моё сообщение или пишут /ask вопрос.\n` +
    `В любом чате можно набрать @${escapeHtml(username)} вопрос — ответ появится во всплывающем списке.`,

  sources: (stats: CorpusStats) =>
    `<b>Источники в базе</b> (всего ${articlesWord(stats.articles)}${dateRange(stats)}):\n` +
    (stats.sources.length > 0
      ? stats.sources.map((s) => `• ${escapeHtml(s.source)} — ${articlesWord(s.articles)}`).join('\n')
      : 'пока пусто.'),

  latestTitle: '<b>Последние материалы</b>',
  latestEmpty: 'В базе пока нет материалов.',

  regionMenu: (current: string | null) =>
    current
      ? `Сейчас я ищу только по региону <b>${escapeHtml(current)}</b>. Выберите другой регион или сбросьте фильтр:`
      : 'Выберите регион — я буду искать ответы только по нему:',
  regionNone: 'В базе пока не найдено упоминаний регионов.',
  regionSet: (name: string) =>
    `Готово: ищу только по региону <b>${escapeHtml(name)}</b>. Чтобы искать везде, откройте /region и нажмите «Сбросить».`,
  regionCleared: 'Фильтр по региону сброшен — ищу по всей базе.',
  regionReset: 'Сбросить',
  regionUnknown: 'Этот регион больше не найден в базе, откройте /region ещё раз.',
  regionNote: (name: string) => `<i>Фильтр по региону: ${escapeHtml(name)} (сбросить: /region)</i>`,

  sourcesHeading: '<b>Источники:</b>',
  notFoundSuggestions: '<b>Возможно, вас интересует:</b>',
  questionFound: (question: string) => `<i>${escapeHtml(questionFound(question))}</i>`,
  searchedFor: (standalone: string) => `<i>${escapeHtml(searchedFor(standalone))}</i>`,
  regionRelaxed: (regionNames: readonly string[]) => `<i>${escapeHtml(regionRelaxed(regionNames))}</i>`,
  suggestionsAsk: '<b>Возможно, вас интересует</b> (нажмите, чтобы спросить):',
  suggestionButton: (title: string) => `🔎 ${title}`,
  emptyQuestion: 'Напишите вопрос словами, например: «Сколько жителей в Алматинской области?»',
  noWordsQuestion: 'Я понимаю только вопросы, написанные словами. Напишите, что вы хотите узнать.',
  unknownCommand: 'Такой команды нет. Напишите вопрос обычным текстом или откройте /help.',
  nonText: 'Я понимаю только текстовые вопросы. Напишите, что вы хотите узнать.',
  rateLimited: (perMinute: number) =>
    `Слишком много вопросов подряд: не больше ${perMinute} в минуту. Подождите немного и спросите снова.`,
  error: 'Произошла ошибка, попробуйте ещё раз.',
  askUsage: 'Напишите вопрос после команды, например: /ask сколько жителей в Алматинской области?',

  fragmentButton: (n: number) => `📄 Фрагмент ${n}`,
  fragment: (n: number, titleHtml: string, quote: string) =>
    `📄 <b>Фрагмент [${n}]</b> — ${titleHtml}\n\n<blockquote>${escapeHtml(quote)}</blockquote>`,
  answerExpired: 'Этот ответ уже устарел — задайте вопрос ещё раз.',
  feedbackThanks: 'Спасибо за оценку!',
  feedbackAlready: 'Вы уже оценили этот ответ.',

  inlineTooShort: 'Напишите вопрос подлиннее',
  inlineNotFound: 'Не нашёл ответа в базе',

  adminOnly: 'Эта команда доступна только администраторам.',
  adminStats: (s: { day: PeriodSummary; week: PeriodSummary; topics: Array<{ label: string; count: number }> }) =>
    `<b>Статистика вопросов</b>\n` +
    `За сутки: ${periodLine(s.day)}\n` +
    `За неделю: ${periodLine(s.week)}\n` +
    `Оценки за неделю: 👍 ${s.week.up} / 👎 ${s.week.down}` +
    (s.topics.length > 0
      ? `\n\n<b>Без ответа чаще всего (неделя):</b>\n` +
        s.topics.map((t, i) => `${i + 1}. ${escapeHtml(t.label)} — ${questionsWord(t.count)}`).join('\n')
      : ''),
  reindexStarted: 'Переиндексация запущена. Вопросы продолжают обрабатываться, я напишу, когда закончу.',
  reindexRunning: 'Переиндексация уже идёт, дождитесь её окончания.',
  reindexDone: (stats: CorpusStats) =>
    `Переиндексация завершена: ${articlesWord(stats.articles)}, фрагментов: ${stats.chunks}.`,
  reindexFailed: 'Переиндексация не удалась, подробности в журнале. Прежний индекс продолжает работать.',

  subscriptions: {
    menu: 'Выберите регион, новости которого присылать, или напишите тему: <code>/subscribe паводки</code>',
    added: (what: string) => `Готово: пришлю новые материалы — ${what}. Ваши подписки: /subscriptions`,
    already: (what: string) => `Вы уже подписаны: ${what}.`,
    full: (max: number) => `Можно держать не больше ${max} подписок. Удалите лишние в /subscriptions.`,
    region: (name: string) => `регион <b>${escapeHtml(name)}</b>`,
    keywords: (text: string) => `тема «${escapeHtml(text)}»`,
    list: (items: string[]) =>
      `<b>Ваши подписки</b>\n${items.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n\nНажмите кнопку, чтобы удалить подписку, или /unsubscribe — удалить все.`,
    none: 'У вас нет подписок. Подписаться: /subscribe (регион или тема, например <code>/subscribe паводки</code>).',
    removeButton: (n: number) => `✖ Удалить ${n}`,
    removed: (what: string) => `Подписка удалена: ${what}.`,
    gone: 'Эта подписка уже удалена.',
    cleared: (n: number) => `Удалено подписок: ${n}. Новые материалы больше не присылаю.`,
  },

  push: {
    single: (titleHtml: string, sourceHtml: string, date: string, leadHtml: string) =>
      `🔔 <b>${titleHtml}</b>\n<i>${sourceHtml}, ${date}</i>\n\n${leadHtml}`,
    digestEntry: (n: number, titleHtml: string, sourceHtml: string, date: string, leadHtml: string | null) =>
      `${n}. <b>${titleHtml}</b> — <i>${sourceHtml}, ${date}</i>${leadHtml ? `\n${leadHtml}` : ''}`,
    digest: (count: number, entries: string[]) => {
      const shown = entries.slice(0, 12);
      const more = count - shown.length;
      return `🔔 <b>Новые материалы по вашим подпискам: ${count}</b>\n\n${shown.join('\n\n')}${more > 0 ? `\n\n…и ещё ${more}` : ''}`;
    },
    open: 'Читать статью',
  },

  commands: {
    start: 'Начать и примеры вопросов',
    help: 'Как пользоваться',
    sources: 'Источники в базе',
    latest: 'Последние материалы',
    region: 'Искать по региону',
    ask: 'Задать вопрос: /ask текст вопроса',
    subscribe: 'Подписаться на новости региона или темы',
    subscriptions: 'Мои подписки',
    unsubscribe: 'Отписаться от всех новостей',
  },
} as const;

/** `npm run chat`: the terminal conversation (plain text). */
export const chatTexts = {
  welcome: (articles: number) =>
    `Zhauap в терминале: в базе ${articles} ${pluralRu(articles, ['статья', 'статьи', 'статей'])}. Задайте вопрос; можно уточнять («а в Шымкенте?»).\n` +
    `/region ID — искать только по региону (без ID — по всей базе), /quit — выход.`,
  regionSet: (name: string) => `Ищу только по региону «${name}».`,
  regionCleared: 'Ищу по всей базе.',
  regionUnknown: (known: string) => `Нет такого региона. Известные: ${known}`,
  regionNote: (name: string) => `(фильтр по региону: ${name}; сбросить: /region)`,
  latestTitle: 'Последние материалы:',
  latestEmpty: 'В базе пока нет материалов.',
} as const;
