import { describe, expect, it } from 'vitest';
import { postsFromTwitterPayload } from '../src/sources/formats/twitter.ts';
import { emptyStats, mapPayload } from '../src/sources/source.ts';
import { MAX_POST_TEXT_CHARS } from '../src/text/cap.ts';

const tweet = (id: string, text: string) => ({ id, text, created_at: '2021-10-04T15:50:00.000Z', author_id: '7' });

describe('a live payload mapped to posts', () => {
  it('gives the good tweets of a page, reporting and counting each bad one with its reason', () => {
    const stats = emptyStats();
    const reasons: string[] = [];
    const page = { data: [tweet('1', 'Instagram down'), { id: '2', text: 'no time' }, tweet('3', 'ig down')], includes: {} };
    const posts = mapPayload(page, postsFromTwitterPayload, stats, { onMalformed: (reason) => reasons.push(reason) });
    expect(posts.map((post) => post.id)).toEqual(['1', '3']);
    expect(reasons).toEqual(['data[1] (tweet 2): field "created_at" is missing (request tweet.fields=created_at)']);
    expect(stats).toMatchObject({ posts: 2, malformed: 1 });
  });

  it(`cuts a text over ${MAX_POST_TEXT_CHARS} characters and counts it`, () => {
    const stats = emptyStats();
    const posts = mapPayload({ data: [tweet('1', 'x'.repeat(10_000_000)), tweet('2', 'short')] }, postsFromTwitterPayload, stats, {});
    expect(posts.map((post) => post.text.length)).toEqual([MAX_POST_TEXT_CHARS, 5]);
    expect(stats).toMatchObject({ posts: 2, truncated: 1 });
  });
});
