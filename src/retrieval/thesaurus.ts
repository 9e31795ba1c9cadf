import { analyze } from '../text/analyzer.js';

/**
 * Query expansion for paraphrases: a citizen writes "медиков" where the news says "специалистов",
 * or asks in Kazakh about a Russian article. No Russian thesaurus ships on npm, so this is a small
 * hand-made one for the vocabulary of government and regional news (our own data, no licence issue).
 * Each group lists words that stand for one another in this domain; Kazakh words join the group of
 * their Russian equivalent, which bridges Kazakh questions to Russian articles.
 * Words are written as ordinary word forms; they are stemmed with the same analyzer as the index.
 */
export const SYNONYM_GROUPS: readonly string[][] = [
  // health
  ['врач', 'врачей', 'медик', 'медиков', 'доктор', 'медицинский', 'медработник', 'медперсонал', 'дәрігер', 'дәрігерлер'],
  ['больница', 'клиника', 'стационар', 'поликлиника', 'медучреждение', 'аурухана', 'емхана'],
  ['здравоохранение', 'медицина', 'денсаулық'],
  // education
  ['школа', 'школы', 'мектеп', 'мектептер'],
  ['учитель', 'педагог', 'преподаватель', 'мұғалім', 'ұстаз', 'ұстаздар'],
  ['ученик', 'школьник', 'учащийся', 'оқушы', 'оқушылар'],
  ['образование', 'обучение', 'білім'],
  ['детский', 'дошкольный', 'балабақша'],
  // shortage, money, building
  ['нехватка', 'дефицит', 'недостаток', 'хватает', 'недостает', 'жетіспейді', 'жетіспеушілік', 'тапшылық'],
  ['деньги', 'средства', 'финансирование', 'бюджет', 'ассигнования', 'инвестиции', 'қаржы', 'ақша'],
  ['выделить', 'выделят', 'направить', 'профинансировать', 'бөлу', 'бөлінеді'],
  ['строить', 'строят', 'строительство', 'построить', 'построят', 'возведение', 'возвести', 'сооружение', 'салу', 'салынады', 'құрылыс'],
  ['ремонт', 'реконструкция', 'модернизация', 'обновление', 'жөндеу'],
  ['снос', 'демонтаж', 'снести', 'бұзу'],
  ['ветхий', 'аварийный', 'апатты'],
  ['жилье', 'жилищный', 'квартира', 'тұрғын үй', 'баспана'],
  ['дом', 'здание', 'үй', 'ғимарат'],
  ['дорога', 'трасса', 'автодорога', 'магистраль', 'жол'],
  // utilities and water
  ['вода', 'водный', 'су'],
  ['водоснабжение', 'водопровод', 'сумен'],
  ['водохранилище', 'водоем', 'су қоймасы', 'қойма'],
  ['паводок', 'паводковый', 'половодье', 'наводнение', 'тасқын'],
  ['газ', 'газификация', 'газоснабжение'],
  ['тепло', 'отопление', 'теплоснабжение', 'тэц', 'жылу'],
  ['сель', 'селевой', 'оползень', 'сел'],
  ['лифт', 'лифты', 'подъемник'],
  // people and power
  ['аким', 'мэр', 'губернатор', 'глава региона', 'градоначальник', 'әкім'],
  ['президент', 'глава государства', 'мемлекет басшысы', 'токаев', 'тоқаев'],
  ['премьер', 'правительство', 'глава правительства', 'үкімет'],
  ['послание', 'жолдау', 'обращение'],
  ['житель', 'жители', 'население', 'граждане', 'горожане', 'тұрғын', 'тұрғындар', 'халық'],
  ['сельский', 'село', 'аул', 'деревня', 'сельчане', 'ауыл'],
  ['город', 'мегаполис', 'қала'],
  ['область', 'регион', 'облыс', 'өңір'],
  ['работа', 'занятость', 'трудоустройство', 'жұмыс'],
  ['безработица', 'безработный', 'жұмыссыз', 'жұмыссыздық'],
  ['работодатель', 'предприниматель', 'бизнес', 'кәсіпкер'],
  // economy and sectors
  ['экономика', 'экономический', 'экономика', 'ввп', 'экономикасы'],
  ['рейтинг', 'оценка', 'рейтингі'],
  ['туризм', 'турист', 'туристический', 'курорт', 'отдых', 'туризм'],
  ['спорт', 'спортсмен', 'соревнование', 'спартакиада', 'спорттық'],
  ['птицефабрика', 'птица', 'бройлер', 'курица', 'мясо птицы'],
  ['цифровизация', 'цифровой', 'цифрлық', 'искусственный интеллект', 'жасанды интеллект'],
  ['преступление', 'преступность', 'криминалистика', 'экспертиза', 'қылмыс'],
  ['язык', 'казахский язык', 'тіл', 'қазақ тілі'],
  ['бот', 'чат-бот', 'телеграм', 'telegram'],
];

/** stem → stems of the other words in its groups. */
export type Thesaurus = ReadonlyMap<string, readonly string[]>;

export function buildThesaurus(groups: readonly string[][] = SYNONYM_GROUPS): Thesaurus {
  const related = new Map<string, Set<string>>();
  for (const group of groups) {
    // A multi-word entry ("глава региона") stands for its content stems.
    const stems = [...new Set(group.flatMap((w) => analyze(w)))];
    for (const s of stems) {
      const set = related.get(s) ?? new Set<string>();
      for (const other of stems) if (other !== s) set.add(other);
      related.set(s, set);
    }
  }
  return new Map([...related].map(([k, v]) => [k, [...v]]));
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Query terms with their synonyms; synonyms weigh less so an exact match still ranks first. */
export function expandTerms(terms: readonly string[], thesaurus: Thesaurus, synonymWeight = 0.5): WeightedTerm[] {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, Math.max(out.get(t) ?? 0, 1));
  for (const t of terms) {
    for (const s of thesaurus.get(t) ?? []) {
      if (!out.has(s)) out.set(s, synonymWeight);
    }
  }
  return [...out].map(([term, weight]) => ({ term, weight }));
}
