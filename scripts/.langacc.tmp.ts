import { readFileSync } from 'node:fs';
import { detectLanguage } from '../src/text/language.ts';
const files = ['/work/main/data/labelled/test.jsonl', '/work/shared/data/real-posts-dev/posts.jsonl', ...['de','en','es','fr','it','pt','ar','hi'].map((l) => `/work/shared/data/sentiment/jsonl/${l}.val.jsonl`)];
for (const f of files) {
  const rows = readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ok = rows.filter((r) => detectLanguage(r.text) === r.lang).length;
  const wrong: Record<string, number> = {};
  for (const r of rows) { const d = detectLanguage(r.text); if (d !== r.lang) wrong[d] = (wrong[d] ?? 0) + 1; }
  console.log(f.split('/').slice(-2).join('/'), (ok / rows.length).toFixed(3), JSON.stringify(wrong));
}
