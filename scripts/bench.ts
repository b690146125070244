// `npm run bench`: throughput and latency figures on this machine, printed as a table.
// Sections: JSON-parse ceiling and batch analysis on a generated archive of >= 1M posts, peak RSS
// of the batch analysis on that archive and on one of half its size, classification alone (and
// `compromise` on every post as the naive peer), queue throughput through BullMQ on Redis, API
// latency under load from a second process (after the replay; during the demo's burst beside a bare
// Node server answering the same bytes), a soak of ingest plus reads, and the embedded store's saves
// during the demo's replay. Only 127.0.0.1 is contacted.
// `npm run bench -- burst soak` runs the named sections only.
import { existsSync, readdirSync, readFileSync, createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { createQueue } from '../src/queue/create-queue.ts';
import { availableParallelism, tmpdir } from 'node:os';
import { analyseArchives } from '../src/batch/analyse.ts';
import { readArchives } from '../src/sources/archive/index.ts';
import { loadClassifier } from '../src/classify/classifier.ts';
import { EmbeddedStore, type PersistenceStats } from '../src/aggregate/embedded-store.ts';
import { LiveService } from '../src/live/live-service.ts';
import { demoSource, sampleArchives } from '../src/live/demo.ts';
import { sleep } from '../src/util/timing.ts';
import nlp from 'compromise';

const args = new Set(process.argv.slice(2));
const scale = Number(process.env.BENCH_SCALE ?? 16);
const benchDir = process.env.BENCH_DIR ?? join(tmpdir(), `outage-radar-bench-s${scale}`);

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
}

/** The generated bench archive at a scale (16 = ~1M posts), generated the first time into its own folder. */
function archiveFiles(atScale = scale): string[] {
  const dir = atScale === scale ? benchDir : join(tmpdir(), `outage-radar-bench-s${atScale}`);
  if (!existsSync(dir) || readdirSync(dir).filter((f) => f.endsWith('.jsonl')).length === 0) {
    process.stderr.write(`generating the bench archive (scale ${atScale}) in ${dir} ...\n`);
    const r = spawnSync(
      'npx',
      ['tsx', 'scripts/generate-sample.ts', '--seed', '7', '--scale', String(atScale), '--out', dir, '--formats', 'twitter,mastodon', '--no-gzip'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('the sample generator failed; see above');
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join(dir, f));
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
  const cpu = process.cpuUsage();
  const report = await analyseArchives(files);
  const { user, system } = process.cpuUsage(cpu);
  const e2e = report.input.parsed / report.timing.seconds;
  line('JSON.parse alone, one thread (the parsing ceiling)', `${Math.round(parse.posts / parse.seconds).toLocaleString('en')} posts/s (${parse.lines.toLocaleString('en')} lines, ${parse.posts.toLocaleString('en')} posts, ${parse.seconds.toFixed(2)} s)`);
  line('archive readers alone (posts/s)', `${Math.round(posts / readSeconds).toLocaleString('en')} posts/s (${posts.toLocaleString('en')} posts, ${readSeconds.toFixed(2)} s)`);
  line('batch analysis end to end (posts/s)', `${Math.round(e2e).toLocaleString('en')} posts/s (${report.input.parsed.toLocaleString('en')} posts, ${report.timing.seconds.toFixed(2)} s; target >= 100,000)`);
  // CPU time of all threads: less sensitive than wall time to a shared machine's ups and downs.
  line('  CPU time of the analysis (all threads)', `${((user + system) / 1e6).toFixed(1)} s (${(((user + system) / report.input.parsed)).toFixed(1)} µs per post), on ${availableParallelism()} cores`);
  const phases = report.timing.phases;
  if (phases) line('  phases: reading+classifying+counting, detection', `${phases.reading.toFixed(2)} s, ${phases.detection.toFixed(2)} s`);
  line('  end-to-end rate / parsing ceiling', `${((e2e / (parse.posts / parse.seconds)) * 100).toFixed(0)} % (analysis on ${availableParallelism()} worker threads, parse ceiling on one)`);
  line('  incidents found', `${report.incidents.filter((i) => i.region === 'GLOBAL').map((i) => i.service).join(', ') || 'none'}`);
}

/**
 * Peak RSS of the batch analysis, each run in a process of its own (scripts/batch-memory.ts), on the
 * bench archive and on one of half its scale: how memory grows with the archive. Target: under 1 GB
 * on ~1M posts, growing sub-linearly.
 */
async function memorySection(): Promise<void> {
  const runs: { posts: number; seconds: number; cpuSeconds: number; peakRssMb: number }[] = [];
  for (const workers of ['0', 'default']) {
    for (const atScale of [scale / 2, scale]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/batch-memory.ts', workers, ...archiveFiles(atScale)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`batch-memory.ts failed: ${r.stderr}`);
      const run = JSON.parse(r.stdout.trim().split('\n').pop()!) as (typeof runs)[number];
      runs.push(run);
      line(
        `batch analysis peak RSS, scale ${atScale}, workers ${workers === 'default' ? availableParallelism() : workers}`,
        `${Math.round(run.peakRssMb).toLocaleString('en')} MB (${run.posts.toLocaleString('en')} posts, CPU ${run.cpuSeconds.toFixed(1)} s, ${run.seconds.toFixed(1)} s; target < 1,000 MB at ~1M)`,
      );
    }
    const [half, full] = runs.slice(-2);
    line('  peak RSS ratio, full / half archive', `${(full.peakRssMb / half.peakRssMb).toFixed(2)} for ${(full.posts / half.posts).toFixed(2)} times the posts`);
  }
}

async function classifySection(): Promise<void> {
  const files = archiveFiles();
  // Every fifth post of the whole archive, not its first 200k: those would be the Mastodon file's (read
  // first), whose posts are cheaper to classify than the Twitter ones that make up 88 % of the archive.
  const sample: { text: string; lang?: string }[] = [];
  let seen = 0;
  for await (const record of readArchives(files)) {
    if (record.kind === 'post' && seen++ % 5 === 0) sample.push({ text: record.post.text, lang: record.post.lang });
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

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function start(args: string[], env: Record<string, string>): ChildProcess {
  // node itself (not npx) so that SIGTERM reaches the process that holds the port.
  return spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

function stopAll(children: ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}

/** Posts/s through BullMQ on Redis: one ingest worker replaying an archive, two classify workers counting into Redis. */
async function queueSection(): Promise<void> {
  const file = archiveFiles().find((f) => f.includes('mastodon'))!;
  const run = `bench-${Date.now()}`;
  const env = { REDIS_URL, QUEUE_NAME: run, QUEUE_PREFIX: `or-bench:${run}`, STORE_PREFIX: `or-bench:${run}:`, BATCH_SIZE: '1000', DATA_DIR: join(tmpdir(), run) };
  const classifiers = [start(['workers/classify.ts'], env), start(['workers/classify.ts'], env)];
  await Promise.all(classifiers.map((c) => waitForLine(c, /consuming queue/, 60_000)));
  const queue = await createQueue({ redisUrl: REDIS_URL, name: run, prefix: env.QUEUE_PREFIX });
  const ingest = start(['workers/ingest.ts'], { ...env, REPLAY_PATHS: file });
  let published = 0;
  ingest.stderr?.on('data', (chunk: Buffer) => {
    const m = /: (\d+) posts published/.exec(chunk.toString());
    if (m) published = Number(m[1]);
  });
  const exited = new Promise((resolve) => ingest.once('exit', resolve));
  // The clock starts when the ingest worker starts reading: loading a process (~1 s of TypeScript
  // on this machine) is not queue throughput.
  await waitForLine(ingest, /reading /, 60_000);
  const t0 = performance.now();
  await exited;
  for (;;) {
    const depth = await queue.depth();
    if (depth.waiting + depth.active + depth.failed === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - t0) / 1000;
  const dead = (await queue.depth()).deadLettered;
  await queue.close();
  await stopAll(classifiers);
  const redis = new Redis(REDIS_URL);
  for (const prefix of [env.QUEUE_PREFIX, env.STORE_PREFIX]) {
    const keys = await redis.keys(`${prefix}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  }
  await redis.quit();
  line('BullMQ on Redis, 1 ingest + 2 classify workers (posts/s)', `${Math.round(published / seconds).toLocaleString('en')} posts/s (${published.toLocaleString('en')} posts in ${seconds.toFixed(1)} s, ${dead} dead-lettered; target >= 20,000)`);
}

/** API latency under open-loop load from a second process, on a service holding the bundled sample. */
async function apiSection(): Promise<void> {
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const dataDir = join(tmpdir(), `or-bench-api-${Date.now()}`);
  const server = start(['src/cli.ts', 'serve', '--no-demo'], {
    PORT: port,
    DATA_DIR: dataDir,
    REPLAY_PATHS: 'data/sample',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  try {
    await waitForLine(server, /listening|http:\/\//, 60_000);
    // Wait until the replay has been counted, the detector has closed its minutes, and what they
    // changed has been saved: both counters and the store's files (snapshot, journal) stand still over a save interval.
    // What is measured is then the service answering while no data comes in; the one-off save of
    // the replayed day (a 24 MB rewrite) is not in the window. See docs/api.md, "Latency".
    let last = '';
    for (;;) {
      await new Promise((r) => setTimeout(r, 6000));
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
      const total = (name: string) =>
        [...metrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
      const saved = statSync(join(dataDir, 'store.json'), { throwIfNoEntry: false });
      const journal = statSync(join(dataDir, 'store.journal'), { throwIfNoEntry: false });
      const now = `${total('outage_radar_posts_classified_total')}/${total('outage_radar_detector_minutes_total')}/${saved?.mtimeMs ?? 0}/${journal?.mtimeMs ?? 0}`;
      if (!now.startsWith('0/') && saved && now === last) break;
      last = now;
    }
    for (const [name, path] of [
      ['/v1/outages', '/v1/outages'],
      ['/v1/services/:id/signal', '/v1/services/whatsapp/signal?from=2021-10-04T15:00:00Z&to=2021-10-04T17:00:00Z'],
    ]) {
      // A warm-up that is not measured: JIT, caches, and V8's memory reducer, which shrinks the heap
      // (~450 -> ~150 MB) with a few full collections some 10 s after the replay's allocations stop.
      spawnSync('npx', ['tsx', 'scripts/load.ts', '--port', port, '--rate', '2000', '--seconds', '15', path], { encoding: 'utf8' });
      const load = spawnSync('npx', ['tsx', 'scripts/load.ts', '--port', port, '--rate', '2000', '--seconds', '10', path], { encoding: 'utf8' });
      if (load.status !== 0) throw new Error(`load generator failed: ${load.stderr}`);
      const r = JSON.parse(load.stdout.trim().split('\n').pop()!) as { ok: number; errors: number; rate: number; p50Ms: number; p99Ms: number };
      line(`API ${name} at 2,000 req/s (p50 / p99)`, `${r.p50Ms.toFixed(2)} ms / ${r.p99Ms.toFixed(2)} ms (${Math.round(r.rate)} ok/s, ${r.errors} errors; target p99 < 5 ms)`);
    }
  } finally {
    await stopAll([server]);
  }
}

interface LoadRun {
  ok: number;
  errors: number;
  rate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

const LOAD_RATE = 2000;
const OUTAGES_PATH = '/v1/outages';
const SIGNAL_PATH = '/v1/services/whatsapp/signal?from=2021-10-04T15:00:00Z&to=2021-10-04T17:00:00Z';

function loadArgs(port: string, seconds: number, paths: string[]): string[] {
  return ['--import', 'tsx', 'scripts/load.ts', '--port', port, '--rate', String(LOAD_RATE), '--seconds', String(seconds), ...paths];
}

function parseLoad(stdout: string): LoadRun {
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadRun;
}

/** One open-loop run of scripts/load.ts from its own process, waited for. */
function loadOnce(port: string, seconds: number, paths: string[]): LoadRun {
  const r = spawnSync(process.execPath, loadArgs(port, seconds, paths), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`load generator failed: ${r.stderr}`);
  return parseLoad(r.stdout);
}

function freePort(): string {
  return String(20_000 + Math.floor(Math.random() * 20_000));
}

function range(values: number[], digits = 1): string {
  if (values.length === 0) return 'none';
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Reads while the demo replays the sample's burst (`npm start`, embedded default): windows of
 * BENCH_WINDOW_SECONDS (default 5) at 2,000 req/s, alternating between the service and a bare Node
 * server answering the same bytes (scripts/bare-server.ts), route after route, for as long as the
 * replay runs (at most BENCH_BURST_SECONDS, default 120). Both share the machine with the replay
 * in the same way; the target is the service's p99 within 2x of the bare server's.
 */
async function burstSection(): Promise<void> {
  const port = freePort();
  const barePort = String(Number(port) + 1);
  const windowSeconds = Number(process.env.BENCH_WINDOW_SECONDS ?? 5);
  const budgetMs = Number(process.env.BENCH_BURST_SECONDS ?? 120) * 1000;
  const server = start(['src/cli.ts', 'serve'], { PORT: port, DATA_DIR: join(tmpdir(), `or-bench-burst-${Date.now()}`), RATE_LIMIT_PER_MINUTE: '100000000' });
  let ended = false;
  server.stderr?.on('data', (chunk: Buffer) => {
    if (/ended after \d+ posts/.test(chunk.toString())) ended = true;
  });
  const bare: ChildProcess[] = [];
  try {
    await waitForLine(server, /replaying the bundled sample/, 120_000);
    const replayStarted = performance.now();
    const routes: Array<[string, string]> = [['/v1/outages', OUTAGES_PATH], ['/v1/services/:id/signal', SIGNAL_PATH]];
    bare.push(start(['scripts/bare-server.ts', '--port', barePort, '--from', `http://127.0.0.1:${port}`, ...routes.map(([, path]) => path)], {}));
    await waitForLine(bare[0], /listening/, 60_000);
    const runs = new Map<string, { service: LoadRun[]; bare: LoadRun[] }>(routes.map(([name]) => [name, { service: [], bare: [] }]));
    let windows = 0;
    while (!ended && performance.now() - replayStarted < budgetMs) {
      for (const [name, path] of routes) {
        for (const target of ['service', 'bare'] as const) {
          if (ended) break;
          runs.get(name)![target].push(loadOnce(target === 'service' ? port : barePort, windowSeconds, [path]));
          windows++;
        }
      }
    }
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    line('reads during the burst replay (npm start demo)', `${windows} windows of ${windowSeconds} s in ${replaySeconds.toFixed(0)} s of replay${ended ? '' : ' (replay still running at the end)'}`);
    for (const [name, { service, bare: floor }] of runs) {
      const errors = service.reduce((sum, r) => sum + r.errors, 0);
      line(`  ${name} p99, service (${service.length} windows)`, `${range(service.map((r) => r.p99Ms))} ms (p50 ${range(service.map((r) => r.p50Ms), 2)} ms, max ${range(service.map((r) => r.maxMs), 0)} ms, ${errors} errors)`);
      line(`  ${name} p99, bare Node server (${floor.length} windows)`, `${range(floor.map((r) => r.p99Ms))} ms (p50 ${range(floor.map((r) => r.p50Ms), 2)} ms, max ${range(floor.map((r) => r.maxMs), 0)} ms)`);
      const ratios = service.slice(0, floor.length).map((r, i) => r.p99Ms / floor[i].p99Ms);
      const ofMedians = median(service.map((r) => r.p99Ms)) / median(floor.map((r) => r.p99Ms));
      line(`  ${name} p99 service / bare`, `median p99 / median p99 ${ofMedians.toFixed(2)}; window by window ${range(ratios, 2)}, median ${median(ratios).toFixed(2)} (target <= 2)`);
    }
  } finally {
    await stopAll([server, ...bare]);
  }
}

/** Resident memory of a process (MB), from /proc. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Posts taken in by a service so far (all sources), from its /metrics. */
async function postsReceived(port: string): Promise<number> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
  return [...metrics.matchAll(/^outage_radar_posts_received_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/**
 * Soak: a service ingesting the sample's day replayed over the soak (timestamps of now), read at
 * 2,000 req/s over both routes for BENCH_SOAK_SECONDS (default 90, at most 120); RSS and posts taken
 * in sampled every 5 s. The store keeps every post's dedupe claim for 2 days and its buckets for 14:
 * RSS is expected to follow the posts taken in, and nothing else.
 */
async function soakSection(): Promise<void> {
  const seconds = Math.min(Number(process.env.BENCH_SOAK_SECONDS ?? 90), 120);
  const port = freePort();
  const speed = Math.ceil(86_400 / seconds);
  const server = start(['src/cli.ts', 'serve', '--no-demo'], {
    PORT: port,
    DATA_DIR: join(tmpdir(), `or-bench-soak-${Date.now()}`),
    REPLAY_PATHS: 'data/sample',
    REPLAY_SPEED: String(speed),
    REPLAY_TIMESTAMPS: 'wallclock',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  try {
    await waitForLine(server, /listening/, 60_000);
    const paths = ['/v1/outages', '/v1/services/whatsapp/signal'];
    for (const path of paths) await fetch(`http://127.0.0.1:${port}${path}`, { headers: { connection: 'close' } });
    const samples: Array<{ rss: number; posts: number }> = [];
    const sample = async () => samples.push({ rss: rssMb(server.pid!), posts: await postsReceived(port) });
    await sample();
    const sampler = setInterval(() => void sample(), 5000);
    const load = spawn(process.execPath, loadArgs(port, seconds, paths), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    load.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => load.once('exit', resolve));
    clearInterval(sampler);
    await sample();
    if (code !== 0) throw new Error('load generator failed in the soak');
    const r = parseLoad(out);
    const first = samples[0];
    const last = samples[samples.length - 1];
    const third = Math.max(1, Math.floor(samples.length / 3));
    const early = Math.max(...samples.slice(0, third).map((s) => s.rss));
    const late = Math.max(...samples.slice(-third).map((s) => s.rss));
    line(`soak: ${seconds} s of ingest (the sample's day at ${speed}x) + reads at ${LOAD_RATE} req/s`, `${last.posts.toLocaleString('en')} posts taken in, ${r.ok.toLocaleString('en')} reads ok, ${r.errors} errors (${((r.errors / Math.max(1, r.ok + r.errors)) * 100).toFixed(3)} %)`);
    line('  soak latency p50 / p90 / p99 / max', `${r.p50Ms.toFixed(2)} / ${r.p90Ms.toFixed(2)} / ${r.p99Ms.toFixed(2)} / ${r.maxMs.toFixed(0)} ms`);
    line('  soak RSS every 5 s (MB)', samples.map((s) => Math.round(s.rss)).join(' '));
    line('  soak posts taken in every 5 s (thousands)', samples.map((s) => (s.posts / 1000).toFixed(1)).join(' '));
    line('  soak RSS, peak of the first third -> of the last third', `${Math.round(early)} -> ${Math.round(late)} MB; ${(((last.rss - first.rss) * 1024) / Math.max(1, last.posts - first.posts)).toFixed(1)} KB per post taken in`);
  } finally {
    await stopAll([server]);
  }
}

/**
 * The embedded store's saves (its 5 s timer) while the demo replays the sample (the live service in
 * this process, without HTTP) for BENCH_STORE_SECONDS (default 150: the quiet hours, then the burst):
 * bytes and duration of each journal append and of each full snapshot (written once the journal
 * outgrows the snapshot, and at close). Before the journal, every save was a full snapshot.
 */
async function storeSection(): Promise<void> {
  const seconds = Number(process.env.BENCH_STORE_SECONDS ?? 150);
  const dataDir = join(tmpdir(), `or-bench-store-${Date.now()}`);
  const service = await LiveService.open({ dataDir, storeDir: join(dataDir, 'demo'), classifyInProcess: true, analyse: async () => undefined });
  const store = service.store;
  if (!(store instanceof EmbeddedStore)) throw new Error('the store section needs the embedded store: unset REDIS_URL');
  const demo = await demoSource(await sampleArchives());
  if (demo === undefined) throw new Error('the store section replays data/sample, which holds no posts here');
  const saves: Array<NonNullable<PersistenceStats['lastSave']>> = [];
  let counted = 0;
  const watch = setInterval(() => {
    const { snapshots, journalAppends, lastSave } = store.persistence();
    if (snapshots + journalAppends !== counted && lastSave) saves.push(lastSave);
    counted = snapshots + journalAppends;
  }, 50);
  service.start([demo]);
  await sleep(seconds * 1000);
  clearInterval(watch);
  const atEnd = store.persistence();
  await service.stop();
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  const summary = (kind: 'journal' | 'snapshot') => {
    const of = saves.filter((s) => s.kind === kind);
    if (of.length === 0) return 'none';
    return `${of.length}; MB median ${mb(median(of.map((s) => s.bytes)))}, max ${mb(Math.max(...of.map((s) => s.bytes)))}; ms median ${median(of.map((s) => s.ms)).toFixed(0)}, max ${Math.max(...of.map((s) => s.ms)).toFixed(0)}`;
  };
  const written = saves.reduce((sum, s) => sum + s.bytes, 0);
  line(`embedded store saves, demo replay (${seconds} s, in process)`, `${saves.length} saves, ${mb(written)} MB written, ${mb(written / Math.max(1, saves.length))} MB per save`);
  line('  journal appends', summary('journal'));
  line('  full snapshots (journal as large as the snapshot)', summary('snapshot'));
  line('  on disk at the end: snapshot + journal (MB)', `${mb(atEnd.snapshotBytes)} + ${mb(atEnd.journalBytes)}`);
}

const sections: [string, () => Promise<void>][] = [
  ['batch', batchSection],
  ['memory', memorySection],
  ['classify', classifySection],
  ['queue', queueSection],
  ['api', apiSection],
  ['burst', burstSection],
  ['soak', soakSection],
  ['store', storeSection],
];
for (const [name, run] of sections) {
  if (args.size > 0 && !args.has(name)) continue;
  await run();
}
