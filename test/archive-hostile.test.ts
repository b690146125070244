// Property-style test of the archive readers (seeded, so every run reads the same files): random and
// hostile lines are each read as posts or rejected with a reason, nothing crashes or hangs, and the
// records account for every line read.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArchives, type ArchiveRecord } from '../src/sources/archive/index.ts';
import { MAX_RECORD_CHARS } from '../src/sources/archive/lines.ts';
import { MAX_POST_TEXT_CHARS } from '../src/text/cap.ts';
import { rng } from './random-fixtures.ts';

type Rand = () => number;

const SEEDS = [1, 2, 3, 4, 5];
const LINES_PER_FILE = 400;
const TIME = '2021-10-04T15:50:00.000Z';

const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/** Characters a hostile post is made of: letters, zero-width and bidi controls, C0/C1 controls, surrogates, emoji. */
const HOSTILE_CHARS = ['a', 'ü', ' ', ',', ':', '\u200B', '\u200D', '\u202E', '\u2066', '\uFEFF', '\u0000', '\u0007', '\u0085', '\t', '\uD800', '\uDC00', '😢', 'ي', '\\', '{', '['];

function hostileText(rand: Rand, length: number): string {
  let text = 'whats\u200Bapp ';
  while (text.length < length) text += pick(rand, HOSTILE_CHARS);
  return text;
}

const HOSTILE_TIMES: unknown[] = [TIME, 1e20, -1e20, 0, '275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', 'yesterday', '', null, {}, [], true, '9'.repeat(400)];
const HOSTILE_VALUES: unknown[] = [null, 5, -0, 1e308, true, [], {}, '', 'x', [[[[]]]], { text: 'nested' }];

/** One JSONL line: a post, a page, or something hostile; as text or raw bytes (invalid UTF-8). */
function jsonLine(rand: Rand, n: number): string | Buffer {
  const post = (fields: Record<string, unknown> = {}) => JSON.stringify({ id: `p${n}`, source: 'jsonl', text: 'Instagram down', createdAt: TIME, ...fields });
  switch (Math.floor(rand() * 14)) {
    case 0: return post();
    case 1: return post({ text: hostileText(rand, 1 + Math.floor(rand() * 300)) });
    case 2: return post({ text: hostileText(rand, MAX_POST_TEXT_CHARS + Math.floor(rand() * 50_000)) });
    case 3: return post({ text: 'x'.repeat(MAX_RECORD_CHARS + Math.floor(rand() * 1000)) });
    case 4: return Buffer.concat([Buffer.from(`{"id":"p${n}","source":"jsonl","text":"bad `), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from(`","createdAt":"${TIME}"}`)]);
    case 5: return '['.repeat(100_000) + ']'.repeat(100_000);
    case 6: return '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    case 7: return post({ createdAt: pick(rand, HOSTILE_TIMES) });
    case 8: return post({ [pick(rand, ['id', 'text', 'createdAt', 'source', 'author', 'geo', 'place', 'lang'])]: pick(rand, HOSTILE_VALUES) });
    case 9: {
      const tweet = (i: number) => ({ id: `t${n}-${i}`, text: hostileText(rand, 40), author_id: '1', ...(rand() < 0.8 ? { created_at: pick(rand, HOSTILE_TIMES) } : {}) });
      return JSON.stringify({ data: Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, i) => (rand() < 0.1 ? pick(rand, HOSTILE_VALUES) : tweet(i))), includes: { users: pick(rand, HOSTILE_VALUES) } });
    }
    case 10: return post().slice(0, Math.floor(rand() * 40) + 1);
    case 11: return `${post()}\r`;
    case 12: return JSON.stringify({ id: `p${n}`, content: hostileText(rand, 50), created_at: pick(rand, HOSTILE_TIMES), account: pick(rand, [{ acct: 'a' }, ...HOSTILE_VALUES]) });
    default: return hostileText(rand, 1 + Math.floor(rand() * 80)).replaceAll('\n', ' ');
  }
}

/** One CSV row (no line of it empty): quotes only in the text column, so a record's line breaks are its text's. */
function csvRow(rand: Rand, n: number): string {
  const row = (text: string, time = TIME) => `r${n},${time},${text}`;
  switch (Math.floor(rand() * 10)) {
    case 0: return row('Instagram down');
    case 1: return row(`"broken ${hostileText(rand, 20).replace(/[\r\n"]/g, '')}`);
    case 2: return row(`"two\nlines, ""quoted"""`);
    case 3: return row('x'.repeat(MAX_RECORD_CHARS + 10));
    case 4: return row(',,,'.repeat(20_000));
    case 5: return row('ok', pick(rand, ['yesterday', '1e20', '-5', '']));
    case 6: return row(hostileText(rand, 9000).replace(/[\r\n",]/g, ''));
    case 7: return row(`"spans\n${'more\n'.repeat(Math.floor(rand() * 120))}end"`);
    case 8: return 'r,'.repeat(1 + Math.floor(rand() * 4));
    default: return row(hostileText(rand, 60).replace(/[\r\n",]/g, ''));
  }
}

async function read(file: string): Promise<ArchiveRecord[]> {
  const records: ArchiveRecord[] = [];
  for await (const record of readArchives([file])) records.push(record);
  return records;
}

function expectEachRecordSound(records: ArchiveRecord[]): void {
  for (const record of records) {
    if (record.kind === 'malformed') expect(record.reason.length, `line ${record.line}`).toBeGreaterThan(0);
    if (record.kind !== 'post') continue;
    expect(record.post.id.length).toBeGreaterThan(0);
    expect(record.post.text.length).toBeLessThanOrEqual(MAX_POST_TEXT_CHARS);
    expect(Number.isNaN(Date.parse(record.post.createdAt)), record.post.createdAt).toBe(false);
  }
}

describe('hostile archives', () => {
  for (const seed of SEEDS) {
    it(`reads every line of a random hostile JSONL file as posts or a reason, lines adding up (seed ${seed})`, async () => {
      const rand = rng(seed);
      const lines = Array.from({ length: LINES_PER_FILE }, (_, n) => jsonLine(rand, n));
      const file = join(await mkdtemp(join(tmpdir(), 'hostile-')), 'hostile.jsonl');
      await writeFile(file, Buffer.concat(lines.flatMap((line) => [typeof line === 'string' ? Buffer.from(line) : line, Buffer.from('\n')])));

      const records = await read(file);

      expectEachRecordSound(records);
      const seenLines = new Set(records.map((record) => record.line));
      const nonBlank = lines.flatMap((line, i) => (String(line).trim().length > 0 ? [i + 1] : []));
      expect([...seenLines]).toEqual(nonBlank);
      const pageLines = new Set(lines.flatMap((line, i) => (String(line).startsWith('{"data"') ? [i + 1] : [])));
      const singles = records.filter((record) => !pageLines.has(record.line));
      expect(singles.length).toBe(nonBlank.length - pageLines.size);
    }, 60_000);

    it(`reads every line of a random hostile CSV file as a record or a reason, lines adding up (seed ${seed})`, async () => {
      const rand = rng(seed);
      const rows = Array.from({ length: LINES_PER_FILE }, (_, n) => csvRow(rand, n));
      const text = ['id,created_at,text', ...rows].join('\n');
      const file = join(await mkdtemp(join(tmpdir(), 'hostile-')), 'hostile.csv');
      await writeFile(file, text);

      const records = await read(file);

      expectEachRecordSound(records);
      const lines = records.map((record) => record.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      expect(new Set(lines).size).toBe(lines.length);
      // A record covers its first line and one more per line break in its text; the header covers line 1.
      const covered = 1 + records.reduce((sum, r) => sum + 1 + (r.kind === 'post' ? r.post.text.split('\n').length - 1 : 0), 0);
      expect(covered).toBe(text.split('\n').length);
    }, 60_000);
  }
});
