/** What kind of fact a question wants; the extractive answerer prefers sentences that hold one. */
export type QuestionType = 'сколько' | 'кто' | 'когда' | 'где' | 'что';

const PATTERNS: Array<[QuestionType, RegExp]> = [
  ['сколько', /(^|[^\p{L}])(сколько|скольк|какое количество|каков\p{L}* (объем|размер|доля|число|сумма|площадь|мощность)|какой (объем|размер|процент)|какая (сумма|доля|площадь|мощность)|на какую сумму|во сколько|қанша|неше)([^\p{L}]|$)/iu],
  ['когда', /(^|[^\p{L}])(когда|в какие сроки|в какой срок|к какому (году|сроку)|в каком году|до какого (года|срока)|какого числа|қашан|қай жылы)([^\p{L}]|$)/iu],
  ['кто', /(^|[^\p{L}])(кто|кого|кому|кем|чей|чья|какой (аким|министр|руководитель)|кім|кімге)([^\p{L}]|$)/iu],
  ['где', /(^|[^\p{L}])(где|в каком (городе|районе|селе|регионе)|в какой области|в каких (областях|регионах|городах)|откуда|куда|қайда|қай жерде)([^\p{L}]|$)/iu],
];

export function questionType(question: string): QuestionType {
  return PATTERNS.find(([, re]) => re.test(question))?.[0] ?? 'что';
}

const NUMBER = /\d/;
const DATE = /(\d{1,2}\.\d{1,2}\.\d{2,4}|\b(19|20)\d{2}\b|январ|феврал|март|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр|квартал|до конца|в течение|ближайш|текущ)/iu;
// Two capitalised words (name + surname) or initials with a surname, not at the sentence start.
const PERSON = /(?:^|[^.!?]\s)(?:[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?[А-ЯЁ][а-яё]+)/u;
const PLACE = /(област|район|город|сел[оае]|аул|Алмат|Астан|Шымкент|облыс|қала)/iu;

/** How well a sentence's form fits the question type, 0..1. */
export function typeFit(type: QuestionType, sentence: string): number {
  switch (type) {
    case 'сколько':
      return NUMBER.test(sentence) ? 1 : 0;
    case 'когда':
      return DATE.test(sentence) ? 1 : 0;
    case 'кто':
      return PERSON.test(sentence) ? 1 : 0;
    case 'где':
      return PLACE.test(sentence) ? 1 : 0;
    case 'что':
      return 0;
  }
}
