declare module 'az' {
  interface Parse {
    /** Which of Az.Morph.Parsers produced the reading: 'Dictionary' for a word in OpenCorpora's dictionary. */
    parser: string;
    /** The dictionary word read, corrected when typos were allowed ("склько" → "сколько"). */
    word: string;
  }
  interface Morph {
    (word: string, config?: { typos?: number | 'auto'; stutter?: number }): Parse[];
    init(path: string, callback: (err: Error | null) => void): void;
  }
  const Az: { Morph: Morph };
  export default Az;
}
