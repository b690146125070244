import { afterEach, describe, expect, it } from 'vitest';
import { createJetstreamSource } from '../src/sources/bluesky.ts';
import type { SourceEvent } from '../src/sources/source.ts';
import { startJetstreamServer, type JetstreamServer } from './servers/jetstream.ts';
import { FAST_BACKOFF, take } from './servers/consume.ts';

const DID = 'did:plc:eygmaihciaxprqvxpfvl6flk';

/** A post-creation commit; `text` undefined leaves the required field out. */
function postCommit(rkey: string, text: string | undefined, timeUs: number, langs = ['en']) {
  return {
    did: DID,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3lb${rkey}rev`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      record: { $type: 'app.bsky.feed.post', createdAt: new Date(timeUs / 1000).toISOString(), langs, ...(text === undefined ? {} : { text }) },
      cid: 'bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a',
    },
  };
}

const identityEvent = (timeUs: number) => ({
  did: DID,
  time_us: timeUs,
  kind: 'identity',
  identity: { did: DID, handle: 'status.example.com', seq: 1409752997, time: new Date(timeUs / 1000).toISOString() },
});

let server: JetstreamServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});


describe('bluesky jetstream', () => {
  it('turns post commits into posts and skips identity events and deletes', async () => {
    server = await startJetstreamServer([
      {
        steps: [
          { event: identityEvent(1764144000000000) },
          { event: { did: DID, time_us: 1764144000100000, kind: 'commit', commit: { rev: '3lbdel', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3lbold' } } },
          { event: postCommit('3lbaaa', 'is cloudflare down for anyone else?', 1764144000200000) },
        ],
      },
    ]);
    const source = createJetstreamSource({ url: server.url, backoff: FAST_BACKOFF });

    const [post] = await take(source, 1);

    expect(post).toMatchObject({ id: `${DID}/3lbaaa`, source: 'bluesky', text: 'is cloudflare down for anyone else?', lang: 'en' });
    expect(server.connections[0].getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(server.connections[0].has('cursor')).toBe(false);
  });

  it('reconnects after the server closes, resuming from the time_us of the last event seen', async () => {
    server = await startJetstreamServer([
      { steps: [{ event: postCommit('3lbbbb', 'discord down', 1764144001000000) }, { event: identityEvent(1764144001500000) }, { close: 1012 }] },
      { steps: [{ event: postCommit('3lbccc', 'discord back', 1764144002000000) }] },
    ]);
    const source = createJetstreamSource({ url: server.url, backoff: FAST_BACKOFF });

    const posts = await take(source, 2);

    expect(posts.map((post) => post.text)).toEqual(['discord down', 'discord back']);
    expect(server.connections[1].get('cursor')).toBe('1764144001500000');
    expect(source.stats.reconnects).toBe(1);
    expect(source.cursor).toBe(1764144002000000);
  });

  it('reports a message that is not JSON and a post without text, and goes on', async () => {
    server = await startJetstreamServer([
      {
        steps: [
          { raw: '{"did":"did:plc:x","time_us":' },
          { event: postCommit('3lbddd', undefined, 1764144003000000) },
          { event: postCommit('3lbeee', 'github actions down', 1764144004000000) },
        ],
      },
    ]);
    const reasons: string[] = [];
    const source = createJetstreamSource({ url: server.url, backoff: FAST_BACKOFF, onMalformed: (reason) => reasons.push(reason) });

    const posts = await take(source, 1);

    expect(posts[0].text).toBe('github actions down');
    expect(source.stats.malformed).toBe(2);
    expect(reasons[0]).toMatch(/^not JSON/);
    expect(reasons[1]).toContain('text');
  });

  it('waits for Retry-After when the upgrade is refused with 429', async () => {
    server = await startJetstreamServer([
      { refuse: { status: 429, headers: { 'Retry-After': '1' } } },
      { steps: [{ event: postCommit('3lbfff', 'x down', 1764144005000000) }] },
    ]);
    const events: SourceEvent[] = [];
    const started = Date.now();
    const source = createJetstreamSource({ url: server.url, backoff: FAST_BACKOFF, onEvent: (event) => events.push(event) });

    await take(source, 1);

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(source.stats.rateLimited).toBe(1);
    expect(events.some((event) => event.type === 'rate-limited')).toBe(true);
  });

  it('drops a connection that goes silent past the idle timeout and opens a new one', async () => {
    server = await startJetstreamServer([{ steps: [{ silence: true }] }, { steps: [{ event: postCommit('3lbggg', 'slack down', 1764144006000000) }] }]);
    const events: SourceEvent[] = [];
    const source = createJetstreamSource({ url: server.url, idleTimeoutMs: 200, backoff: FAST_BACKOFF, onEvent: (event) => events.push(event) });

    const posts = await take(source, 1);

    expect(posts[0].text).toBe('slack down');
    expect(events).toContainEqual({ type: 'disconnected', reason: 'no event for 200 ms' });
  });

  it('delivers a burst larger than its queue limit completely and in order to a slow consumer', async () => {
    const count = 12_000;
    const burst = Array.from({ length: count }, (_, i) => postCommit(`3lb${i}`, `post ${i}`, 1764144010000000 + i));
    server = await startJetstreamServer([{ steps: [{ burst }] }]);
    const source = createJetstreamSource({ url: server.url, backoff: FAST_BACKOFF });

    const controller = new AbortController();
    const texts: string[] = [];
    for await (const post of source.posts(controller.signal)) {
      texts.push(post.text);
      if (texts.length % 1000 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      if (texts.length === count) controller.abort();
    }

    expect(texts).toHaveLength(count);
    expect(texts.every((text, i) => text === `post ${i}`)).toBe(true);
    expect(source.stats.reconnects).toBe(0);
  });
});
