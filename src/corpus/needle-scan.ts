/**
 * Which of a fixed set of lower-case needles occur in a text, ignoring case, in one pass over its code units:
 * an Aho–Corasick automaton over the needles' letters, each code unit mapped to a letter by a table. It
 * answers what a case-insensitive alternation of the needles (`new RegExp(needles.join('|'), 'gi')`) scanned
 * at every position finds, at a few nanoseconds a code unit: the regular expression took ≈ 7 ns, and
 * detectRegions runs on every article and every chunk of a build (bench/README.md, "Ingest CPU").
 *
 * Case: two code units match in such a pattern when their upper-case forms are equal (ECMAScript's
 * Canonicalize without the u flag). For the needles' letters that is the letter and its capital, and for
 * some Cyrillic letters the old variants U+1C80–U+1C88 ("ᲀ" folds to "в"). Those are not mapped: `scan`
 * reports that such a code unit was seen, and the caller does not rely on the needles found (test: every
 * code unit against every letter, as the regular expression reads it).
 */
export class NeedleScanner {
  /** Per code unit (below TABLE_SIZE), its letter's number + 1; 0: no needle has it. */
  private readonly letterOf = new Uint8Array(TABLE_SIZE);
  private readonly letters: number;
  /** next[state * letters + letter]: the automaton's transitions, failure links folded in. */
  private readonly next: Int32Array;
  /** Per state, the needles that end there (through its failure links too); empty for most. */
  private readonly ends: number[][];
  /** Per state, 1 where `ends` is not empty: the scan's test per code unit. */
  private readonly ending: Uint8Array;

  constructor(private readonly needles: readonly string[]) {
    const alphabet = [...new Set(needles.join(''))];
    this.letters = alphabet.length + 1;
    alphabet.forEach((letter, i) => {
      for (const form of new Set([letter, letter.toUpperCase(), letter.toLowerCase()])) {
        if (form.length !== 1) throw new Error(`needle-scan: "${letter}" has a case form of ${form.length} code units`);
        const code = form.charCodeAt(0);
        if (code >= TABLE_SIZE) throw new Error(`needle-scan: "${form}" is beyond the table (U+${code.toString(16)})`);
        this.letterOf[code] = i + 1;
      }
    });
    // The trie.
    const children: Array<Map<number, number>> = [new Map()];
    const ends: number[][] = [[]];
    needles.forEach((needle, n) => {
      let state = 0;
      for (const ch of needle.toLowerCase()) {
        const letter = this.letterOf[ch.charCodeAt(0)] ?? 0;
        let child = children[state]?.get(letter);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          ends.push([]);
          children[state]?.set(letter, child);
        }
        state = child;
      }
      ends[state]?.push(n);
    });
    // Breadth first: failure links, each state's transitions completed from its failure state's.
    const states = children.length;
    const next = new Int32Array(states * this.letters);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (const [letter, child] of children[0] ?? []) {
      next[letter] = child;
      queue.push(child);
    }
    for (let at = 0; at < queue.length; at++) {
      const state = queue[at] ?? 0;
      const failState = fail[state] ?? 0;
      for (const end of ends[failState] ?? []) ends[state]?.push(end);
      for (let letter = 1; letter < this.letters; letter++) {
        const child = children[state]?.get(letter);
        const viaFail = next[failState * this.letters + letter] ?? 0;
        if (child === undefined) {
          next[state * this.letters + letter] = viaFail;
        } else {
          fail[child] = viaFail;
          next[state * this.letters + letter] = child;
          queue.push(child);
        }
      }
    }
    this.next = next;
    this.ends = ends;
    this.ending = Uint8Array.from(ends, (list) => (list.length > 0 ? 1 : 0));
  }

  /**
   * Adds the needles found in `text` to `found`. Returns false, with `found` incomplete, when the text holds a
   * code unit that folds to a needle's letter only under case-insensitive matching (U+1C80–U+1C88).
   */
  scan(text: string, found: Set<string>): boolean {
    const { letterOf, next, letters, ending } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= TABLE_SIZE) {
        if (code >= 0x1c80 && code <= 0x1c88) return false;
        state = 0;
        continue;
      }
      state = next[state * letters + (letterOf[code] ?? 0)] ?? 0;
      if (ending[state] === 1) for (const n of this.ends[state] ?? []) found.add(this.needles[n] ?? '');
    }
    return true;
  }
}

/** Code units mapped by table: Latin and Cyrillic (U+0000–U+04FF); beyond, no needle letter but U+1C80–U+1C88. */
const TABLE_SIZE = 0x500;
