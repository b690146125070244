import { readFileSync } from 'node:fs';
import { loadClassifier } from '../src/classify/classifier.ts';
const c = loadClassifier();
const file = process.argv[2];
for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
  const r = JSON.parse(line);
  const v = c.classify({ text: r.text, lang: r.lang });
  if (v.label !== r.label && (r.label === 'complaint' || v.label === 'complaint' || process.argv[3] === 'all')) console.log(`${r.lang} gold=${r.label} got=${v.label} p=${v.score} | ${r.text.slice(0, 110)} | ${v.why.join(', ')} [${v.services}]`);
}
