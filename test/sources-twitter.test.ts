import { afterEach, describe, expect, it } from 'vitest';
import type { SourceEvent } from '../src/sources/source.ts';
import { createTwitterClient, createTwitterSearchSource, createTwitterStreamSource } from '../src/sources/twitter.ts';
import { startTwitterServer, TEST_BEARER_TOKEN, type TwitterServer, type TwitterServerScript } from './servers/twitter.ts';
import { FAST_BACKOFF, take } from './servers/consume.ts';


const users = [
  { id: '1001', name: 'Anouk', username: 'anouk_nl', location: 'Rotterdam, Nederland' },
  { id: '1002', name: 'Luis', username: 'luis_mx', location: 'CDMX' },
];
const places = [{ id: '01a9a39529b27f36', full_name: 'Manhattan, NY', country_code: 'US' }];

function tweet(id: string, text: string, createdAt: string, authorId = '1001') {
  return { id, text, created_at: createdAt, lang: 'nl', author_id: authorId, edit_history_tweet_ids: [id] };
}

function streamPayload(id: string, text: string, createdAt: string) {
  return {
    data: { ...tweet(id, text, createdAt), geo: { place_id: '01a9a39529b27f36' } },
    includes: { users: [users[0]], places },
    matching_rules: [{ id: '1700000000000000001', tag: 'outage-radar:1' }],
  };
}

let server: TwitterServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: TwitterServerScript) {
  server = await startTwitterServer(script);
  return { server, client: createTwitterClient({ bearerToken: TEST_BEARER_TOKEN, baseUrl: server.baseUrl }) };
}


describe('twitter recent search', () => {
  it('pages by next_token and the next poll asks only for tweets newer than the newest id seen', async () => {
    const { server, client } = await start({
      search: [
        {
          body: {
            data: [tweet('103', 'WhatsApp ligt eruit', '2026-11-26T08:03:00.000Z'), tweet('102', 'whatsapp doet het niet', '2026-11-26T08:02:00.000Z', '1002')],
            includes: { users },
            meta: { newest_id: '103', oldest_id: '102', result_count: 2, next_token: 'b26v89c19zqg8o3fpdg' },
          },
        },
        { body: { data: [tweet('101', 'storing bij whatsapp?', '2026-11-26T08:01:00.000Z')], includes: { users }, meta: { newest_id: '101', oldest_id: '101', result_count: 1 } } },
        { body: { data: [tweet('104', 'whatsapp weer terug', '2026-11-26T08:04:00.000Z')], includes: { users }, meta: { newest_id: '104', oldest_id: '104', result_count: 1 } } },
      ],
    });
    const source = createTwitterSearchSource({ client, queries: ['(whatsapp) (storing OR eruit) -is:retweet'], pollIntervalMs: 10, backoff: FAST_BACKOFF });

    const posts = await take(source, 4);

    expect(posts.map((post) => post.id)).toEqual(['103', '102', '101', '104']);
    expect(posts[1].author?.location).toBe('CDMX');
    const [first, second, third] = server.requests;
    expect(first.query.get('query')).toBe('(whatsapp) (storing OR eruit) -is:retweet');
    expect(first.query.get('tweet.fields')).toBe('created_at,lang,geo,author_id');
    expect(first.query.get('expansions')).toBe('author_id,geo.place_id');
    expect(first.query.get('user.fields')).toBe('location');
    expect(first.query.get('place.fields')).toBe('country_code,full_name');
    expect([first.query.get('since_id'), first.query.get('next_token')]).toEqual([null, null]);
    expect([second.query.get('since_id'), second.query.get('next_token')]).toEqual([null, 'b26v89c19zqg8o3fpdg']);
    expect([third.query.get('since_id'), third.query.get('next_token')]).toEqual(['103', null]);
  });

  it('reads only the first pages on the first poll, then every page down to since_id', async () => {
    const page = (id: string, nextToken?: string) => ({
      body: { data: [tweet(id, `GitLab down ${id}`, '2026-11-26T08:10:00.000Z')], includes: { users }, meta: { newest_id: id, result_count: 1, ...(nextToken ? { next_token: nextToken } : {}) } },
    });
    const { server, client } = await start({ search: [page('13', 'older'), page('23', 'p2'), page('22', 'p3'), page('21')] });
    const source = createTwitterSearchSource({ client, queries: ['gitlab'], pollIntervalMs: 10, firstPollPages: 1, backoff: FAST_BACKOFF });

    const posts = await take(source, 4);

    expect(posts.map((post) => post.id)).toEqual(['13', '23', '22', '21']);
    expect(server.requests.map((request) => [request.query.get('since_id'), request.query.get('next_token')])).toEqual([
      [null, null],
      ['13', null],
      ['13', 'p2'],
      ['13', 'p3'],
    ]);
  });

  it('waits until x-rate-limit-reset after a 429 and then retries the same request', async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 1;
    const { server, client } = await start({
      search: [
        {
          status: 429,
          headers: { 'x-rate-limit-limit': '60', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetAt) },
          body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        },
        { body: { data: [tweet('201', 'AWS us-east-1 down again', '2026-11-26T09:00:00.000Z')], includes: { users }, meta: { newest_id: '201', result_count: 1 } } },
      ],
    });
    const events: SourceEvent[] = [];
    const source = createTwitterSearchSource({ client, queries: ['aws'], pollIntervalMs: 10, backoff: FAST_BACKOFF, onEvent: (event) => events.push(event) });

    const posts = await take(source, 1);

    expect(posts[0].id).toBe('201');
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt * 1000);
    expect(source.stats.rateLimited).toBe(1);
    expect(events).toContainEqual({ type: 'rate-limited', until: resetAt * 1000 });
    expect(server.requests[1].query.get('query')).toBe('aws');
  });

  it('reports a malformed page and keeps polling', async () => {
    const { client } = await start({
      search: [
        { body: { data: [{ id: '301', text: 'no created_at was requested here' }], meta: { newest_id: '301', result_count: 1 } } },
        { body: { data: [tweet('302', 'Steam down?', '2026-11-26T10:00:00.000Z')], includes: { users }, meta: { newest_id: '302', result_count: 1 } } },
      ],
    });
    const malformed: string[] = [];
    const source = createTwitterSearchSource({ client, queries: ['steam'], pollIntervalMs: 10, backoff: FAST_BACKOFF, onMalformed: (reason) => malformed.push(reason) });

    const posts = await take(source, 1);

    expect(posts[0].id).toBe('302');
    expect(source.stats.malformed).toBe(1);
    expect(malformed[0]).toContain('created_at');
  });

  it('delivers the other tweets of a page that holds one tweet without created_at, reporting that one', async () => {
    const { client } = await start({
      search: [
        {
          body: {
            data: [tweet('311', 'Steam down?', '2026-11-26T10:00:00.000Z'), { id: '312', text: 'no time' }, tweet('313', 'Steam store kaputt', '2026-11-26T10:01:00.000Z')],
            includes: { users },
            meta: { newest_id: '313', result_count: 3 },
          },
        },
      ],
    });
    const malformed: string[] = [];
    const source = createTwitterSearchSource({ client, queries: ['steam'], pollIntervalMs: 10, backoff: FAST_BACKOFF, onMalformed: (reason) => malformed.push(reason) });

    const posts = await take(source, 2);

    expect(posts.map((post) => post.id)).toEqual(['311', '313']);
    expect(malformed).toEqual(['data[1] (tweet 312): field "created_at" is missing (request tweet.fields=created_at)']);
    expect(source.stats).toMatchObject({ posts: 2, malformed: 1 });
  });

  it('reports a page that is not JSON and asks for it again at the next poll', async () => {
    const { server, client } = await start({
      search: [
        { body: '<html><body>Over capacity</body></html>' },
        { body: { data: [tweet('311', 'Reddit down', '2026-11-26T10:05:00.000Z')], includes: { users }, meta: { newest_id: '311', result_count: 1 } } },
      ],
    });
    const raws: unknown[] = [];
    const source = createTwitterSearchSource({ client, queries: ['reddit'], pollIntervalMs: 10, backoff: FAST_BACKOFF, onMalformed: (_reason, raw) => raws.push(raw) });

    const posts = await take(source, 1);

    expect(posts[0].id).toBe('311');
    expect(raws).toEqual(['<html><body>Over capacity</body></html>']);
    expect(server.requests.map((request) => request.query.get('since_id'))).toEqual([null, null]);
  });

  it('stops with an error naming TWITTER_BEARER_TOKEN when the token is refused', async () => {
    const { server } = await start({});
    const client = createTwitterClient({ bearerToken: 'wrong-token', baseUrl: server.baseUrl });
    const source = createTwitterSearchSource({ client, queries: ['aws'], backoff: FAST_BACKOFF });

    await expect(take(source, 1)).rejects.toThrow(/HTTP 401.*TWITTER_BEARER_TOKEN/);
  });
});

describe('twitter filtered stream', () => {
  it('installs its rules, deleting stale rules it owns and keeping rules it does not own', async () => {
    const { server, client } = await start({
      rules: [
        { id: '1', value: 'old rule', tag: 'outage-radar:1' },
        { id: '2', value: 'someone else', tag: 'marketing' },
      ],
      stream: [{ steps: [{ payload: streamPayload('401', 'whatsapp plat', '2026-11-26T11:00:00.000Z') }] }],
    });
    const source = createTwitterStreamSource({ client, rules: [{ value: '(whatsapp) (plat OR down) -is:retweet', tag: 'outage-radar:1' }], backoff: FAST_BACKOFF });

    await take(source, 1);

    expect(server.rules.map((rule) => [rule.value, rule.tag])).toEqual([
      ['someone else', 'marketing'],
      ['(whatsapp) (plat OR down) -is:retweet', 'outage-radar:1'],
    ]);
  });

  it('reports a rule the API rejects and streams with the rules it accepted', async () => {
    const { server, client } = await start({ stream: [{ steps: [{ payload: streamPayload('451', 'gmail down', '2026-11-26T11:30:00.000Z') }] }] });
    const tooLong = `(${Array.from({ length: 60 }, (_, i) => `service${i}`).join(' OR ')}) -is:retweet`;
    const notices: string[] = [];
    const source = createTwitterStreamSource({
      client,
      rules: [
        { value: '(gmail) (down) -is:retweet', tag: 'outage-radar:1' },
        { value: tooLong, tag: 'outage-radar:2' },
      ],
      backoff: FAST_BACKOFF,
      onEvent: (event) => event.type === 'notice' && notices.push(event.message),
    });

    await take(source, 1);

    expect(server.rules.map((rule) => rule.value)).toEqual(['(gmail) (down) -is:retweet']);
    expect(notices).toEqual([
      'stream rules: 1 added, 0 deleted',
      `stream rule rejected: Invalid Rule: ${tooLong}: Rule must not exceed 512 characters.`,
    ]);
  });

  it('skips keep-alive newlines, reconnects after a disconnect and continues', async () => {
    const { server, client } = await start({
      stream: [
        { steps: [{ keepAlive: true }, { payload: streamPayload('501', 'Discord is down', '2026-11-26T12:00:00.000Z') }, { keepAlive: true }, { end: true }] },
        { steps: [{ keepAlive: true }, { payload: streamPayload('502', 'discord still down', '2026-11-26T12:01:00.000Z') }] },
      ],
    });
    const source = createTwitterStreamSource({ client, backfillMinutes: 2, backoff: FAST_BACKOFF });

    const posts = await take(source, 2);

    expect(posts.map((post) => post.id)).toEqual(['501', '502']);
    expect(posts[0].place).toEqual({ countryCode: 'US', name: 'Manhattan, NY' });
    expect(source.stats.reconnects).toBe(1);
    const streamRequests = server.requests.filter((request) => request.path === '/2/tweets/search/stream');
    expect(streamRequests[0].query.get('expansions')).toBe('author_id,geo.place_id');
    expect(streamRequests.map((request) => request.query.get('backfill_minutes'))).toEqual([null, '2']);
  });

  it('reports a line that is not JSON and a tweet without created_at, and goes on', async () => {
    const { client } = await start({
      stream: [
        {
          steps: [
            { line: '{"data":{"id":"601","text":"half a tweet' },
            { payload: { data: { id: '602', text: 'no time' }, includes: {} } },
            { payload: streamPayload('603', 'Netflix werkt niet', '2026-11-26T13:00:00.000Z') },
          ],
        },
      ],
    });
    const source = createTwitterStreamSource({ client, backoff: FAST_BACKOFF });

    const posts = await take(source, 1);

    expect(posts.map((post) => post.id)).toEqual(['603']);
    expect(source.stats.malformed).toBe(2);
  });

  it('waits for x-rate-limit-reset when connecting is refused with 429', async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 1;
    const { client } = await start({
      stream: [
        {
          reply: {
            status: 429,
            headers: { 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetAt) },
            body: { title: 'ConnectionException', detail: 'This stream is currently at the maximum allowed connection limit.', type: 'https://api.twitter.com/2/problems/streaming-connection' },
          },
        },
        { steps: [{ payload: streamPayload('701', 'Fortnite servers down', '2026-11-26T14:00:00.000Z') }] },
      ],
    });
    const source = createTwitterStreamSource({ client, backoff: FAST_BACKOFF });

    const posts = await take(source, 1);

    expect(posts[0].id).toBe('701');
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt * 1000);
    expect(source.stats.rateLimited).toBe(1);
  });

  it('drops a connection that goes silent past the keep-alive timeout and opens a new one', async () => {
    const { client } = await start({
      stream: [{ steps: [{ silence: true }] }, { steps: [{ payload: streamPayload('801', 'Outlook down', '2026-11-26T15:00:00.000Z') }] }],
    });
    const events: SourceEvent[] = [];
    const source = createTwitterStreamSource({ client, keepAliveTimeoutMs: 200, backoff: FAST_BACKOFF, onEvent: (event) => events.push(event) });

    const posts = await take(source, 1);

    expect(posts[0].id).toBe('801');
    expect(events).toContainEqual({ type: 'disconnected', reason: 'no data or keep-alive for 200 ms' });
  });

  it('gives up on a stream request that is never answered and tries again', async () => {
    const { client } = await start({
      stream: [{ unanswered: true }, { steps: [{ payload: streamPayload('901', 'PSN down', '2026-11-26T16:00:00.000Z') }] }],
    });
    const events: SourceEvent[] = [];
    const source = createTwitterStreamSource({ client, keepAliveTimeoutMs: 200, backoff: FAST_BACKOFF, onEvent: (event) => events.push(event) });

    const posts = await take(source, 1);

    expect(posts[0].id).toBe('901');
    expect(events).toContainEqual({ type: 'disconnected', reason: 'no response to the stream request within 200 ms' });
  });
});
