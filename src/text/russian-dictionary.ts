import { createRequire } from 'node:module';
import path from 'node:path';
import Az from 'az';

/**
 * Whether a word is a form of a Russian dictionary word (Az.js over the OpenCorpora dictionary, which
 * lists every inflected form). The spelling corrector leaves such words alone: "научились", "снесут",
 * "операция" are not typos of the index's "начались", "несут", "кооперация", merely words the news
 * does not use. Words the dictionary does not know (typos, chat spellings, names) are still corrected.
 */
export type RussianDictionary = (word: string) => boolean;

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
      // Exact forms only (no typo or stutter tolerance): a typo must not count as a known word.
      resolve((word) => /^[а-яё-]+$/i.test(word) && Az.Morph(word, { typos: 0, stutter: 0 }).some((p) => p.parser === 'Dictionary'));
    });
  });
  return loading;
}
