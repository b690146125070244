import { readFileSync } from 'node:fs';
import { LinearClassifier } from '../src/classify/classifier.ts';
import { TextAnalyser } from '../src/classify/analyser.ts';
import { trainModels } from '../src/classify/training.ts';
import { evaluate, type EvalRecord } from '../src/eval/evaluate.ts';
import { trainingPlan } from './train.ts';
const load = (f: string): EvalRecord[] => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => { const r = JSON.parse(l); return { text: r.text, lang: r.lang, gold: { label: r.label, sentiment: r.sentiment } }; });
const own = load('/work/main/data/labelled/test.jsonl'), real = load('/work/shared/data/real-posts-dev/posts.jsonl');
const sent = ['ar','de','en','es','fr','hi','it','pt'].flatMap((l) => load(`/work/shared/data/sentiment/jsonl/${l}.val.jsonl`));
const variants: Record<string, (p: any) => void> = JSON.parse(process.argv[2] ?? '{"base":0}');
for (const name of Object.keys(variants)) {
  const plan = trainingPlan();
  const tweak = new Function('p', String(variants[name] || ''));
  tweak(plan);
  const m = trainModels(plan);
  const c = new LinearClassifier(new TextAnalyser(plan.features), m.complaint, m.sentiment);
  const o = await evaluate(own, 'complaint', c), r = await evaluate(real, 'complaint', c);
  const s = process.env.SENT ? await evaluate(sent, 'sentiment', c) : undefined;
  const worst = Object.entries(o.byLang).map(([l, x]) => `${l}${x.f1.toFixed(2)}`).join(' ');
  console.log(`${name.padEnd(14)} own ${o.overall.f1.toFixed(3)} real ${r.overall.f1.toFixed(3)} (P${r.overall.precision.toFixed(2)} R${r.overall.recall.toFixed(2)} m${r.overall.macroF1.toFixed(2)}) | ${worst}` + (s ? ' | sent ' + Object.entries(s.byLang).map(([l, x]) => `${l}${x.macroF1.toFixed(3)}`).join(' ') : ''));
}
