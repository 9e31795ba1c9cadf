import { createRequire } from 'node:module';
import path from 'node:path';
import Az from 'az';

/**
 * Russian words as Az.js knows them (the OpenCorpora dictionary, which lists every inflected form).
 * `knows`: the spelling corrector leaves such words alone: "научились", "снесут", "операция" are not
 * typos of the index's "начались", "несут", "кооперация", merely words the news does not use.
 * `nearest`: a dictionary word one typo away ("склько" → "сколько", "агенттсво" → "агентство"), for
 * words the news' own vocabulary cannot correct: a small corpus holds neither "сколько" nor "молодые".
 */
export interface RussianDictionary {
  knows(word: string): boolean;
  nearest(word: string): string | undefined;
}

const RUSSIAN_WORD = /^[а-яё-]+$/i;

let loading: Promise<RussianDictionary> | undefined;

/** Loads Az's dictionaries once per process (≈ 11 MB on disk, about 0.4 s); they are read-only. */
export function loadRussianDictionary(): Promise<RussianDictionary> {
  loading ??= new Promise<RussianDictionary>((resolve, reject) => {
    const dicts = path.join(path.dirname(createRequire(import.meta.url).resolve('az/package.json')), 'dicts');
    Az.Morph.init(dicts, (err) => {
      if (err) {
        loading = undefined;
        reject(new Error(`russian-dictionary: cannot load Az dictionaries from ${dicts}: ${err.message}`));
        return;
      }
      resolve({
        // Exact forms only (no typo or stutter tolerance): a typo must not count as a known word.
        knows: (word) => RUSSIAN_WORD.test(word) && Az.Morph(word, { typos: 0, stutter: 0 }).some((p) => p.parser === 'Dictionary'),
        // Az's own typo search (one edit for words of 5+ letters, its 'auto' setting), best-scored parse first.
        nearest: (word) => {
          if (!RUSSIAN_WORD.test(word)) return undefined;
          const fixed = Az.Morph(word, { typos: 'auto', stutter: 0 }).find((p) => p.parser === 'Dictionary')?.word;
          return fixed !== undefined && fixed !== word.toLowerCase() ? fixed : undefined;
        },
      });
    });
  });
  return loading;
}
