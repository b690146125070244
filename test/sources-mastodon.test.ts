import { afterEach, describe, expect, it } from 'vitest';
import { createMastodonSource } from '../src/sources/mastodon.ts';
import type { SourceEvent } from '../src/sources/source.ts';
import { startMastodonServer, type MastodonServer } from './servers/mastodon.ts';
import { FAST_BACKOFF, take } from './servers/consume.ts';


function status(id: string, html: string, createdAt: string, language = 'de') {
  return {
    id,
    created_at: createdAt,
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language,
    uri: `https://chaos.social/users/lena/statuses/${id}`,
    url: `https://chaos.social/@lena/${id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    content: html,
    reblog: null,
    account: { id: '109', username: 'lena', acct: 'lena', display_name: 'Lena', url: 'https://chaos.social/@lena', followers_count: 312 },
    media_attachments: [],
    mentions: [],
    tags: [{ name: 'outage', url: 'https://chaos.social/tags/outage' }],
  };
}

let server: MastodonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});


describe('mastodon streaming', () => {
  it('turns update events of a hashtag timeline into posts and ignores heartbeats and other events', async () => {
    server = await startMastodonServer({
      streams: [
        {
          steps: [
            { heartbeat: true },
            { event: 'delete', data: '111' },
            { event: 'update', data: JSON.stringify(status('112', '<p>Bei der <a href="https://chaos.social/tags/telekom">#Telekom</a> geht gar nichts mehr</p>', '2026-11-26T07:30:00.000Z')) },
          ],
        },
      ],
      token: 'mastodon-token',
    });
    const source = createMastodonSource({ instanceUrl: server.url, accessToken: 'mastodon-token', timeline: { kind: 'hashtag', tag: '#outage' }, backoff: FAST_BACKOFF });

    const [post] = await take(source, 1);

    expect(post).toMatchObject({ id: 'https://chaos.social/users/lena/statuses/112', source: 'mastodon', lang: 'de', createdAt: '2026-11-26T07:30:00.000Z' });
    expect(post.text).toContain('geht gar nichts mehr');
    expect(server.requests[0].path).toBe('/api/v1/streaming/hashtag');
    expect(server.requests[0].query.get('tag')).toBe('outage');
    expect(server.requests[0].headers.accept).toBe('text/event-stream');
    expect(source.stats.malformed).toBe(0);
  });

  it('reconnects after the server drops the stream and fetches what was posted in between', async () => {
    const update = (id: string, minute: string) => ({ event: 'update', data: JSON.stringify(status(id, `<p>Mastodon lahm ${id}</p>`, `2026-11-26T07:${minute}:00.000Z`)) });
    server = await startMastodonServer({
      streams: [{ steps: [update('201', '31'), { end: true }] }, { steps: [update('204', '34')] }],
      timelines: [[status('203', '<p>Mastodon lahm 203</p>', '2026-11-26T07:33:00.000Z'), status('202', '<p>Mastodon lahm 202</p>', '2026-11-26T07:32:00.000Z')]],
    });
    const source = createMastodonSource({ instanceUrl: server.url, backoff: FAST_BACKOFF });

    const posts = await take(source, 4);

    expect(posts.map((post) => post.text)).toEqual(['Mastodon lahm 201', 'Mastodon lahm 202', 'Mastodon lahm 203', 'Mastodon lahm 204']);
    expect(source.stats.reconnects).toBe(1);
    const catchUp = server.requests.find((request) => request.path === '/api/v1/timelines/public');
    expect([catchUp?.query.get('min_id'), catchUp?.query.get('limit')]).toEqual(['201', '40']);
  });

  it('pages the catch-up by min_id until a page is not full', async () => {
    const ids = Array.from({ length: 42 }, (_, i) => String(1001 + i));
    const newestFirst = (page: string[]) => [...page].reverse().map((id) => status(id, `<p>Outlook kaputt ${id}</p>`, '2026-11-26T07:40:00.000Z'));
    server = await startMastodonServer({
      streams: [{ steps: [{ event: 'update', data: JSON.stringify(status('1000', '<p>Outlook kaputt 1000</p>', '2026-11-26T07:39:00.000Z')) }, { end: true }] }],
      timelines: [newestFirst(ids.slice(0, 40)), newestFirst(ids.slice(40))],
    });
    const source = createMastodonSource({ instanceUrl: server.url, backoff: FAST_BACKOFF });

    const posts = await take(source, 43);

    expect(posts.map((post) => post.text.split(' ').pop())).toEqual(['1000', ...ids]);
    const catchUps = server.requests.filter((request) => request.path === '/api/v1/timelines/public');
    expect(catchUps.map((request) => request.query.get('min_id'))).toEqual(['1000', '1040']);
  });

  it('reports an update whose data is not JSON and goes on', async () => {
    server = await startMastodonServer({
      streams: [{ steps: [{ event: 'update', data: '{"id":"301","content":' }, { event: 'update', data: JSON.stringify(status('302', '<p>Signal down?</p>', '2026-11-26T07:33:00.000Z', 'en')) }] }],
    });
    const malformed: unknown[] = [];
    const source = createMastodonSource({ instanceUrl: server.url, backoff: FAST_BACKOFF, onMalformed: (_reason, raw) => malformed.push(raw) });

    const posts = await take(source, 1);

    expect(posts[0].text).toBe('Signal down?');
    expect(malformed).toEqual(['{"id":"301","content":']);
  });

  it('waits until X-RateLimit-Reset after a 429', async () => {
    const resetAt = Date.now() + 800;
    server = await startMastodonServer({
      streams: [
        { reply: { status: 429, headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(resetAt).toISOString() }, body: '{"error":"Too many requests"}' } },
        { steps: [{ event: 'update', data: JSON.stringify(status('401', '<p>Bluesky offline</p>', '2026-11-26T07:34:00.000Z')) }] },
      ],
    });
    const source = createMastodonSource({ instanceUrl: server.url, backoff: FAST_BACKOFF });

    await take(source, 1);

    expect(Date.now()).toBeGreaterThanOrEqual(resetAt);
    expect(source.stats.rateLimited).toBe(1);
  });

  it('drops a connection whose heartbeats stop and opens a new one', async () => {
    server = await startMastodonServer({
      streams: [{ steps: [{ silence: true }] }, { steps: [{ event: 'update', data: JSON.stringify(status('501', '<p>KPN storing</p>', '2026-11-26T07:35:00.000Z', 'nl')) }] }],
    });
    const events: SourceEvent[] = [];
    const source = createMastodonSource({ instanceUrl: server.url, idleTimeoutMs: 200, backoff: FAST_BACKOFF, onEvent: (event) => events.push(event) });

    const posts = await take(source, 1);

    expect(posts[0].lang).toBe('nl');
    expect(events).toContainEqual({ type: 'disconnected', reason: 'no event or heartbeat for 200 ms' });
  });

  it('stops with an error naming MASTODON_TOKEN when the instance wants a token', async () => {
    server = await startMastodonServer({ streams: [], token: 'mastodon-token' });
    const source = createMastodonSource({ instanceUrl: server.url, backoff: FAST_BACKOFF });

    await expect(take(source, 1)).rejects.toThrow(/HTTP 401.*MASTODON_TOKEN/);
  });
});
