import { analyze } from '../text/analyzer.js';
import { holdsNear } from './evidence.js';

/**
 * Who holds the role a "кто" question asks about. "Кто министр водных ресурсов?" is not answered by the
 * vice-minister, nor by a sentence that mentions the ministry beside another person; "Облыс әкімі кім?"
 * asks for the person named as аким. And what a named person is ("Кто такой Малик Отарбаев?"): the role written
 * beside the name. Pure text checks, used by wanted.ts.
 */

/** Roles that have deputies; the stem is matched at a word start. */
const HEAD_ROLE = /(?<![\p{L}])(вице-премьер|премьер-министр|министр|аким|әкім|директор|председател|ректор|начальник|төраға|тренер|главврач|главн\p{L}* врач|капитан|бапкер|советник|кеңесші)\p{L}*/giu;
/** "вице-министр", "заместитель министра", "первый заместитель акима" before the role; "орынбасары" after it. */
const DEPUTY_BEFORE = /(?:вице-|(?:заместител|зам)\p{L}*\s+(?:\p{L}+\s+)?)$/iu;
const DEPUTY_AFTER = /^\p{L}*\s+(?:\p{L}+\s+)?орынбасар/iu;
/** The office named after its head ("акимат", "ректорат", "әкімдік"): "кто из акимата" asks for no аким. */
const OFFICE_ENDING = /^(?:ат|дік|шілік)/iu;

/** The head roles a text names itself, not as a deputy's ("министр", not "вице-министр"). */
function headRoles(text: string): Set<string> {
  const roles = new Set<string>();
  for (const m of text.matchAll(HEAD_ROLE)) {
    const at = m.index ?? 0;
    const before = text.slice(Math.max(0, at - 40), at);
    const after = text.slice(at + (m[1] ?? '').length, at + m[0].length + 30);
    const ending = m[0].slice((m[1] ?? '').length);
    if (!DEPUTY_BEFORE.test(before) && !DEPUTY_AFTER.test(after) && !OFFICE_ENDING.test(ending)) roles.add((m[1] ?? '').toLowerCase());
  }
  return roles;
}

/**
 * "Кто министр водных ресурсов?": a sentence that names only the vice-minister or a deputy holds a
 * person, but not the one asked for. True when the question asks for a head role the sentence
 * mentions only as a deputy's.
 */
export function namesOnlyDeputy(question: string, sentence: string): boolean {
  const inNews = (role: string) => ROLE_IN_NEWS[role] ?? role;
  const asked = [...headRoles(question)].map(inNews);
  const lower = sentence.toLowerCase();
  const named = new Set([...headRoles(sentence)].map(inNews));
  return asked.some((role) => lower.includes(role) && !named.has(role));
}

/** "кто (сейчас|является|у нас) аким…", "…әкімі кім": where a question names the role it asks about. */
const ASKED_ROLE = /(?<![\p{L}])кто(?:\s+[\p{L}-]+){1,3}|(?:[\p{L}-]+\s+){1,2}кім(?![\p{L}])/giu;
/** The words that name a head role in Russian news, by the role a question asks for ("әкім" is "аким"). */
const ROLE_IN_NEWS: Record<string, string> = {
  министр: 'министр', аким: 'аким', әкім: 'аким', директор: 'директор', председател: 'председател', төраға: 'председател',
  ректор: 'ректор', начальник: 'начальник', тренер: 'тренер', бапкер: 'тренер', главврач: 'главн', капитан: 'капитан',
  'вице-премьер': 'вице-премьер', 'премьер-министр': 'премьер-[мМ]инистр', советник: 'советник', кеңесші: 'советник',
};
/**
 * Any head is also called the head ("глава региона Марат Султангазиев") or the leader; but the head of state is the
 * President, no premier or minister ("Глава государства К.К.Токаев" names no Премьер-министр).
 */
const ANY_HEAD = 'глав[аеыуо]й?(?!\\s+государств)|руководител\\p{L}*|мэр\\p{L}*';
const HEAD_OF_STATE = 'глав[аеыуо]й?\\s+государств\\p{L}*';
/** A name and surname, or a surname with initials either side ("Бекетаев М.Б.", "К.К. Токаев"). */
const NAME = '(?:\\p{Lu}\\p{Ll}+(?:-\\p{Lu}?\\p{Ll}+)?\\s+\\p{Lu}\\p{Ll}+|\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\.\\s?(?:\\p{Lu}\\.)?|\\p{Lu}\\.\\s?(?:\\p{Lu}\\.\\s?)?\\p{Lu}\\p{Ll}+)';

/** "Кто возглавляет…", "кто руководит…", "кто глава / руководитель…": the head of whatever follows. */
const HEADS_ASKED = /(?<![\p{L}])кто\s+(?:сейчас\s+|теперь\s+|у нас\s+)?(?:возглавля\p{L}*|руковод\p{L}*|глава|руководитель)(?![\p{L}])/iu;
/** A capitalised adjective of a place ("Жуалынского", "Жамбылской"): part of a role's complement. */
const PLACE_ADJECTIVE = '\\p{Lu}\\p{Ll}+(?:ского|цкого|ской|цкой)';
const PRESIDENT_OF = '[Пп]резидент\\p{L}*(?=\\s+(?:\\p{Ll}|\\p{Lu}{2,}(?!\\p{Ll})))';
/** Parts of an organisation: their heads are not the organisation's head. */
const SUB_UNIT = /(?:управлени|отдел|департамент|филиал|служб|сектор|подразделени|аппарат|штаб|комитет)\p{L}*/iu;

/**
 * "Кто аким Жамбылской области?": the sentence must name someone as that role ("аким области Ербол
 * Карашукеев", "Ербол Карашукеев, аким области"), not merely mention the role beside another person
 * ("заседание акимата … с участием советника Малика Отарбаева").
 */
export function namesRoleHolder(question: string, sentence: string): boolean {
  // The role the question asks to name: right after "кто" ("кто сейчас аким", "кто является министром") or
  // right before "кім" ("облысының әкімі кім"); "кто возглавил встречу сельских акимов" asks for no аким.
  const asking = [...question.matchAll(ASKED_ROLE)].map((m) => m[0]).join(' ');
  // "Кто возглавляет область?", "кто глава региона?": any head role answers, but not a department's head
  // ("руководитель управления спорта области") unless the question asks for a department.
  const heads = HEADS_ASKED.test(question);
  const asked = heads ? [...new Set(Object.values(ROLE_IN_NEWS))] : [...headRoles(asking)].map((r) => ROLE_IN_NEWS[r] ?? r);
  if (asked.length === 0) return true;
  const unit = heads && !SUB_UNIT.test(question) ? `(?!\\s+(?:\\p{Ll}+\\s+)?${SUB_UNIT.source})` : '';
  // A role may open the sentence ("Министр водных ресурсов Нуржан Нуржигитов"): its first letter in either case.
  const anyCase = (stem: string) => `[${stem.charAt(0).toUpperCase()}${stem.charAt(0)}]${stem.slice(1)}`;
  // "акимата" is the office, not its head.
  const roles = [...asked.flatMap((r) => (r === 'аким' ? ['аким(?!ат)\\p{L}*'] : r === 'президент' ? [`${r}\\p{L}*`, HEAD_OF_STATE] : [`${r}\\p{L}*`])), ...ANY_HEAD.split('|')].map(anyCase);
  // An organisation's president ("президент НАН Ахылбек Куришбаев"), not "при Президенте" before a name.
  if (heads) roles.push(PRESIDENT_OF);
  const role = `(?:${roles.join('|')})`;
  // The role's complement may hold capitalised words between lower-case ones: "Аким Карасазского сельского округа
  // Жуалынского района Жанар Нурмурадкызы", "директора областного филиала Академии … при Президенте Казыбека Дауталиева".
  // Asked who heads a named body, the body's own words are checked as focus words, so its name may run longer.
  // So may a role asked with its complement ("кто директор филиала академии госуправления"): the complement's words are
  // focus words too.
  const complemented = !heads && new RegExp(`(?:${asked.join('|')})\\p{L}*\\s+(?!(?:в|во|на|по|с|со|из|у|при|для)\\s)\\p{L}{3,}`, 'iu').test(asking);
  const long = heads || complemented;
  const word = long ? '(?:[\\p{Ll}-]+|\\p{Lu}\\p{L}*)' : `(?:[\\p{Ll}-]+|${PLACE_ADJECTIVE})`;
  const after = new RegExp(`(?<![\\p{L}])${role}${unit}(?:\\s+${word})${long ? '{0,8}?' : '{0,5}'}\\s+(?:\\p{Lu}\\p{L}*\\s+)?${NAME}`, 'u');
  const before = new RegExp(`${NAME},?\\s+(?:[\\p{Ll}-]+\\s+){0,2}${role}(?![\\p{L}])`, 'u');
  return after.test(sentence) || before.test(sentence);
}

/**
 * Words that say what a person is: an office, a profession, a standing. "Кто такой Малик Отарбаев?" is
 * answered by "Советник Президента Малик Отарбаев …", not by a quote he ends. General vocabulary.
 */
const ROLE_NOUN =
  /^(?:советник|министр|вице-министр|аким|заместител|зам|директор|председател|руководител|глав[аеуыо]й?|начальник|ректор|президент|премьер|депутат|сенатор|учредител|основател|соучредител|секретар|спикер|уполномоченн|управляющ|эксперт|профессор|академик|доцент|врач|главврач|учител|педагог|тренер|спортсмен|чемпион|призер|призёр|журналист|представител|член|предпринимател|фермер|заведующ|прокурор|судь|посол|мэр|губернатор|инспектор|специалист|автор|архитектор|инженер|менеджер|координатор|активист|волонтер|волонтёр|блогер|аналитик|экономист|политолог|историк|писател|поэт|артист|актер|актёр|певиц|певец|композитор|художник|ученый|учёный|студент|школьник|выпускник|ветеран|пенсионер|житель|жительниц|мастер|работник|сотрудник|служащ|лидер|капитан|командир|генерал|полковник|офицер|акын|основоположник|победител|лауреат|участник|организатор|инициатор|владелец|собственник|исполняющ|әкім|басшы|төраға|орынбасар|кеңесші|мұғалім|дәрігер|маман|жетекші)\p{L}*$/iu;

/** A person's name, as written: a capitalised word of letters (hyphens inside). */
const NAME_WORD = /^\p{Lu}[\p{L}-]+$/u;
/**
 * How many words a role may stand before the name, within its clause: "советника Президента Республики Казахстан
 * Малика Отарбаева", "исполняющий обязанности руководителя управления физической культуры и спорта области Рахман Шахарбек".
 */
const ROLE_BEFORE = 12;
/** How far after the name, past its comma, a role may follow ("Асхат Машанов, один из учредителей школы"). */
const ROLE_AFTER = 5;

/** The words that ask a role ("кем работает", "какую должность занимает"), which are no part of the person's name. */
const ROLE_ASKING = new Set(analyze('такой такая такие работает работал работала работают является являлся являлась служит трудится приходится должность должности занимает занимал занимала жұмыс істейді істеген қызмет атқарады болып'));

/** Whose role is asked: the capitalised words after the first, else the question's words other than the asking ones. */
function roleSubject(question: string): string[] {
  const words = question.match(/[\p{L}-]+/gu) ?? [];
  const names = words.slice(1).filter((w) => /^\p{Lu}/u.test(w));
  return (names.length > 0 ? analyze(names.join(' ')) : analyze(question)).filter((t) => !ROLE_ASKING.has(t));
}

/**
 * "Кто такой X?", "кем работает X?": the sentence names X as the holder of a role, with the role beside the
 * name. A name's stems are matched as names are elsewhere (holdsNear: "Отарбаева" is "Отарбаев").
 */
export function statesRoleOf(question: string, sentence: string): boolean {
  const subject = roleSubject(question);
  const words = [...sentence.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|,/gu)].map((m) => m[0]);
  return words.some((word, i) => {
    if (!NAME_WORD.test(word)) return false;
    const stems = new Set(analyze(word));
    if (!subject.some((s) => holdsNear(stems, s))) return false;
    const before = words.slice(Math.max(0, i - ROLE_BEFORE), i);
    if (before.slice(before.lastIndexOf(',') + 1).some((w) => ROLE_NOUN.test(w))) return true;
    // After the name only past a comma: "Асхат Машанов, один из учредителей", not "Отарбаев детально разъяснил".
    const rest = words.slice(i + 1);
    const comma = rest.findIndex((w) => w === ',');
    return comma >= 0 && comma <= 2 && rest.slice(comma + 1, comma + 1 + ROLE_AFTER).some((w) => ROLE_NOUN.test(w));
  });
}
