import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '../src/model/types.ts';
import { createReplaySource } from '../src/sources/replay.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outage-radar-replay-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function line(id: string, createdAt: string, text = `post ${id}`): string {
  return JSON.stringify({ id, source: 'mastodon', text, createdAt, lang: 'en', author: { id: `user-${id}` } });
}

async function archive(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function all(posts: AsyncIterable<Post>): Promise<Post[]> {
  const out: Post[] = [];
  for await (const post of posts) out.push(post);
  return out;
}

describe('archive replay', () => {
  it('puts slightly out-of-order archives back in event-time order', async () => {
    const first = await archive('a.jsonl', [line('2', '2026-11-26T08:00:02Z'), line('0', '2026-11-26T08:00:00Z'), line('4', '2026-11-26T08:00:04Z')]);
    const second = await archive('b.jsonl', [line('1', '2026-11-26T08:00:01Z'), line('3', '2026-11-26T08:00:03Z')]);
    const source = createReplaySource({ paths: [first, second], reorderWindow: 10 });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['0', '1', '2', '3', '4']);
    expect(posts[0].createdAt).toBe('2026-11-26T08:00:00.000Z');
  });

  it('at speed 60 plays a minute of event time in about a second', async () => {
    const path = await archive('a.jsonl', [line('1', '2026-11-26T08:00:00Z'), line('2', '2026-11-26T08:00:30Z'), line('3', '2026-11-26T08:01:00Z')]);
    const source = createReplaySource({ paths: [path], speed: 60 });
    const started = Date.now();

    const posts = await all(source.posts());

    const elapsed = Date.now() - started;
    expect(posts).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1500);
  });

  it('reports malformed lines with file and line, and replays a repeated post (the live path claims each post once)', async () => {
    const path = await archive('a.jsonl', [line('1', '2026-11-26T08:00:00Z'), '{"id":"2","source":"mastodon",', line('1', '2026-11-26T08:00:00Z'), line('3', '2026-11-26T08:00:05Z')]);
    const reasons: string[] = [];
    const source = createReplaySource({ paths: [path], onMalformed: (reason) => reasons.push(reason) });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['1', '1', '3']);
    expect(source.stats).toMatchObject({ posts: 3, malformed: 1, duplicates: 0 });
    expect(reasons[0]).toMatch(/a\.jsonl:2: /);
  });

  it('with shifted timestamps starts at now and keeps the gaps between posts', async () => {
    const path = await archive('a.jsonl', [line('1', '2024-03-05T14:00:00Z'), line('2', '2024-03-05T14:01:00Z')]);
    const source = createReplaySource({ paths: [path], timestamps: 'shift' });
    const before = Date.now();

    const [first, second] = await all(source.posts());

    expect(Date.parse(first.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(first.createdAt)).toBeLessThan(before + 1000);
    expect(Date.parse(second.createdAt) - Date.parse(first.createdAt)).toBe(60_000);
  });

  it('stops promptly when the signal aborts during a real-time replay', async () => {
    const path = await archive('a.jsonl', [line('1', '2026-11-26T08:00:00Z'), line('2', '2026-11-26T09:00:00Z')]);
    const source = createReplaySource({ paths: [path], speed: 1 });
    const controller = new AbortController();
    const started = Date.now();

    const posts: Post[] = [];
    for await (const post of source.posts(controller.signal)) {
      posts.push(post);
      setTimeout(() => controller.abort(), 50);
    }

    expect(posts.map((post) => post.id)).toEqual(['1']);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('replay of several files', () => {
  const at = (minute: number) => new Date(Date.parse('2026-11-26T08:00:00Z') + minute * 60_000).toISOString();

  it('merges two files with interleaved times into one stream in event-time order', async () => {
    const evens = await archive('evens.jsonl', [0, 2, 4, 6, 8].map((m) => line(`e${m}`, at(m))));
    const odds = await archive('odds.jsonl', [1, 3, 5, 7, 9].map((m) => line(`o${m}`, at(m))));
    // A window of one post per file: only the merge, not the reorder buffer, can interleave the files.
    const source = createReplaySource({ paths: [evens, odds], reorderWindow: 1 });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['e0', 'o1', 'e2', 'o3', 'e4', 'o5', 'e6', 'o7', 'e8', 'o9']);
    expect(source.stats.posts).toBe(10);
  });

  it('replays the archive files of a folder merged by event time', async () => {
    await archive('a.jsonl', [line('a1', at(1)), line('a3', at(3))]);
    await archive('b.jsonl', [line('b0', at(0)), line('b2', at(2))]);
    await writeFile(join(dir, 'notes.txt'), 'not an archive\n');
    const source = createReplaySource({ paths: [dir] });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['b0', 'a1', 'b2', 'a3']);
  });

  it('keeps the first file\'s order for posts at the same time', async () => {
    const first = await archive('first.jsonl', [line('f1', at(1)), line('f2', at(1))]);
    const second = await archive('second.jsonl', [line('s1', at(1)), line('s0', at(0))]);
    const source = createReplaySource({ paths: [first, second] });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['s0', 'f1', 'f2', 's1']);
  });

  it('replays a post that two files hold from each, in event-time order (dedupe is the store claim\'s)', async () => {
    const first = await archive('first.jsonl', [line('1', at(0)), line('2', at(2))]);
    const second = await archive('second.jsonl', [line('1', at(0)), line('3', at(1))]);
    const source = createReplaySource({ paths: [first, second] });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['1', '1', '3', '2']);
    expect(source.stats).toMatchObject({ posts: 4, duplicates: 0 });
  });

  it('fails naming the paths when a folder holds no archive file', async () => {
    const source = createReplaySource({ paths: [dir] });

    await expect(all(source.posts())).rejects.toThrow(`no archive file (.jsonl, .ndjson, .json, .csv, optionally .gz) in ${dir}`);
  });
});
