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

  it('reports malformed lines with file and line, and counts duplicates without replaying them', async () => {
    const path = await archive('a.jsonl', [line('1', '2026-11-26T08:00:00Z'), '{"id":"2","source":"mastodon",', line('1', '2026-11-26T08:00:00Z'), line('3', '2026-11-26T08:00:05Z')]);
    const reasons: string[] = [];
    const source = createReplaySource({ paths: [path], onMalformed: (reason) => reasons.push(reason) });

    const posts = await all(source.posts());

    expect(posts.map((post) => post.id)).toEqual(['1', '3']);
    expect(source.stats).toMatchObject({ posts: 2, malformed: 1, duplicates: 1 });
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
