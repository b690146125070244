import { readFileSync } from 'node:fs';
import { loadClassifier } from '../src/classify/classifier.ts';
const c = loadClassifier();
const posts = ['en','de','es','fr','it','pt','ar','hi'].flatMap((l) => readFileSync(`/work/shared/data/sentiment/jsonl/${l}.val.jsonl`, 'utf8').split('\n').filter(Boolean).map((x) => JSON.parse(x).text as string));
posts.push(...readFileSync('/work/main/data/labelled/test.jsonl','utf8').split('\n').filter(Boolean).map((x) => JSON.parse(x).text as string));
for (let r = 0; r < 6; r++) {
  const t0 = process.hrtime.bigint(); let n = 0;
  for (let k = 0; k < 10; k++) for (const text of posts) { c.classify({ text }); n++; }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${n} posts, ${(n / s).toFixed(0)} posts/s, ${(1e6 * s / n).toFixed(1)} µs/post, avg len ${(posts.reduce((a, p) => a + p.length, 0) / posts.length).toFixed(0)}`);
}
