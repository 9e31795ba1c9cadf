/**
 * "Куда обращаться?", "куда звонить?": the asker wants a way to reach someone. News end with the contacts (a street
 * address, a phone, an e-mail, a site) in a line of their own that repeats no word of the question, so the line is
 * taken from the article the answer quotes.
 */
import type { Candidate } from './evidence.js';

const CONTACT_ASKED =
  /(?<![\p{L}])(?:куда (?:обращаться|обратиться|звонить|позвонить|писать|написать|идти|прийти|записываться|записаться|подавать|подать|отправлять)|как (?:связаться|записаться)|(?:номер|телефон)\p{L}* (?:для )?(?:связи|справок)|контакт\p{L}*|қайда (?:хабарласу|жүгіну|жазылу)\p{L}*)(?![\p{L}])/iu;
/** A phone number, an e-mail, a site or a street address. */
const CONTACT_STATED =
  /\+?\d[\d\s()/-]{8,}\d|[\w.-]+@[\w-]+\.[\w.]+|https?:\/\/|(?<![\p{L}])(?:ул|пр|просп|мкр)\.\s*\p{Lu}|(?<![\p{L}])(?:телефон\p{L}*|тел\.)/u;

export const asksContact = (question: string): boolean => CONTACT_ASKED.test(question);
export const statesContact = (sentence: string): boolean => CONTACT_STATED.test(sentence);

/** Adds the lead's article's contact line to `chosen` when a contact is asked and none is quoted (in place of the last when full). */
export function withContact(question: string, chosen: Candidate[], all: readonly Candidate[], max: number): void {
  const lead = chosen[0];
  if (lead === undefined || !asksContact(question) || chosen.some((c) => statesContact(c.text))) return;
  const contact = all.find((c) => c.passage.chunk.articleId === lead.passage.chunk.articleId && statesContact(c.text) && !/^\s*Источник/iu.test(c.text));
  if (contact === undefined) return;
  if (chosen.length >= max) chosen.pop();
  chosen.push(contact);
}
