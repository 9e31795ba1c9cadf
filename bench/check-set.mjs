// Mechanical check of the blind set against data/00*.txt; run from the repo root (read-only).
import fs from 'node:fs';
import path from 'node:path';

const DATA = 'data';
const files = fs.readdirSync(DATA).filter(f => /^00\d_.*\.txt$/.test(f)).sort();
const text = Object.fromEntries(files.map(f => [f, fs.readFileSync(path.join(DATA, f), 'utf8')]));
const LISTING = files.find(f => f.startsWith('001_'));

let errors = 0;
const err = (id, msg) => { errors++; console.log('FAIL', id, msg); };
const count = (hay, needle) => { let n = 0, i = 0; while ((i = hay.indexOf(needle, i)) !== -1) { n++; i += 1; } return n; };

// articles of the listing: title line + body line up to the next title
function articleOf(file, passage) {
  const t = text[file];
  if (file !== LISTING) return t;
  const lines = t.split('\n');
  const isTitle = l => /\d\d\.\d\d\.\d{4}\s*$/.test(l);
  const arts = [];
  let cur = null;
  for (const l of lines) {
    if (isTitle(l)) { cur = [l]; arts.push(cur); } else if (cur) cur.push(l);
  }
  const found = arts.map(a => a.join('\n')).filter(a => a.includes(passage));
  return found.length === 1 ? found[0] : null;
}

function checkAnswerable(id, expect, facts) {
  if (!expect || typeof expect.file !== 'string' || typeof expect.text !== 'string') return err(id, 'expect missing');
  const { file, text: p } = expect;
  if (!text[file]) return err(id, 'no such file ' + file);
  if (p.length < 20 || p.length > 60) err(id, `expect.text length ${p.length}`);
  if (p.includes('\u00a0')) err(id, 'expect.text has NBSP');
  const total = files.reduce((s, f) => s + count(text[f], p), 0);
  if (total !== 1) err(id, `expect.text occurs ${total} times: ${p}`);
  if (count(text[file], p) !== 1) err(id, `expect.text not in ${file}: ${p}`);
  if (!Array.isArray(facts) || facts.length < 1 || facts.length > 2) return err(id, 'facts must be 1-2');
  const art = articleOf(file, p);
  if (art == null) return err(id, 'article not found for ' + p);
  for (const f of facts) {
    if (f.includes('\u00a0')) err(id, 'fact has NBSP ' + f);
    if (!art.toLowerCase().includes(f.toLowerCase())) err(id, `fact "${f}" not in same article/file`);
  }
}

function readJsonl(p) {
  const lines = fs.readFileSync(p, 'utf8').split('\n').filter(l => l.trim());
  return lines.map((l, i) => { try { return JSON.parse(l); } catch { err(p + ':' + (i + 1), 'bad JSON'); return null; } }).filter(Boolean);
}

// The set to check and the counts its brief asked for: `node bench/check-set.mjs bench/blind3`.
const SET = process.argv[2] ?? 'bench/blind3';
const { kinds: KINDS, minQuestions, minDirect, minChats, minKazakhChats } = JSON.parse(fs.readFileSync(path.join(SET, 'counts.json'), 'utf8'));
const QTYPES = ['сколько', 'когда', 'где', 'кто', 'что', 'какой', 'почему', 'как'];
const ANSW = ['typo', 'everyday', 'kazakh', 'direct'];

const qs = readJsonl(path.join(SET, 'questions.jsonl'));
const ids = new Set();
const byKind = {};
for (const q of qs) {
  if (ids.has(q.id)) err(q.id, 'duplicate id'); ids.add(q.id);
  byKind[q.kind] = (byKind[q.kind] || 0) + 1;
  if (!QTYPES.includes(q.qtype)) err(q.id, 'bad qtype ' + q.qtype);
  if (typeof q.question !== 'string' || !q.question.trim()) err(q.id, 'empty question');
  if (ANSW.includes(q.kind)) checkAnswerable(q.id, q.expect, q.facts);
  else if (['nearmiss', 'smalltalk', 'offcorpus'].includes(q.kind)) {
    if (q.expect !== null || q.facts !== null) err(q.id, 'expect/facts must be null');
    if (q.kind === 'nearmiss' && !text[q.topic_file]) err(q.id, 'nearmiss needs topic_file');
  } else err(q.id, 'bad kind ' + q.kind);
}
if (qs.length < minQuestions) err('questions', `fewer than ${minQuestions}: ${qs.length}`);
for (const [k, n] of Object.entries(KINDS)) if (byKind[k] !== n) err('questions', `kind ${k}: ${byKind[k]} != ${n}`);
if ((byKind.direct || 0) < minDirect) err('questions', `direct < ${minDirect}`);

// spread: every file used by answerable questions; many 001 articles
const usedFiles = new Set(qs.filter(q => q.expect).map(q => q.expect.file));
for (const f of files) if (!usedFiles.has(f)) err('spread', 'file unused ' + f);
const arts001 = new Set(qs.filter(q => q.expect && q.expect.file === LISTING).map(q => articleOf(LISTING, q.expect.text)?.split('\n')[0]));

const chats = readJsonl(path.join(SET, 'chats.jsonl'));
const cids = new Set();
let kazChats = 0;
for (const c of chats) {
  if (cids.has(c.id)) err(c.id, 'duplicate chat id'); cids.add(c.id);
  if (!Array.isArray(c.turns) || c.turns.length < 2 || c.turns.length > 4) err(c.id, 'turns must be 2-4');
  let kaz = false;
  c.turns.forEach((t, i) => {
    const tid = `${c.id}.t${i + 1}`;
    if (/[әғқңөұүһі]/i.test(t.text)) kaz = true;
    if (t.expect) checkAnswerable(tid, t.expect, t.facts);
    else {
      if (t.facts !== null) err(tid, 'facts must be null when expect null');
      if (!['nearmiss', 'smalltalk'].includes(t.kind)) err(tid, 'null expect needs nearmiss/smalltalk');
      if (t.kind === 'nearmiss' && !(Array.isArray(t.must_not) && t.must_not.length)) err(tid, 'nearmiss turn needs must_not');
    }
    if (t.must_not) {
      // must_not figures must come from earlier turns' facts
      const earlier = c.turns.slice(0, i).flatMap(x => x.facts || []).join(' | ').toLowerCase();
      for (const m of t.must_not) if (!earlier.includes(m.toLowerCase().split(' ')[0])) err(tid, 'must_not not from earlier turn: ' + m);
    }
  });
  if (kaz) kazChats++;
}
if (chats.length < minChats) err('chats', `fewer than ${minChats}`);
if (kazChats < minKazakhChats) err('chats', `fewer than ${minKazakhChats} kazakh/mixed chats`);

console.log('questions:', qs.length, JSON.stringify(byKind));
console.log('001 articles used by questions:', arts001.size);
console.log('chats:', chats.length, 'kazakh/mixed:', kazChats, 'turns:', chats.reduce((s, c) => s + c.turns.length, 0));
console.log(errors ? `CHECK FAILED: ${errors} error(s)` : 'CHECK PASSED');
process.exit(errors ? 1 : 0);
