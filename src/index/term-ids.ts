/**
 * BM25 terms passed from the encode workers to the build thread as numbers instead of strings. A worker
 * numbers the terms it meets (`LocalTermIds`: its analyser's stems are memoised, so the same string
 * objects come back and its map answers fast) and sends, with each batch, the ids of every occurrence and
 * the strings of the ids new in that batch; the build thread maps a worker's ids to the index's
 * (`TermIdMap`), looking a string up in the BM25 dictionary only the first time it sees that id. Before,
 * every occurrence (≈ 90 a chunk) crossed as a fresh string and was looked up by its characters: the
 * build thread's largest cost after reading and chunking.
 */

export interface BatchTermIds {
  /** Every occurrence's id, the batch's passages one after another. */
  ids: Uint32Array;
  /** Terms per passage. */
  lengths: Uint32Array;
  /** The strings of the ids this batch introduces, in id order (they continue the worker's numbering). */
  fresh: string[];
  /** The worker started its numbering over with this batch (its map had grown to its bound). */
  reset: boolean;
}

/** Ids a worker's map may hold before it starts over (≈ 40 MiB of map and strings there and here). */
const MAX_LOCAL_TERMS = 1 << 19;

/** A worker's numbering of terms, in the order the worker meets them. */
export class LocalTermIds {
  private readonly ids = new Map<string, number>();

  encode(terms: readonly (readonly string[])[]): BatchTermIds {
    let total = 0;
    for (const passage of terms) total += passage.length;
    const reset = this.ids.size + total > MAX_LOCAL_TERMS;
    if (reset) this.ids.clear();
    const ids = new Uint32Array(total);
    const lengths = new Uint32Array(terms.length);
    const fresh: string[] = [];
    let at = 0;
    terms.forEach((passage, p) => {
      lengths[p] = passage.length;
      for (const term of passage) {
        let id = this.ids.get(term);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(term, id);
          fresh.push(term);
        }
        ids[at++] = id;
      }
    });
    return { ids, lengths, fresh, reset };
  }
}

/** The build thread's map from one worker's ids to the index's term ids. */
export class TermIdMap {
  private global = new Int32Array(1024).fill(-1);
  /** Strings of the worker's ids not mapped yet (dropped once mapped). */
  private strings: Array<string | undefined> = [];

  /**
   * The batch's ids turned into the index's, in place, in occurrence order: `lookup` (the dictionary's
   * get-or-add) sees each term first where it first occurs, so new terms are numbered in that order, as
   * when every occurrence was looked up.
   */
  take(batch: BatchTermIds, lookup: (term: string) => number): Uint32Array {
    if (batch.reset) {
      this.global.fill(-1);
      this.strings = [];
    }
    for (const term of batch.fresh) this.strings.push(term);
    if (this.strings.length > this.global.length) {
      const bigger = new Int32Array(Math.max(this.strings.length, 2 * this.global.length)).fill(-1);
      bigger.set(this.global);
      this.global = bigger;
    }
    const { ids } = batch;
    for (let i = 0; i < ids.length; i++) {
      const local = ids[i] ?? 0;
      let id = this.global[local] ?? -1;
      if (id < 0) {
        const term = this.strings[local];
        if (term === undefined) throw new Error(`index: term id ${local} from an encode worker was never named (a bug)`);
        id = lookup(term);
        this.global[local] = id;
        this.strings[local] = undefined;
      }
      ids[i] = id;
    }
    return ids;
  }
}
