import { runEval } from './eval.js';

/**
 * `npm run fusion`: the vector leg's weight in rank fusion, swept on the dev set (where it is chosen)
 * and reported on the held-out set (where it is only measured). Columns as in `npm run eval`.
 */
const WEIGHTS = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1];
const rows: string[] = ['weight  set       hit1  hit5  fact'];
for (const weight of WEIGHTS) {
  for (const [label, file] of [['dev', 'bench/devset.jsonl'], ['holdout', 'bench/holdout.jsonl']] as const) {
    const { rows: r } = await runEval(file, true, weight);
    const answerable = r.filter((x) => x.q.kind !== 'offcorpus');
    const share = (n: number) => (n / answerable.length).toFixed(2);
    rows.push(
      `${weight.toFixed(2).padStart(6)}  ${label.padEnd(8)}  ${share(answerable.filter((x) => x.rank === 1).length)}  ${share(answerable.filter((x) => x.rank !== undefined && x.rank <= 5).length)}  ${share(answerable.filter((x) => x.fact).length)}`,
    );
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
