import { describe, expect, it } from 'vitest';
import { createSourcesFromEnv } from '../src/sources/index.ts';
import { UserError } from '../src/util/error-message.ts';
import { take } from './servers/consume.ts';
import { startTwitterServer, TEST_BEARER_TOKEN } from './servers/twitter.ts';

describe('sources from the environment', () => {
  it('are none when nothing is configured', () => {
    expect(createSourcesFromEnv({})).toEqual([]);
  });

  it('are one Mastodon source per hashtag, plus Jetstream and a replay when their variables are set', () => {
    const sources = createSourcesFromEnv({
      MASTODON_URL: 'https://mastodon.social',
      MASTODON_HASHTAGS: 'outage, down',
      JETSTREAM_URL: 'wss://jetstream1.us-west.bsky.network/subscribe',
      REPLAY_PATHS: 'data/sample.jsonl',
      REPLAY_SPEED: '60',
    });

    expect(sources.map((source) => source.name)).toEqual([
      'mastodon:mastodon.social/#outage',
      'mastodon:mastodon.social/#down',
      'bluesky:jetstream1.us-west.bsky.network',
      'replay:data/sample.jsonl',
    ]);
  });

  it('poll recent search by default and add the filtered stream with TWITTER_MODE=both', () => {
    const names = (mode?: string) =>
      createSourcesFromEnv({ TWITTER_BEARER_TOKEN: 'token', ...(mode ? { TWITTER_MODE: mode } : {}) }).map((source) => source.name);

    expect(names()).toEqual(['twitter-search']);
    expect(names('both')).toEqual(['twitter-search', 'twitter-stream']);
  });

  it('reject a malformed setting with an error naming the variable and its rule', () => {
    expect(() => createSourcesFromEnv({ TWITTER_BEARER_TOKEN: 'token', TWITTER_MODE: 'firehose' })).toThrow('TWITTER_MODE="firehose": must be one of search, stream, both');
    expect(() => createSourcesFromEnv({ REPLAY_PATHS: 'a.jsonl', REPLAY_SPEED: 'fast' })).toThrow('REPLAY_SPEED="fast": must be a positive number or max');
    expect(() => createSourcesFromEnv({ MASTODON_URL: 'https://mastodon.social', JETSTREAM_URL: 'wss://j.example', JETSTREAM_CURSOR: '-1' })).toThrow('JETSTREAM_CURSOR="-1": must be a positive number');
  });

  it('reject a malformed setting as a user error, so serve and the ingest worker end with one line', () => {
    expect(() => createSourcesFromEnv({ REPLAY_PATHS: 'a.jsonl', REPLAY_SPEED: 'fast' })).toThrow(UserError);
  });

  it('read blank settings as unset and REPLAY_SPEED=max as fast as possible', () => {
    expect(createSourcesFromEnv({ TWITTER_BEARER_TOKEN: '  ', MASTODON_URL: '', REPLAY_PATHS: ' a.jsonl ', REPLAY_SPEED: 'max', TWITTER_MODE: ' ' }).map((source) => source.name)).toEqual(['replay:a.jsonl']);
  });

  it('stream from TWITTER_API_URL with rules built from the shipped catalogue, every one accepted', async () => {
    const server = await startTwitterServer({
      stream: [
        {
          steps: [
            {
              payload: {
                data: { id: '1862000000000000001', text: 'WhatsApp is down again', created_at: '2026-11-26T08:00:00.000Z', lang: 'en', author_id: '42' },
                includes: { users: [{ id: '42', name: 'Sam', username: 'sam', location: 'Leeds, UK' }] },
              },
            },
          ],
        },
      ],
    });
    try {
      const notices: string[] = [];
      const [source] = createSourcesFromEnv(
        { TWITTER_BEARER_TOKEN: TEST_BEARER_TOKEN, TWITTER_API_URL: server.baseUrl, TWITTER_MODE: 'stream' },
        { onEvent: (event) => event.type === 'notice' && notices.push(event.message) },
      );

      const [post] = await take(source, 1);

      expect(post.author?.location).toBe('Leeds, UK');
      expect(server.rules.length).toBeGreaterThan(0);
      expect(server.rules.every((rule) => rule.tag?.startsWith('outage-radar:'))).toBe(true);
      expect(notices.filter((notice) => notice.startsWith('stream rule rejected'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
