/**
 * Replies to small talk (greetings, thanks, goodbyes, "who are you", "what can you do", "help", apologies, complaints), in
 * Russian and in Kazakh for a user who wrote Kazakh. Plain text, shared by the bot and the CLI. Each
 * reply but the goodbye ends with an example question, so the next message can be a real one.
 */
import type { SmallTalk } from '../shared/small-talk.js';

/** Kazakh example questions for Kazakh small talk; like the /start examples, the shipped corpus answers them. */
export const KAZAKH_EXAMPLE_QUESTIONS = ['Алматы облысында қанша адам тұрады?'] as const;

interface Replies {
  greeting: (example: string) => string;
  thanks: (example: string) => string;
  goodbye: string;
  about: (example: string) => string;
  abilities: (example: string) => string;
  apology: (example: string) => string;
  complaint: (example: string) => string;
  news: (example: string) => string;
  offer: (example: string) => string;
  unclear: (example: string) => string;
}

const RU: Replies = {
  greeting: (example) =>
    'Здравствуйте! Я отвечаю на вопросы о работе госорганов и новостях регионов Казахстана и к каждому ответу даю ссылку на источник.\n\n' +
    `Спросите, например: «${example}»`,
  thanks: (example) => `Пожалуйста! Если появятся ещё вопросы — пишите, например: «${example}»`,
  goodbye: 'До свидания! Возвращайтесь с вопросами.',
  about: (example) =>
    'Я бот «Жауап»: ищу ответы в новостях госорганов и регионов Казахстана и цитирую их со ссылками на источники. ' +
    'Если в новостях ответа нет, я так и скажу.\n\n' +
    `Попробуйте: «${example}»`,
  abilities: (example) =>
    'Я отвечаю на вопросы по новостям госорганов и регионов Казахстана: что строят, сколько выделено, кто назначен, ' +
    'когда откроется. К каждому утверждению даю ссылку на статью [n]. Можно уточнять: «а в Шымкенте?», «а когда?»\n\n' +
    `Например: «${example}»\n` +
    '/help — подробная справка.',
  apology: (example) => `Ничего страшного! Задайте вопрос, например: «${example}»`,
  complaint: (example) =>
    'Жаль, что ответ не подошёл. Я отвечаю только тем, что написано в новостях, и цитирую их. ' +
    `Попробуйте спросить иначе — назовите, что именно, где и когда, например: «${example}»`,
  news: (example) =>
    'Свежие материалы покажет команда /latest. А о чём-то конкретном спросите словами, например: ' + `«${example}»`,
  offer: (example) =>
    'Да, конечно! Напишите, что именно вас интересует: что, где, когда или сколько — я найду это в новостях и дам ссылку. ' +
    `Например: «${example}»`,
  unclear: (example) =>
    'Не совсем понял, что вы ищете. Я отвечаю на вопросы по новостям госорганов и регионов Казахстана — ' +
    `напишите вопрос словами, например: «${example}»`,
};

const KK: Replies = {
  greeting: (example) =>
    'Сәлеметсіз бе! Мен Қазақстанның мемлекеттік органдары мен өңірлерінің жаңалықтары бойынша сұрақтарға дереккөзге сілтеме беріп жауап беремін.\n\n' +
    `Мысалы, сұраңыз: «${example}»`,
  thanks: (example) => `Оқасы жоқ! Тағы сұрақтарыңыз болса, жазыңыз, мысалы: «${example}»`,
  goodbye: 'Сау болыңыз! Сұрақтарыңызбен қайта оралыңыз.',
  about: (example) =>
    'Мен «Жауап» ботымын: Қазақстанның мемлекеттік органдары мен өңірлерінің жаңалықтарынан жауап іздеп, дереккөзге сілтеме беремін. ' +
    'Жаңалықтарда жауап болмаса, соны айтамын.\n\n' +
    `Мысалы: «${example}»`,
  abilities: (example) =>
    'Мен мемлекеттік органдар мен өңірлер жаңалықтары бойынша сұрақтарға жауап беремін: не салынып жатыр, қанша қаржы бөлінді, ' +
    'кім тағайындалды. Әр жауапта дереккөзге сілтеме [n] бар.\n\n' +
    `Мысалы: «${example}»\n` +
    '/help — анықтама.',
  apology: (example) => `Ештеңе етпейді! Сұрағыңызды жазыңыз, мысалы: «${example}»`,
  complaint: (example) =>
    'Кешіріңіз, жауабым сәйкес келмеді. Мен тек жаңалықтарда жазылғанмен жауап беремін. ' +
    `Сұрақты басқаша қойып көріңіз — не, қайда, қашан екенін атаңыз, мысалы: «${example}»`,
  news: (example) => `Соңғы материалдарды /latest командасы көрсетеді. Нақты бір нәрсе туралы сөзбен сұраңыз, мысалы: «${example}»`,
  offer: (example) =>
    'Иә, әрине! Нақты не білгіңіз келетінін жазыңыз: не, қайда, қашан немесе қанша — жаңалықтардан тауып, сілтемесін беремін. ' +
    `Мысалы: «${example}»`,
  unclear: (example) =>
    'Не іздейтініңізді түсінбедім. Мен мемлекеттік органдар мен өңірлер жаңалықтары бойынша сұрақтарға жауап беремін — ' +
    `сұрағыңызды сөзбен жазыңыз, мысалы: «${example}»`,
};

/**
 * The reply to a small-talk message. `examples` are the bot's /start example questions (Russian);
 * a Kazakh reply uses a Kazakh example. The example changes with the kind, so a greeting and the
 * "what can you do" after it do not repeat one question.
 */
export function smallTalkReply(talk: SmallTalk, examples: readonly string[]): string {
  const list = talk.language === 'kk' ? KAZAKH_EXAMPLE_QUESTIONS : examples;
  const at = { greeting: 0, thanks: 1, goodbye: 0, about: 1, abilities: 2, help: 2, apology: 0, complaint: 1, news: 1, offer: 2, unclear: 0 }[talk.kind];
  const example = list.length > 0 ? (list[at % list.length] ?? '') : '';
  const t = talk.language === 'kk' ? KK : RU;
  switch (talk.kind) {
    case 'greeting':
      return t.greeting(example);
    case 'thanks':
      return t.thanks(example);
    case 'goodbye':
      return t.goodbye;
    case 'about':
      return t.about(example);
    case 'abilities':
    case 'help':
      return t.abilities(example);
    case 'apology':
      return t.apology(example);
    case 'complaint':
      return t.complaint(example);
    case 'news':
      return t.news(example);
    case 'offer':
      return t.offer(example);
    case 'unclear':
      return t.unclear(example);
  }
}
