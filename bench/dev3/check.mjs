// Mechanical check of the dev set against data/00*.txt; run from the repo root (read-only).
import fs from 'node:fs';
import path from 'node:path';
const D='data';
const files=fs.readdirSync(D).filter(f=>/^00.*\.txt$/.test(f));
const txt={};for(const f of files)txt[f]=fs.readFileSync(path.join(D,f),'utf8');
// split 001 listing into articles: title line ending with dd.mm.yyyy + following lines until next title
function articles(s){const L=s.split('\n');const arts=[];let cur=null;
  for(const l of L){ if(/\d{2}\.\d{2}\.\d{4}\s*$/.test(l)&&l.length<500){cur={title:l,text:l+'\n'};arts.push(cur);} else if(cur) cur.text+=l+'\n'; }
  return arts;}
const A001=articles(txt[files.find(f=>f.startsWith('001'))]);
const count=(h,n)=>{let c=0,i=0;while((i=h.indexOf(n,i))!==-1){c++;i++;}return c;};
const lines=fs.readFileSync(process.argv[2]||'bench/dev3/questions.jsonl','utf8').trim().split('\n');
let bad=0;const kinds={},ids=new Set();const KINDS=['typo','everyday','kazakh','nearmiss','smalltalk','offcorpus','direct'];
for(const [i,l] of lines.entries()){let q;try{q=JSON.parse(l)}catch{console.log('BAD JSON line',i+1);bad++;continue;}
  const err=m=>{console.log(q.id,m,'|',q.question);bad++;};
  if(ids.has(q.id))err('dup id');ids.add(q.id);
  if(!KINDS.includes(q.kind))err('bad kind');
  kinds[q.kind]=(kinds[q.kind]||0)+1;
  if(['nearmiss','smalltalk','offcorpus'].includes(q.kind)){
    if(q.expect!==null||q.facts!==null)err('expect/facts must be null');
    if(q.kind==='nearmiss'&&!txt[q.topic_file])err('bad topic_file');
    continue;}
  const e=q.expect; if(!e||!txt[e.file]){err('bad expect file');continue;}
  if(e.text.length<20||e.text.length>60)err('text len '+e.text.length);
  if(/\u00a0/.test(e.text))err('NBSP in text');
  const tot=files.reduce((s,f)=>s+count(txt[f],e.text),0);
  if(tot!==1)err('text occurs '+tot+' times total');
  if(count(txt[e.file],e.text)!==1)err('text not once in its file');
  let scope=txt[e.file];
  if(e.file.startsWith('001')){const a=A001.filter(a=>a.text.includes(e.text));if(a.length!==1)err('article match '+a.length);else scope=a[0].text;}
  if(!Array.isArray(q.facts)||!q.facts.length)err('no facts');
  else for(const f of q.facts){if(/\u00a0/.test(f))err('NBSP in fact '+f);if(!scope.includes(f))err('fact not in scope: '+f);}
}
console.log('articles in 001:',A001.length);console.log('kinds',kinds,'total',lines.length,'problems',bad);
