import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ArchiveError,
  expandInputs,
  readArchive,
  readArchiveBatches,
  readArchives,
  type ArchiveRecord,
  type ReadOptions,
} from '../src/sources/archive/index.ts';
import { MAX_QUOTED_LINES } from '../src/sources/archive/csv.ts';
import { MAX_RECORD_CHARS } from '../src/sources/archive/lines.ts';
import { MAX_POST_TEXT_CHARS } from '../src/text/cap.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/archive');
const fixture = (name: string) => join(FIXTURES, name);

async function collect(paths: string | string[], opts?: ReadOptions): Promise<ArchiveRecord[]> {
  const records: ArchiveRecord[] = [];
  for await (const record of readArchives(Array.isArray(paths) ? paths : [paths], opts)) records.push(record);
  return records;
}

const posts = (records: ArchiveRecord[]) => records.flatMap((r) => (r.kind === 'post' ? [r.post] : []));
const problems = (records: ArchiveRecord[]) =>
  records.flatMap((r) => (r.kind === 'malformed' ? [`${r.line}: ${r.reason}`] : r.kind === 'duplicate' ? [`${r.line}: duplicate ${r.key}`] : []));

describe('JSONL archives', () => {
  it('reads project posts with their line numbers, normalising time and language', async () => {
    const records = await collect(fixture('posts.jsonl'));
    expect(records.filter((r) => r.kind === 'post').map((r) => [r.line, r.kind === 'post' && r.post.id])).toEqual([
      [1, 'p1'],
      [2, 'p2'],
      [4, 'p3'],
    ]);
    expect(posts(records)[1].createdAt).toBe('2024-03-05T14:03:20.000Z');
    expect(posts(records)[2]).toMatchObject({ createdAt: '2024-03-05T13:05:00.000Z', lang: 'nl' });
  });

  it('reports each malformed line and each duplicate with its line number and reason', async () => {
    expect(problems(await collect(fixture('posts.jsonl')))).toEqual([
      '5: field "createdAt" is missing',
      '6: duplicate api:p1',
      '7: field "createdAt" is not a valid date: "yesterday-ish"',
      expect.stringMatching(/^8: invalid JSON: /),
      '9: expected a JSON object, got an array',
      '10: unknown shape: no "text" or "content" field (keys: user, message)',
    ]);
  });

  it('maps Mastodon statuses, counting a boost of a status already seen as a duplicate', async () => {
    const records = await collect(fixture('mastodon.jsonl'));
    expect(posts(records).map((p) => [p.source, p.author?.id, p.text])).toEqual([
      ['mastodon', 'anna@mastodon.social', 'Ist #GitHub gerade down? Push geht nicht & Actions hängen😢'],
    ]);
    expect(problems(records)).toEqual(['2: duplicate mastodon:https://mastodon.social/users/anna/statuses/112000000000000001']);
  });

  it('maps Jetstream post creations and skips likes, deletes and identity events', async () => {
    const records = await collect(fixture('jetstream.jsonl'));
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['post', 1],
      ['post', 5],
    ]);
    expect(posts(records)[1]).toMatchObject({ id: 'did:plc:ragtjsm2j2vknwkz3zp4oxrd/3kmv2bbqalk2a', lang: 'pt', createdAt: '2024-03-05T14:20:04.000Z' });
  });
});

describe('JSON archives', () => {
  it('reads a Twitter search response page, resolving users and places from its includes', async () => {
    const records = await collect(fixture('tweets-page.json'));
    expect(posts(records)).toEqual([
      {
        id: '1765000000000000001', source: 'twitter', text: "Is Instagram down? Feed won't load", createdAt: '2024-03-05T14:10:00.000Z', lang: 'en',
        author: { id: '42', location: 'London', followers: 250 }, place: { countryCode: 'GB', name: 'London, England' },
        geo: { lat: 51.5072, lon: -0.1276 }, url: 'https://x.com/londoner/status/1765000000000000001',
      },
      {
        id: '1765000000000000002', source: 'twitter', text: 'https://t.co/abc', createdAt: '2024-03-05T14:11:00.000Z',
        author: { id: '43' }, url: 'https://x.com/quiet/status/1765000000000000002',
      },
    ]);
    expect(records.every((r) => r.line === 1)).toBe(true);
  });

  it('rejects only the bad tweet of a search page line, by line, index and id, and keeps the other tweets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'page.jsonl');
    const tweet = (id: string) => ({ id, text: `Instagram down ${id}`, created_at: '2021-10-04T15:50:00.000Z', author_id: '7' });
    const { created_at: _, ...untimed } = tweet('12');
    await writeFile(file, `${JSON.stringify({ data: [tweet('11'), untimed, tweet('13')], includes: { users: [] } })}\n`);
    const records = await collect(file);
    expect(posts(records).map((p) => p.id)).toEqual(['11', '13']);
    expect(problems(records)).toEqual(['1: data[1] (tweet 12): field "created_at" is missing (request tweet.fields=created_at)']);
  });

  it('streams a top-level array element by element, with brackets and quotes inside strings', async () => {
    const records = await collect(fixture('posts-array.json'));
    expect(posts(records).map((p) => p.text)).toEqual([
      'KPN internet storing in Utrecht, {brackets} and "quotes" inside',
      'Ziggo ook plat [?]',
      'ING app geeft foutmelding',
    ]);
    expect(problems(records)).toEqual([expect.stringMatching(/^4: invalid JSON: /)]);
  });

  it('reads NDJSON stored with a .json extension line by line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'jetstream.json');
    await writeFile(file, await readFile(fixture('jetstream.jsonl')));
    expect((await collect(file)).map((r) => [r.kind, r.line])).toEqual([['post', 1], ['post', 5]]);
  });
});

describe('large reads', () => {
  it(`cuts a post text over ${MAX_POST_TEXT_CHARS} characters and marks the record with its length`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'long.jsonl');
    const long = `whatsapp down ${'again '.repeat(100_000)}`;
    await writeFile(file, `${JSON.stringify({ id: '1', source: 'api', text: long, createdAt: '2021-10-04T15:50:00Z' })}\n`);
    const [record] = await collect(file);
    expect(record).toMatchObject({ kind: 'post', line: 1, truncatedFrom: long.length });
    expect(posts([record])[0].text).toBe(long.slice(0, MAX_POST_TEXT_CHARS));
  });

  it('reports a line over the record limit as malformed by its number and reads the lines after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const post = (id: string, text: string) => JSON.stringify({ id, source: 'api', text, createdAt: '2021-10-04T15:50:00Z' });
    const huge = post('2', 'x'.repeat(12 * MAX_RECORD_CHARS));
    for (const name of ['huge.jsonl', 'huge.jsonl.gz', 'huge.json']) {
      const file = join(dir, name);
      const text = `${post('1', 'ok')}\n${huge}\n${post('3', 'ok')}\n`;
      await writeFile(file, name.endsWith('.gz') ? gzipSync(text) : text);
      const records = await collect(file);
      expect(posts(records).map((p) => p.id), name).toEqual(['1', '3']);
      expect(problems(records), name).toEqual([`2: longer than ${MAX_RECORD_CHARS} characters (the limit for one record); skipped`]);
    }
  });

  it('streams a single-line JSON array of several MiB with multi-byte characters across read boundaries', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'minified.json');
    const written = Array.from({ length: 30_000 }, (_, i) => ({ id: `m${i}`, source: 'api', text: `Störung 😢 número ${i} — ça ne marche pas`, createdAt: '2024-03-05T14:00:00.000Z' }));
    await writeFile(file, JSON.stringify(written));
    for (const path of [file, `${file}.gz`]) {
      if (path.endsWith('.gz')) await writeFile(path, gzipSync(await readFile(file)));
      const read = posts(await collect(path));
      expect(read.map((p) => p.text)).toEqual(written.map((p) => p.text));
    }
  });
});

describe('CSV archives', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks in a CRLF file', async () => {
    const records = await collect(fixture('posts.csv'));
    expect(posts(records).map((p) => [p.id, p.text])).toEqual([
      ['c1', 'Vodafone no signal since 2pm'],
      ['c2', 'Telekom: "Störung", again, really'],
      ['c3', 'Orange down\r\nsecond line of the post'],
      ['c6', 'epoch millis'],
    ]);
    expect(posts(records)[0]).toMatchObject({ source: 'csv', lang: 'en', author: { location: 'Manchester, UK' }, place: { countryCode: 'GB' }, geo: { lat: 53.48, lon: -2.24 } });
    expect(posts(records)[3].createdAt).toBe('2024-03-05T14:35:00.000Z');
  });

  it('reports bad rows and duplicates by the line the record starts on', async () => {
    expect(problems(await collect(fixture('posts.csv')))).toEqual([
      '6: field "created_at" is not a valid date: "not a date"',
      '7: CSV row has 9 fields, the header has 8',
      '8: duplicate csv:c1',
    ]);
  });

  it('refuses a CSV file whose header lacks a required column, naming the file', async () => {
    await expect(collect(fixture('eval.csv'))).rejects.toThrow(/eval\.csv: CSV header must name the columns id, created_at, text; missing id, created_at/);
  });

  it('reads a header that starts with a UTF-8 byte order mark', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'excel.csv');
    await writeFile(file, '\uFEFFid,created_at,text\r\n1,2024-03-05T14:30:00Z,Outlook down\r\n');
    expect(posts(await collect(file)).map((p) => p.text)).toEqual(['Outlook down']);
  });

  it('reports an unterminated quote at the end of the file as a malformed record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'cut.csv');
    await writeFile(file, 'id,created_at,text\n1,2024-03-05T14:30:00Z,ok\n2,2024-03-05T14:30:00Z,"never closed\nstill open');
    expect(problems(await collect(file))).toEqual([
      '3: unbalanced quote: the quoted field opened on this line is never closed; the line is skipped and reading resumes at the next one',
      '4: CSV row has 1 fields, the header has 3',
    ]);
  });

  it('loses only the line of an unbalanced quote, not the 5,000 valid rows after it; lines read add up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'stray-quote.csv');
    const rows = Array.from({ length: 5000 }, (_, i) => `r${i},2021-10-04T15:50:00Z,whatsapp down ${i}`);
    await writeFile(file, ['id,created_at,text', 'bad,2021-10-04T15:40:00Z,"it says ""down', ...rows, 'last,2021-10-04T16:00:00Z,"quoted, fine"'].join('\n'));
    const records = await collect(file);
    expect(posts(records)).toHaveLength(5001);
    expect(problems(records)).toEqual([
      `2: unbalanced quote: the quoted field opened on this line is not closed within ${MAX_QUOTED_LINES} line breaks; the line is skipped and reading resumes at the next one`,
    ]);
    expect(records.length + 1).toBe(5003);
  });
});

describe('gzipped archives', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-gz-'));
  });

  for (const name of ['posts.jsonl', 'mastodon.jsonl', 'jetstream.jsonl', 'tweets-page.json', 'posts-array.json', 'posts.csv']) {
    it(`reads ${name}.gz exactly like ${name}`, async () => {
      const gz = join(dir, `${name}.gz`);
      await writeFile(gz, gzipSync(await readFile(fixture(name))));
      const strip = (records: ArchiveRecord[]) => records.map(({ file: _, ...rest }) => rest);
      expect(strip(await collect(gz))).toEqual(strip(await collect(fixture(name))));
    });
  }

  it('fails with the file name when the gzip data is corrupt', async () => {
    const gz = join(dir, 'corrupt.jsonl.gz');
    await writeFile(gz, Buffer.from('not gzip at all'));
    await expect(collect(gz)).rejects.toThrow(ArchiveError);
    await expect(collect(gz)).rejects.toThrow(/corrupt\.jsonl\.gz: cannot read: incorrect header check/);
  });
});

describe('evaluation files in lenient mode', () => {
  it('needs only text, numbering posts by file and line and reading gold labels', async () => {
    const records = await collect(fixture('eval.jsonl'), { lenient: true });
    expect(posts(records)).toEqual([
      { id: 'eval.jsonl:1', source: 'jsonl', text: 'WhatsApp werkt weer niet, ik word gek', createdAt: '', gold: { label: 'complaint', sentiment: 'negative' } },
      { id: 'eval.jsonl:2', source: 'jsonl', text: 'Reuters: AWS reports elevated error rates in us-east-1', createdAt: '', gold: { label: 'news', sentiment: 'neutral' } },
      { id: 'eval.jsonl:3', source: 'jsonl', text: 'my wifi is down, so I guess I have to talk to my family', createdAt: '', gold: { label: 'joke', sentiment: 'positive' } },
      { id: 'eval.jsonl:4', source: 'jsonl', text: 'no label on this one', createdAt: '' },
    ]);
    expect(problems(records)).toEqual([
      '5: field "label" must be one of complaint|news|joke|other, got "complain"',
      '6: unknown shape: no "text" or "content" field (keys: label)',
    ]);
  });

  it('reads an evaluation CSV with only text, label and sentiment columns', async () => {
    expect(posts(await collect(fixture('eval.csv'), { lenient: true }))).toEqual([
      { id: 'eval.csv:2', source: 'csv', text: 'Netflix keeps buffering, anyone else?', createdAt: '', gold: { label: 'complaint', sentiment: 'negative' } },
      { id: 'eval.csv:3', source: 'csv', text: 'Deploy done, all green', createdAt: '', gold: { label: 'other', sentiment: 'positive' } },
    ]);
  });

  it('falls back to the text of a wire-format line that lacks what its format requires', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const file = join(dir, 'tweets-eval.jsonl');
    await writeFile(file, '{"id":"17","text":"X is down","author_id":"4","label":"complaint"}\n');
    expect(posts(await collect(file, { lenient: true }))).toEqual([
      { id: '17', source: 'jsonl', text: 'X is down', createdAt: '', author: { id: '4' }, gold: { label: 'complaint' } },
    ]);
  });

  it('rejects those lines outside lenient mode because they have no id or time', async () => {
    expect(problems(await collect(fixture('eval.jsonl')))[0]).toBe('1: field "id" is missing or empty');
  });
});

describe('several archives', () => {
  it('counts a post already read from another file as a duplicate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const copy = join(dir, 'again.jsonl');
    await writeFile(copy, (await readFile(fixture('posts.jsonl'), 'utf8')).split('\n')[0] + '\n');
    const records = await collect([fixture('posts.jsonl'), copy]);
    expect(records.at(-1)).toEqual({ kind: 'duplicate', file: copy, line: 1, key: 'api:p1' });
  });

  it('yields the same records in batches as one by one', async () => {
    const files = [fixture('posts.jsonl'), fixture('posts.csv'), fixture('tweets-page.json')];
    const batched: ArchiveRecord[] = [];
    for await (const batch of readArchiveBatches(files)) batched.push(...batch);
    expect(batched).toEqual(await collect(files));
  });

  it('throws an error naming a file that does not exist', async () => {
    const missing = join(FIXTURES, 'nope.jsonl');
    const read = async () => {
      for await (const _ of readArchive(missing)) void _;
    };
    await expect(read()).rejects.toThrow(`${missing}: cannot open: ENOENT`);
  });

  it('refuses a file type it cannot read', async () => {
    await expect(collect(fixture('../archive'))).rejects.toThrow(/unsupported archive type/);
  });
});

describe('expanding inputs', () => {
  it('expands a glob to the matching archive files, sorted', async () => {
    expect(await expandInputs([join(FIXTURES, '*.json')])).toEqual([fixture('posts-array.json'), fixture('tweets-page.json')]);
  });

  it('expands braces, ** and directories, each file once, in input order, skipping hidden files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archive-glob-'));
    await mkdir(join(dir, 'sample/2024'), { recursive: true });
    for (const name of ['sample/a.jsonl.gz', 'sample/2024/b.csv', 'sample/notes.txt', 'sample/.hidden.jsonl']) await writeFile(join(dir, name), '');
    expect(await expandInputs([`${dir}/sample/*.{jsonl.gz,csv}`])).toEqual([`${dir}/sample/a.jsonl.gz`]);
    expect(await expandInputs([`${dir}/**/*.csv`, join(dir, 'sample')])).toEqual([`${dir}/sample/2024/b.csv`, `${dir}/sample/a.jsonl.gz`]);
  });

  it('keeps a path that does not exist so that reading it reports the file', async () => {
    expect(await expandInputs(['data/missing.jsonl'])).toEqual(['data/missing.jsonl']);
  });

  it('gives nothing for a glob that matches nothing', async () => {
    expect(await expandInputs([join(FIXTURES, '*.parquet')])).toEqual([]);
  });
});

describe('expanding a directory of generated archives', () => {
  it('leaves out the ground-truth file that sits beside the archives', async () => {
    const { expandInputs } = await import('../src/sources/archive/index.ts');
    const files = await expandInputs(['data/sample']);
    expect(files.some((f) => f.endsWith('.truth.json'))).toBe(false);
    expect(files.filter((f) => f.includes('2021-10-04.'))).toHaveLength(3);
  });
});

describe('partitioned reading', () => {
  it('splits the lines of the same files between readers without losing or repeating any', async () => {
    const { readArchives } = await import('../src/sources/archive/index.ts');
    const files = ['data/sample/2021-10-04.mastodon.jsonl.gz', 'data/sample/2021-10-04.csv.gz'];
    const ids = async (opts: Parameters<typeof readArchives>[1]) => {
      const out: string[] = [];
      for await (const r of readArchives(files, opts)) out.push(r.kind === 'post' ? `${r.file}:${r.line}:${r.post.id}` : `${r.file}:${r.line}:${r.kind}`);
      return out;
    };
    const whole = await ids({ dedupe: false });
    const parts = [...(await ids({ dedupe: false, partition: { index: 0, count: 3 } })), ...(await ids({ dedupe: false, partition: { index: 1, count: 3 } })), ...(await ids({ dedupe: false, partition: { index: 2, count: 3 } }))];
    expect(parts.sort()).toEqual([...whole].sort());
    expect(whole.length).toBeGreaterThan(1000);
  });

  it('reports duplicates only when asked to deduplicate', async () => {
    const { readArchives } = await import('../src/sources/archive/index.ts');
    let duplicates = 0;
    for await (const r of readArchives(['data/sample/2021-10-04.csv.gz'], { dedupe: false })) if (r.kind === 'duplicate') duplicates++;
    expect(duplicates).toBe(0);
    for await (const r of readArchives(['data/sample/2021-10-04.csv.gz'])) if (r.kind === 'duplicate') duplicates++;
    expect(duplicates).toBeGreaterThan(0);
  });
});
