import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { containsFact } from './devset.js';
import { respondWith, type Reply, type Responder } from './blind-adapter.js';

/**
 * `npm run eval:blind`: scores a blind set through the product's reply path: the first one
 * (bench/blind.jsonl, bench/blind-chats.jsonl) by default, or `--set bench/blind2` (questions.jsonl, chats.jsonl). The blind set was written by someone who had not read the code; it is scored
 * once at the start of a piece of quality work and once at the end, never tuned on.
 */

interface Expect { file: string; text: string }
interface BlindQuestion {
  id: string;
  question: string;
  kind: string;
  qtype?: string;
  expect?: Expect | null;
  facts?: string[] | null;
}
interface ChatTurn { text: string; kind: string; expect?: Expect | null; facts?: string[] | null; must_not?: string[] | null }
interface Chat { id: string; turns: ChatTurn[] }

const REFUSE_KINDS = new Set(['nearmiss', 'offcorpus']);

function readJsonl<T>(text: string): T[] {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

/** Did the reply do what a citizen needed for this kind of message? */
function judge(kind: string, facts: string[] | null | undefined, reply: Reply, mustNot: string[] = []): { ok: boolean; refused: boolean } {
  const refused = reply.kind === 'refusal';
  if (kind === 'smalltalk') return { ok: reply.kind === 'smalltalk', refused };
  if (REFUSE_KINDS.has(kind) || !facts || facts.length === 0) {
    const leaked = mustNot.some((m) => containsFact(reply.text, [m]));
    return { ok: refused && !leaked, refused };
  }
  const leaked = mustNot.some((m) => containsFact(reply.text, [m]));
  return { ok: reply.kind === 'answer' && containsFact(reply.text, facts) && !leaked, refused };
}

const pct = (n: number, d: number) => (d === 0 ? '   —' : (n / d).toFixed(2));

async function main() {
  const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v', default: false }, set: { type: 'string' } } });
  const respond: Responder = await respondWith();
  const [questionsFile, chatsFile] = values.set
    ? [path.join(values.set, 'questions.jsonl'), path.join(values.set, 'chats.jsonl')]
    : [path.join('bench', 'blind.jsonl'), path.join('bench', 'blind-chats.jsonl')];
  const questions = readJsonl<BlindQuestion>(await readFile(questionsFile, 'utf8'));
  const chats = readJsonl<Chat>(await readFile(chatsFile, 'utf8'));
  const rows: Array<{ id: string; kind: string; ok: boolean; refused: boolean; text: string; question: string }> = [];
  for (const q of questions) {
    const reply = await respond.single(q.question);
    rows.push({ id: q.id, kind: q.kind, question: q.question, text: reply.text, ...judge(q.kind, q.facts, reply) });
  }
  const chatRows: typeof rows = [];
  for (const chat of chats) {
    const session = respond.chat();
    for (const [i, turn] of chat.turns.entries()) {
      const reply = await session(turn.text);
      chatRows.push({ id: `${chat.id}.${i + 1}`, kind: turn.kind, question: turn.text, text: reply.text, ...judge(turn.kind, turn.facts, reply, turn.must_not ?? []) });
    }
  }
  const out: string[] = ['group          n    ok  refused'];
  const line = (label: string, rs: typeof rows) => {
    out.push(`${label.padEnd(12)} ${String(rs.length).padStart(3)}  ${pct(rs.filter((r) => r.ok).length, rs.length)}  ${pct(rs.filter((r) => r.refused).length, rs.length)}`);
  };
  const answerable = rows.filter((r) => !REFUSE_KINDS.has(r.kind) && r.kind !== 'smalltalk');
  line('answerable', answerable);
  for (const kind of [...new Set(rows.map((r) => r.kind))]) line(kind, rows.filter((r) => r.kind === kind));
  line('chat turns', chatRows);
  const smalltalkNotFound = [...rows, ...chatRows].filter((r) => r.kind === 'smalltalk' && /не нашёл|не нашел/i.test(r.text)).length;
  out.push(`small talk answered «Не нашёл»: ${smalltalkNotFound}`);
  out.push('ok: answerable → answered with the fact(s); nearmiss/offcorpus → refused; smalltalk → a small-talk reply; chat turns likewise, and never the must_not fact');
  if (values.verbose) {
    for (const r of [...rows, ...chatRows].filter((x) => !x.ok)) out.push(`\n✗ ${r.id} [${r.kind}] ${r.question}\n  → ${r.text.slice(0, 240).replace(/\n/g, ' ')}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:blind: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
