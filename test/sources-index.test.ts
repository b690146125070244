import { describe, expect, it } from 'vitest';
import { createSourcesFromEnv } from '../src/sources/index.ts';

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

  it('reject a malformed setting with an error naming the variable', () => {
    expect(() => createSourcesFromEnv({ TWITTER_BEARER_TOKEN: 'token', TWITTER_MODE: 'firehose' })).toThrow(/TWITTER_MODE must be one of search, stream, both/);
    expect(() => createSourcesFromEnv({ REPLAY_PATHS: 'a.jsonl', REPLAY_SPEED: 'fast' })).toThrow(/REPLAY_SPEED must be a positive number/);
  });
});
