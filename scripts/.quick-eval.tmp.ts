import { readFileSync } from 'node:fs';
import { evaluate, type EvalRecord } from '/work/main/src/eval/evaluate.ts';
const load = (f: string): EvalRecord[] => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => { const r = JSON.parse(l); return { text: r.text, lang: r.lang, gold: { label: r.label, sentiment: r.sentiment } }; });
const fmt = (r: any) => `n=${r.n} F1=${r.overall.f1} P=${r.overall.precision} R=${r.overall.recall} macro=${r.overall.macroF1} | ` + Object.entries(r.byLang).map(([l, m]: any) => `${l}:${m.f1}/${m.macroF1}`).join(' ');
const own = await evaluate(load('/work/main/data/labelled/test.jsonl'), 'complaint');
console.log('own test   ', fmt(own));
const real = await evaluate(load('/work/shared/data/real-posts-dev/posts.jsonl'), 'complaint');
console.log('real dev   ', fmt(real)); console.log(JSON.stringify(real.confusion));
if (process.argv[2] !== 'fast') {
const files = ['ar','de','en','es','fr','hi','it','pt'].flatMap((l) => load(`/work/shared/data/sentiment/jsonl/${l}.val.jsonl`));
const s = await evaluate(files, 'sentiment');
console.log('sentiment  ', Object.entries(s.byLang).map(([l, m]: any) => `${l}:${m.macroF1}`).join(' '));
}
