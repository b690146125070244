// Property-based tests (fast-check, fixed seeds so every run tries the same inputs) of the entry points
// beyond the archive readers (those are test/archive-hostile.test.ts): the classifier, the API over real
// HTTP and the `analyse` command take random and hostile input without crashing, and account for it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.ts';
import { loadCatalogue } from '../src/classify/catalogue.ts';
import { LABELS, type Post } from '../src/model/types.ts';
import { createPostClassifier } from '../src/pipeline/classify-post.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { capText, MAX_POST_TEXT_CHARS } from '../src/text/cap.ts';
import { close, listen } from './service-fixtures.ts';

const SEED = 16;
const TIME = '2021-10-04T15:50:00.000Z';

/** Code units a hostile text is made of: controls, zero-width and bidi marks, lone surrogates, a BOM, emoji, RTL letters. */
const HOSTILE_UNITS = ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u00A0', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069', '\u2028', '\u2029', '\uFEFF', '\uFFFD', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '😢', '👨‍👩‍👧', 'ي', 'ש', 'ẞ', 'İ', '\t', '\r', '\n', '#', '@', 'https://'];
const SERVICE_WORDS = ['WhatsApp', 'whats\u200Bapp', 'INSTAGRAM', 'down', 'not working', 'storing', 'ligt eruit', 'geht nicht', '@Twitter', '#outage', 'lol'];

const hostileUnit = fc.oneof(
  fc.constantFrom(...HOSTILE_UNITS),
  fc.constantFrom(...SERVICE_WORDS).map((word) => ` ${word} `),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const hostileText = (maxLength: number) => fc.string({ unit: hostileUnit, maxLength });

/** A hostile text repeated up to `length` code units (fast-check is slow to build 10 000 units one by one). */
const longText = (min: number, max: number) =>
  fc.tuple(hostileText(40), fc.integer({ min, max })).map(([seed, length]) => (seed.length > 0 ? seed : 'x').repeat(Math.ceil(length / Math.max(1, seed.length))).slice(0, length));

const anyText = fc.oneof({ weight: 4, arbitrary: hostileText(300) }, { weight: 1, arbitrary: longText(MAX_POST_TEXT_CHARS - 20, MAX_POST_TEXT_CHARS) });

describe('the classifier on hostile texts', () => {
  const classify = createPostClassifier();
  const serviceIds = new Set(loadCatalogue().services.map((s) => s.id));
  const post = (text: string, lang?: string): Post => ({ id: 'p1', source: 'jsonl', text, createdAt: TIME, ...(lang ? { lang } : {}) });

  function expectSoundVerdict(text: string, lang?: string): void {
    const { verdict } = classify(post(text, lang));
    expect(LABELS).toContain(verdict.label);
    expect(verdict.score).toBeGreaterThanOrEqual(0);
    expect(verdict.score).toBeLessThanOrEqual(1);
    for (const service of verdict.services) expect(serviceIds.has(service), service).toBe(true);
  }

  it('gives every text up to the cap a label, a score in [0, 1] and catalogue services only', () => {
    fc.assert(
      fc.property(anyText, fc.option(fc.constantFrom('en', 'nl', 'de', 'ar', 'he', 'zz', 'xyz')), (text, lang) => expectSoundVerdict(text, lang ?? undefined)),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('classifies a text beyond the cap once it is cut as the entry points cut it', () => {
    fc.assert(
      fc.property(longText(MAX_POST_TEXT_CHARS + 1, 3 * MAX_POST_TEXT_CHARS), (text) => {
        const capped = capText(text);
        expect(capped.length).toBeLessThanOrEqual(MAX_POST_TEXT_CHARS);
        expect(text.startsWith(capped)).toBe(true);
        expectSoundVerdict(capped);
      }),
      { seed: SEED, numRuns: 10 },
    );
  });
});

/** Times as strings and numbers: believable, far in the past or future, and not times at all. */
const hostileTime = fc.oneof(
  fc.constantFrom<unknown>(TIME, new Date().toISOString(), '1970-01-01T00:00:00Z', '2006-03-20T23:59:59Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '2021-02-30T10:00:00Z', 'yesterday', '', ' ', '0', '9'.repeat(400)),
  fc.constantFrom<unknown>(0, -1, 1e20, -1e20, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, 1.5, null),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15) }).map((d) => (Number.isNaN(d.getTime()) ? TIME : d.toISOString())),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
);

/** Something shaped like a post, with any field wrong, missing or hostile. */
const postLike = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant('x'.repeat(300)), fc.jsonValue({ maxDepth: 2 })),
    source: fc.oneof(fc.constantFrom('api', 'jsonl', ' '), fc.jsonValue({ maxDepth: 1 })),
    text: fc.oneof({ weight: 4, arbitrary: hostileText(200) }, { weight: 1, arbitrary: longText(MAX_POST_TEXT_CHARS - 5, MAX_POST_TEXT_CHARS + 5) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
    createdAt: hostileTime,
    lang: fc.oneof(fc.constantFrom('en', 'nl', 'EN', 'und', ''), fc.jsonValue({ maxDepth: 1 })),
    author: fc.oneof(fc.record({ id: fc.string({ maxLength: 5 }), location: hostileText(30), followers: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: ['id'] }), fc.jsonValue({ maxDepth: 2 })),
    geo: fc.oneof(fc.record({ lat: fc.double(), lon: fc.double() }), fc.jsonValue({ maxDepth: 1 })),
    place: fc.oneof(fc.record({ countryCode: fc.string({ maxLength: 3 }), name: hostileText(20) }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 })),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

/** Mostly well-formed posts, so that some are accepted and their times judged. */
const validPost = fc.record({
  id: fc.string({ minLength: 1, maxLength: 12 }).filter((id) => id.trim().length > 0),
  text: hostileText(200).filter((text) => text.length > 0),
  createdAt: fc.oneof(fc.constant(new Date().toISOString()), hostileTime.filter((t): t is string => typeof t === 'string')),
});

const deepNesting = fc.integer({ min: 1, max: 5000 }).map((depth) => `{"posts":[${'['.repeat(depth)}${']'.repeat(depth)}]}`);

/** A request body: JSON text, sometimes not valid JSON at all. */
const classifyBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  postLike.map((v) => JSON.stringify(v)),
  fc.record({ text: anyText, lang: fc.constantFrom('en', 'nl', 'xx') }, { requiredKeys: ['text'] }).map((v) => JSON.stringify(v)),
  fc.record({ posts: fc.oneof(fc.array(fc.oneof(postLike, fc.record({ text: anyText }), fc.jsonValue()), { maxLength: 5 }), fc.jsonValue()) }).map((v) => JSON.stringify(v)),
  longText(MAX_POST_TEXT_CHARS + 1, MAX_POST_TEXT_CHARS + 100).map((text) => JSON.stringify({ text })),
  deepNesting,
  hostileText(50),
);

const postItems = fc.array(fc.oneof(postLike, validPost), { minLength: 1, maxLength: 20 });
const postsBody = fc.oneof(
  { weight: 3, arbitrary: postItems.map((posts) => ({ json: JSON.stringify({ posts }), items: posts })) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ json: JSON.stringify(v), items: undefined })) },
  { weight: 1, arbitrary: fc.record({ posts: fc.jsonValue() }).map((v) => ({ json: JSON.stringify(v), items: undefined })) },
  { weight: 1, arbitrary: deepNesting.map((json) => ({ json, items: undefined })) },
  { weight: 1, arbitrary: hostileText(50).map((json) => ({ json, items: undefined })) },
);

describe('the API over real HTTP on hostile bodies', () => {
  const API_KEY = 'test-key-123456';
  let dataDir: string;
  let service: LiveService;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'or-hostile-'));
    service = await LiveService.open({ dataDir, latenessMs: 0, backoffMs: 10, analyse: (paths) => analyseArchives(paths) });
    ({ server, base } = await listen(createApp(service, { apiKey: API_KEY, writeRateLimit: { max: 100_000 } })));
  });

  afterAll(async () => {
    await close(server);
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function send(path: string, body: string): Promise<{ status: number; body: any }> {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, body: JSON.parse(await res.text()) };
  }

  it('answers POST /v1/classify with 2xx or 4xx and JSON, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(classifyBody, async (body) => {
        const res = await send('/v1/classify', body);
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (res.status === 200) for (const result of res.body.results) expect(LABELS).toContain(result.label);
      }),
      { seed: SEED, numRuns: 200 },
    );
  }, 30_000);

  it('answers POST /v1/posts with 2xx or 4xx and JSON, accepting or rejecting every post it was sent', async () => {
    await fc.assert(
      fc.asyncProperty(postsBody, async ({ json, items }) => {
        const res = await send('/v1/posts', json);
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (items !== undefined && (res.status === 202 || res.body.error?.code === 'invalid_posts')) {
          expect(res.body.accepted + res.body.rejected.length).toBe(items.length);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
    await service.queue.idle();
  }, 30_000);
});

/** One JSONL line that is never blank: a post, a post with hostile fields, or not a post at all. */
const archiveLine = fc
  .oneof(
    validPost.map((post) => JSON.stringify({ ...post, source: 'jsonl', createdAt: TIME })),
    validPost.map((post) => JSON.stringify({ ...post, source: 'jsonl' })),
    postLike.map((post) => JSON.stringify(post)),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    hostileText(80),
  )
  .map((line) => line.replace(/[\r\n]/g, ' '))
  .map((line) => (line.trim().length === 0 ? `x${line}` : line));

const CLI = join(import.meta.dirname, '..', 'src', 'cli.ts');

function analyse(file: string, out: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, 'analyse', file, '--out', out, '--no-progress'], { cwd: join(import.meta.dirname, '..') }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
    });
  });
}

describe('the analyse command on hostile archives', () => {
  it('exits 0 with lines adding up, or 2 with a one-line error, never with a stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'or-hostile-cli-'));
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(archiveLine, { minLength: 1, maxLength: 60 }), async (lines) => {
          run++;
          const file = join(dir, `hostile-${run}.jsonl`);
          const out = join(dir, `report-${run}.json`);
          await writeFile(file, lines.join('\n') + '\n');
          const { code, stderr } = await analyse(file, out);
          expect(stderr).not.toMatch(/^\s+at /m);
          expect([0, 2], stderr).toContain(code);
          if (code === 2) {
            expect(stderr.trim().split('\n')).toHaveLength(1);
            return;
          }
          const { input } = JSON.parse(await readFile(out, 'utf8'));
          expect(input.lines).toBe(lines.length);
          expect(input.parsed + input.malformed + input.duplicates).toBe(input.lines);
          expect(input.analysed + input.outOfRange).toBe(input.parsed);
        }),
        { seed: SEED, numRuns: 4 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 with a one-line error, no stack trace, for a hostile file it cannot read as an archive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'or-hostile-cli-'));
    try {
      const file = join(dir, 'hostile\u202E\u200B.txt');
      await writeFile(file, '{"id":"1"}\n\u0000\uD800\n');
      const { code, stderr } = await analyse(file, join(dir, 'report.json'));
      expect(code, stderr).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
