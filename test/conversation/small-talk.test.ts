import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/conversation/read-message.js';
import { smallTalkOf, stripCourtesy } from '../../src/conversation/small-talk.js';
import { topicQuestion } from '../../src/conversation/topic-question.js';
import { DEFAULT_EXAMPLE_QUESTIONS } from '../../src/texts/ru.js';
import { KAZAKH_EXAMPLE_QUESTIONS, smallTalkReply } from '../../src/texts/small-talk.js';

describe('smallTalkOf', () => {
  it.each([
    ['привет', 'greeting', 'ru'],
    ['Здравствуйте!', 'greeting', 'ru'],
    ['Добрый день, бот', 'greeting', 'ru'],
    ['Сәлеметсіз бе!', 'greeting', 'kk'],
    ['спасибо', 'thanks', 'ru'],
    ['Спасибо большое!!', 'thanks', 'ru'],
    ['ок, спасибо за ответ', 'thanks', 'ru'],
    ['рахмет', 'thanks', 'kk'],
    ['понятно', 'thanks', 'ru'],
    ['Как дела?', 'greeting', 'ru'],
    ['Қалыңыз қалай?', 'greeting', 'kk'],
    ['Пока!', 'goodbye', 'ru'],
    ['спасибо, до свидания', 'goodbye', 'ru'],
    ['сау болыңыз', 'goodbye', 'kk'],
    ['кто ты?', 'about', 'ru'],
    ['Сен кімсің?', 'about', 'kk'],
    // "әлде" is Kazakh "или": "a bot or a human?" asks what the bot is.
    ['Сен кімсің, бот па әлде адам ба?', 'about', 'kk'],
    ['что ты умеешь?', 'abilities', 'ru'],
    ['Привет! Что ты умеешь?', 'abilities', 'ru'],
    ['Не істей аласың?', 'abilities', 'kk'],
    ['помощь', 'help', 'ru'],
    ['көмек', 'help', 'kk'],
    ['здрасте', 'greeting', 'ru'],
    ['спс', 'thanks', 'ru'],
    ['ок', 'thanks', 'ru'],
    ['класс!', 'thanks', 'ru'],
    ['ясно, спасибо', 'thanks', 'ru'],
    ['пока', 'goodbye', 'ru'],
    ['Сәлем!', 'greeting', 'kk'],
    ['Рақмет!', 'thanks', 'kk'],
    ['Түсіндім, рахмет', 'thanks', 'kk'],
    ['Сау бол!', 'goodbye', 'kk'],
    ['Қош болыңыз', 'goodbye', 'kk'],
    // A wish that closes a chat is a goodbye, whatever else it says well of the day.
    ['Сау болыңыз, жақсы күн!', 'goodbye', 'kk'],
    ['Рақмет, келесі жолы', 'goodbye', 'kk'],
    ['Сәттілік тілеймін!', 'goodbye', 'kk'],
    ['Спасибо, хорошего вечера!', 'goodbye', 'ru'],
    ['Не істейсің?', 'abilities', 'kk'],
    ['Көмек керек', 'help', 'kk'],
    ['Спасибо вам за ваш труд!', 'thanks', 'ru'],
    ['Спасибо большое, помогло!', 'thanks', 'ru'],
    ['Рақмет, көмегіңіз үшін', 'thanks', 'kk'],
    // Chatter around a courtesy: pronouns and particles say nothing to search for.
    ['Привет, как у тебя дела?', 'greeting', 'ru'],
    ['ну а ты вообще кто такой?', 'about', 'ru'],
    ['Что ты вообще умеешь?', 'abilities', 'ru'],
    ['Расскажи о себе', 'about', 'ru'],
    ['О чём тебя можно спросить?', 'abilities', 'ru'],
    ['Спасибо тебе большое, ты молодец', 'thanks', 'ru'],
    ['Рахмет саған!', 'thanks', 'kk'],
    ['Сен не үшін керексің?', 'about', 'kk'],
    ['Қандай сұрақ қоюға болады?', 'abilities', 'kk'],
    ['Сен не істей аласың?', 'abilities', 'kk'],
    ['What is this bot?', 'about', 'ru'],
    ['Hi! What can you do?', 'abilities', 'ru'],
    ['а как тобой пользоваться, просто писать вопрос сюда?', 'help', 'ru'],
    // Spoken to the bot about the bot, in words no phrase list holds: about it, not the news.
    ['Здравствуйте! Подскажите, что вы умеете?', 'abilities', 'ru'],
    ['Вы отвечаете на вопросы о новостях?', 'abilities', 'ru'],
    ['Какие новости ты знаешь?', 'abilities', 'ru'],
    ['Ты робот или человек?', 'about', 'ru'],
    ['Кім сен?', 'about', 'kk'],
    ['Сен қандай жаңалықтарды білесің?', 'abilities', 'kk'],
    ['Ты классный', 'thanks', 'ru'],
    // Words, but nothing to search for: asked to write a question, never «Не нашёл».
    ['хм', 'unclear', 'ru'],
    ['ахахах', 'unclear', 'ru'],
    ['ну и?', 'unclear', 'ru'],
    ['Ааааа!!!', 'unclear', 'ru'],
    ['жоқ', 'unclear', 'kk'],
    ['ау', 'unclear', 'ru'],
    // Asked of the bot in words of its own: the pronoun, or a verb in the second person, addresses it.
    ['Ты вообще кто?', 'about', 'ru'],
    ['Кто тебя придумал?', 'about', 'ru'],
    ['Откуда ты берёшь информацию?', 'abilities', 'ru'],
    ['Қазақша білесің бе?', 'abilities', 'kk'],
    ['Помоги, пожалуйста', 'help', 'ru'],
    ['Рақмет, көп көмектестіңіз!', 'thanks', 'kk'],
    ['Здравствуйте. Что вы умеете? Можно у вас про новости области спрашивать?', 'abilities', 'ru'],
    // A second sentence about using the bot need not address it: "may one ask about the news?".
    ['Сәлем. Не істей аласыз? Жаңалықтар туралы сұрақ қоюға бола ма?', 'abilities', 'kk'],
    // The latest news, with no topic: listed, not searched.
    ['Что нового?', 'news', 'ru'],
    ['Какие новости?', 'news', 'ru'],
    ['Привет! Какие последние новости на сегодня?', 'news', 'ru'],
    ['Сәлем! Не жаңалық?', 'news', 'kk'],
    // Emoji alone.
    ['👍', 'thanks', 'ru'],
    ['🙏🙏', 'thanks', 'ru'],
    ['👋', 'greeting', 'ru'],
    ['🤔', 'unclear', 'ru'],
  ])('%j is %s small talk in %s', (message, kind, language) => {
    expect(smallTalkOf(message)).toEqual({ kind, language });
  });

  it.each([
    'Сколько врачей не хватает в Алматы?',
    'Привет, сколько врачей не хватает в Алматы?',
    'Спасибо вам за ваш труд, сколько учителей не хватает?',
    'Кто аким Алматы?',
    'Что строят в Акмолинской области?',
    'а в Шымкенте?',
    'Как дела со строительством школ в Алматы?',
    'Что ты знаешь о школах в Алматы?',
    'пока не построили школу в Шымкенте — когда построят?',
    'Шымкентте ше?',
    'Алматыда қанша мектеп бар?',
    'давай про школы в Алматы',
    // A question word left after the courtesy asks something: a follow-up, not chatter.
    'понятно, а когда?',
    'спасибо, а где?',
    'Привет, а сколько?',
    'а кто?',
    'ну и что?',
    'а в 2025?',
    'вопрос про школы в Алматы',
    // Spoken to the bot, but about the news: a topic word makes it a question.
    'Ты знаешь, сколько врачей в Алматы?',
    'Вы можете сказать, когда откроют школу в Косшы?',
    'Бот, какие новости про Астану?',
    'Сен Алматы туралы не білесің?',
    'Что нового в Шымкенте?',
    'Какие новости про школы?',
    'Здравствуйте. Что вы умеете? Сколько врачей в Алматы?',
    'Сәлем. Не істей аласыз? Алматы туралы сұрақ қоюға болады ма?',
    '2025',
  ])('%j is not small talk', (message) => {
    expect(smallTalkOf(message)).toBeUndefined();
  });
});

describe('stripCourtesy', () => {
  it('drops a greeting before a question and keeps the question whole', () => {
    expect(stripCourtesy('Привет! Сколько врачей не хватает в Алматы?')).toBe('Сколько врачей не хватает в Алматы?');
    expect(stripCourtesy('Добрый день, бот. Что строят в Акмолинской области?')).toBe('Что строят в Акмолинской области?');
    expect(stripCourtesy('Сәлем! Алматы облысында қанша адам тұрады?')).toBe('Алматы облысында қанша адам тұрады?');
  });

  it('keeps the "а" of a follow-up after a greeting or thanks', () => {
    expect(stripCourtesy('Привет, а в Шымкенте?')).toBe('а в Шымкенте?');
    expect(stripCourtesy('Спасибо! А в Шымкенте?')).toBe('А в Шымкенте?');
  });

  it('drops polite words before a question', () => {
    expect(stripCourtesy('Подскажите, пожалуйста, сколько врачей не хватает в Алматы?')).toBe('сколько врачей не хватает в Алматы?');
    expect(stripCourtesy('Здравствуйте, скажите, что строят в Акмолинской области?')).toBe('что строят в Акмолинской области?');
  });

  it('leaves messages without a leading greeting, and greetings alone, as they are', () => {
    expect(stripCourtesy('Сколько врачей не хватает в Алматы? Привет')).toBe('Сколько врачей не хватает в Алматы? Привет');
    expect(stripCourtesy('Привет, спасибо')).toBe('Привет, спасибо');
  });
});

describe('readMessage', () => {
  it('reads small talk, and a question after a greeting', () => {
    expect(readMessage('  спасибо!  ')).toEqual({ kind: 'smalltalk', talk: { kind: 'thanks', language: 'ru' } });
    expect(readMessage('Здравствуйте! Сколько врачей не хватает в Алматы?')).toEqual({
      kind: 'question',
      question: 'Сколько врачей не хватает в Алматы?',
    });
  });

  it('reads a question to the bot beside a greeting, and how to use it, as small talk; a question with a topic stays a question', () => {
    expect(readMessage('Привет, ты вообще кто? Что умеешь — по новостям акиматов можешь подсказать?')).toEqual({
      kind: 'smalltalk',
      talk: { kind: 'about', language: 'ru' },
    });
    expect(readMessage('Добрый вечер! Я хотел бы задать пару вопросов о работе акиматов, подскажите, как с вами лучше общаться?')).toEqual({
      kind: 'smalltalk',
      talk: { kind: 'help', language: 'ru' },
    });
    expect(readMessage('Привет, как у тебя дела?')).toEqual({ kind: 'smalltalk', talk: { kind: 'greeting', language: 'ru' } });
    expect(readMessage('Подскажите, как с вами связаться и сколько врачей не хватает в Алматы?').kind).toBe('question');
  });

  it('answers a greeting with a question only announced ("хотел спросить кое-что") as a greeting, not with a quote', () => {
    expect(readMessage('Здравствуйте! Хотела бы уточнить пару вещей по новостям нашего города 🙂')).toEqual({
      kind: 'smalltalk',
      talk: { kind: 'greeting', language: 'ru' },
    });
    expect(readMessage('Сәлем! Бір сұрақ сұрағым келеді')).toEqual({ kind: 'smalltalk', talk: { kind: 'greeting', language: 'kk' } });
    // Once it names a topic or asks, it is the question.
    expect(readMessage('Хотел спросить про врачей в Алматы').kind).toBe('question');
    expect(readMessage('Добрый день! Хотел узнать, когда откроют школу?').kind).toBe('question');
  });

  it('reads a goodbye with "until next time" as a goodbye, in Russian and Kazakh', () => {
    expect(readMessage('Спасибо, до следующего раза!')).toEqual({ kind: 'smalltalk', talk: { kind: 'goodbye', language: 'ru' } });
    expect(readMessage('Рақмет, келесі жолы көріскенше!')).toEqual({ kind: 'smalltalk', talk: { kind: 'goodbye', language: 'kk' } });
  });

  it('leaves unusable and long messages to the engine\'s question check', () => {
    expect(readMessage('?!')).toEqual({ kind: 'question', question: '?!' });
    const story = 'Я работаю медсестрой в поликлинике, и у нас постоянно не хватает людей, очереди огромные. '.repeat(5);
    const reading = readMessage(`${story}Сколько врачей не хватает в Алматы?`);
    expect(reading).toEqual({ kind: 'question', question: `${story}Сколько врачей не хватает в Алматы?` });
  });
});

describe('apologies, chatter and calls for the bot', () => {
  it.each([
    ['Извините', 'apology', 'ru'],
    ['Ой, извините, ошибся', 'apology', 'ru'],
    ['Кешіріңіз', 'apology', 'kk'],
    ['Есть кто?', 'greeting', 'ru'],
    ['Доброго утречка!', 'greeting', 'ru'],
    ['До скорой встречи', 'goodbye', 'ru'],
    ['Сколько тебе лет?', 'about', 'ru'],
    ['Расскажи анекдот', 'about', 'ru'],
    ['Ты умеешь говорить по-казахски?', 'abilities', 'ru'],
    ['Жауап бер', 'help', 'kk'],
  ])('reads «%s» as small talk (%s)', (message, kind, language) => {
    expect(smallTalkOf(message)).toEqual({ kind, language });
  });

  it('drops an apology before a question and keeps questions that share the words', () => {
    expect(stripCourtesy('Извините, сколько школ в Алматы?')).toBe('сколько школ в Алматы?');
    expect(smallTalkOf('Сколько лет Токаеву?')).toBeUndefined();
    expect(smallTalkOf('Есть кто в акимате?')).toBeUndefined();
  });

  it('answers an apology kindly, with an example question', () => {
    expect(smallTalkReply({ kind: 'apology', language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS)).toBe(`Ничего страшного! Задайте вопрос, например: «${DEFAULT_EXAMPLE_QUESTIONS[0]}»`);
  });
});

describe('a complaint about the answer or the bot', () => {
  it.each([
    ['ты бесполезный', 'ru'],
    ['не то', 'ru'],
    ['Это не то, что я спрашивал', 'ru'],
    ['бред какой-то', 'ru'],
    ['спасибо, но не то', 'ru'],
    ['дұрыс емес', 'kk'],
    ['түк түсінбедім', 'kk'],
    ['ну и тормоз же ты', 'ru'],
    ['глючишь', 'ru'],
  ])('reads «%s» as a complaint, not a question', (message, language) => {
    expect(smallTalkOf(message)).toEqual({ kind: 'complaint', language });
    expect(readMessage(message, { followsExchange: true }).kind).toBe('smalltalk');
  });

  it('leaves a question with the same words a question', () => {
    for (const message of ['а почему так плохо с дорогами?', 'не то место выбрали для школы?', 'не работает светофор на Абая', 'долго ещё строить мост?', 'медленный интернет в сёлах']) expect(smallTalkOf(message)).toBeUndefined();
  });

  it('apologises and suggests asking otherwise, with an example', () => {
    const reply = smallTalkReply({ kind: 'complaint', language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS);
    expect(reply).toMatch(/^Жаль/);
    expect(reply).toContain(`«${DEFAULT_EXAMPLE_QUESTIONS[1]}»`);
  });
});

describe('smallTalkReply', () => {
  it('answers in the user\'s language with an example question, never "не нашёл"', () => {
    for (const kind of ['greeting', 'thanks', 'about', 'abilities', 'help', 'apology', 'complaint', 'offer', 'unclear'] as const) {
      const ru = smallTalkReply({ kind, language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS);
      expect(DEFAULT_EXAMPLE_QUESTIONS.some((q) => ru.includes(`«${q}»`))).toBe(true);
      expect(ru).not.toMatch(/не нашёл/i);
      const kk = smallTalkReply({ kind, language: 'kk' }, DEFAULT_EXAMPLE_QUESTIONS);
      expect(kk).toContain(`«${KAZAKH_EXAMPLE_QUESTIONS[0]}»`);
      expect(kk).toMatch(/[әғқңөұүһі]/);
    }
    expect(smallTalkReply({ kind: 'goodbye', language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS)).toBe('До свидания! Возвращайтесь с вопросами.');
  });

  it('gives a greeting and "what can you do" different examples', () => {
    const greeting = smallTalkReply({ kind: 'greeting', language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS);
    const abilities = smallTalkReply({ kind: 'abilities', language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS);
    expect(greeting).toContain(DEFAULT_EXAMPLE_QUESTIONS[0]);
    expect(abilities).toContain(DEFAULT_EXAMPLE_QUESTIONS[2]);
  });
});

describe('topicQuestion', () => {
  it('asks a suggested title without its cut mark', () => {
    expect(topicQuestion('Строительство ТЭЦ, водоснабжение и газификация…')).toBe('Строительство ТЭЦ, водоснабжение и газификация');
    expect(topicQuestion('  Алматинцы стали первыми на V Летней Спартакиаде ')).toBe('Алматинцы стали первыми на V Летней Спартакиаде');
  });
});

describe('a topic offered without a question', () => {
  it('is answered by asking what exactly, in the user\'s language, not searched', () => {
    for (const message of ['Привет! Подскажешь по спорту?', 'Есть вопрос про садики', 'Можно вопрос по налогам?', 'Поможете по ЖКХ?']) {
      expect(readMessage(message)).toEqual({ kind: 'smalltalk', talk: { kind: 'offer', language: 'ru' } });
    }
    expect(smallTalkOf('Спорт туралы сұрақ бар')).toEqual({ kind: 'offer', language: 'kk' });
    expect(smallTalkReply({ kind: 'offer', language: 'ru' }, DEFAULT_EXAMPLE_QUESTIONS)).toMatch(/что именно вас интересует/);
  });

  it('leaves a question, a wish for news and a named topic to the search', () => {
    for (const message of ['Подскажешь по спорту, сколько медалей?', 'Что есть о газификации?', 'Есть новости про газ?', 'Можно ли про садик в Косшы узнать']) {
      expect(smallTalkOf(message)).toBeUndefined();
    }
  });

  it('reads "как тут правильно задавать вопросы" as a wish for help', () => {
    expect(smallTalkOf('Помоги разобраться, как тут правильно задавать вопросы')?.kind).toBe('help');
  });
});
