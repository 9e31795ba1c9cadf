/**
 * The topic a follow-up carries from the last question, in brackets after its own words ("а сколько она стоит
 * (новая ТЭЦ в Кокшетау)?", written by conversation/follow-up.ts): what it asks is read from its own words.
 */
const CARRIED_TOPIC = /\([^()]*\)/gu;

/** The question without the topic it carries. */
export const withoutCarriedTopic = (question: string): string => question.replace(CARRIED_TOPIC, ' ');

/** The topic it carries, without the brackets, if any. */
export const carriedTopic = (question: string): string | undefined => question.match(CARRIED_TOPIC)?.[0]?.slice(1, -1);
