import { describe, expect, it } from 'vitest';
import { postFromJetstreamEvent } from '../src/sources/formats/bluesky.ts';
import { FormatError } from '../src/sources/formats/errors.ts';
import { normaliseLang } from '../src/sources/formats/lang.ts';
import { postFromMastodonStatus } from '../src/sources/formats/mastodon.ts';
import { parseProjectPost } from '../src/sources/formats/project.ts';
import { postFromRow } from '../src/sources/formats/row.ts';
import { toIsoTime } from '../src/sources/formats/time.ts';
import { postsFromTwitterPayload } from '../src/sources/formats/twitter.ts';
import type { Post } from '../src/model/types.ts';

const tweet = {
  id: '1765000000000000001',
  text: 'Is Instagram down? Feed will not load',
  created_at: '2024-03-05T14:10:00.000Z',
  lang: 'en',
  author_id: '42',
  geo: { place_id: 'p1', coordinates: { type: 'Point', coordinates: [-0.1276, 51.5072] } },
  edit_history_tweet_ids: ['1765000000000000001'],
};
const includes = {
  users: [{ id: '42', username: 'londoner', location: 'London', public_metrics: { followers_count: 250 } }],
  places: [{ id: 'p1', full_name: 'London, England', country_code: 'GB' }],
};

/** The posts of a Twitter payload; a rejected item fails the test. */
function tweetPosts(payload: unknown): Post[] {
  return postsFromTwitterPayload(payload).map((item) => {
    if (item instanceof FormatError) throw item;
    return item;
  });
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error.reason;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('Twitter v2 payloads', () => {
  it('maps a bare tweet object to one post with its id, text, time and language', () => {
    expect(postsFromTwitterPayload(tweet)).toEqual([
      {
        id: '1765000000000000001',
        source: 'twitter',
        text: 'Is Instagram down? Feed will not load',
        createdAt: '2024-03-05T14:10:00.000Z',
        lang: 'en',
        author: { id: '42' },
        geo: { lat: 51.5072, lon: -0.1276 },
        url: 'https://x.com/i/web/status/1765000000000000001',
      },
    ]);
  });

  it('resolves the author location, followers and the place from the includes of a response page', () => {
    const [post] = tweetPosts({ data: [tweet], includes, meta: { result_count: 1 } });
    expect(post.author).toEqual({ id: '42', location: 'London', followers: 250 });
    expect(post.place).toEqual({ countryCode: 'GB', name: 'London, England' });
    expect(post.url).toBe('https://x.com/londoner/status/1765000000000000001');
  });

  it('reads a stream message whose data is a single tweet', () => {
    expect(postsFromTwitterPayload({ data: tweet, includes, matching_rules: [{ id: '1', tag: 'outages' }] })).toHaveLength(1);
  });

  it('gives no posts for a search page without results', () => {
    expect(postsFromTwitterPayload({ meta: { result_count: 0 } })).toEqual([]);
  });

  it('drops Twitter pseudo-languages such as und, zxx and qme', () => {
    for (const lang of ['und', 'zxx', 'qme', 'qht']) {
      expect(tweetPosts({ ...tweet, lang })[0].lang).toBeUndefined();
    }
  });

  it('uses the full text of a long tweet from note_tweet', () => {
    const long = { ...tweet, text: 'cut off…', note_tweet: { text: 'the whole long text about the outage' } };
    expect(tweetPosts(long)[0].text).toBe('the whole long text about the outage');
  });

  it('maps a retweet to the original tweet when the original is included', () => {
    const original = { ...tweet, id: '100', author_id: '42' };
    const retweet = { ...tweet, id: '200', author_id: '7', text: 'RT @londoner: Is Instagram down?', referenced_tweets: [{ type: 'retweeted', id: '100' }] };
    const [post] = tweetPosts({ data: [retweet], includes: { ...includes, tweets: [original] } });
    expect(post.id).toBe('100');
    expect(post.author?.id).toBe('42');
  });

  it('rejects a tweet without created_at, saying how to request it', () => {
    const { created_at: _, ...withoutTime } = tweet;
    expect(reasonOf(() => postsFromTwitterPayload(withoutTime))).toContain('tweet.fields=created_at');
  });

  it('rejects only the tweet without created_at in a search page, naming its index and id, and maps the rest', () => {
    const { created_at: _, ...withoutTime } = { ...tweet, id: '1765000000000000002' };
    const page = { data: [tweet, withoutTime, { ...tweet, id: '1765000000000000003' }], includes, meta: { result_count: 3 } };
    const items = postsFromTwitterPayload(page);
    expect(items.filter((item) => !(item instanceof FormatError)).map((item) => (item as Post).id)).toEqual(['1765000000000000001', '1765000000000000003']);
    expect(items.flatMap((item) => (item instanceof FormatError ? [item.reason] : []))).toEqual([
      'data[1] (tweet 1765000000000000002): field "created_at" is missing (request tweet.fields=created_at)',
    ]);
  });

  it('rejects a page item that is not an object by its index', () => {
    const items = postsFromTwitterPayload({ data: [tweet, 42], includes });
    expect(items.flatMap((item) => (item instanceof FormatError ? [item.reason] : []))).toEqual([
      'data[1]: tweet in "data[1]" must be a JSON object, got number 42',
    ]);
  });

  it('rejects an error response with the error title', () => {
    const reason = reasonOf(() => postsFromTwitterPayload({ errors: [{ title: 'ConnectionException', detail: 'too many connections' }] }));
    expect(reason).toBe('Twitter error response: ConnectionException: too many connections');
  });

  it('rejects a payload that is not an object', () => {
    expect(reasonOf(() => postsFromTwitterPayload('hello'))).toContain('must be a JSON object');
  });
});

describe('Mastodon statuses', () => {
  const status = {
    id: '112000000000000001',
    uri: 'https://mastodon.social/users/anna/statuses/112000000000000001',
    url: 'https://mastodon.social/@anna/112000000000000001',
    created_at: '2024-03-05T14:20:00.000Z',
    language: 'de',
    spoiler_text: '',
    content: '<p>Ist <a href="https://mastodon.social/tags/GitHub">#<span>GitHub</span></a> down?</p><p>Push &amp; Pull h&#228;ngen&#x1F622;<br/>seit&nbsp;10 Min</p>',
    account: { id: '1', acct: 'anna', url: 'https://mastodon.social/@anna', followers_count: 87 },
    reblog: null,
  };

  it('turns the HTML content into plain text with breaks as spaces and entities decoded', () => {
    expect(postFromMastodonStatus(status).text).toBe('Ist #GitHub down? Push & Pull hängen😢 seit 10 Min');
  });

  it('uses the fediverse-wide uri as id and the qualified handle as author', () => {
    const post = postFromMastodonStatus(status);
    expect(post.id).toBe('https://mastodon.social/users/anna/statuses/112000000000000001');
    expect(post.source).toBe('mastodon');
    expect(post.author).toEqual({ id: 'anna@mastodon.social', followers: 87 });
    expect(post.lang).toBe('de');
    expect(post.url).toBe('https://mastodon.social/@anna/112000000000000001');
  });

  it('maps a boost to the boosted status so that it dedupes with the original', () => {
    const boost = { ...status, id: '998', uri: 'https://fosstodon.org/users/bob/statuses/998', content: '', account: { id: '7', acct: 'bob@fosstodon.org' }, reblog: status };
    const post = postFromMastodonStatus(boost);
    expect(post.id).toBe(status.uri);
    expect(post.author?.id).toBe('anna@mastodon.social');
  });

  it('keeps the words of list items apart', () => {
    expect(postFromMastodonStatus({ ...status, content: '<p>Down:</p><ul><li>Slack</li><li>Zoom</li></ul>' }).text).toBe('Down: Slack Zoom');
  });

  it('keeps a content warning in front of the text', () => {
    expect(postFromMastodonStatus({ ...status, spoiler_text: 'outage rant', content: '<p>again</p>' }).text).toBe('outage rant again');
  });

  it('rejects a status without content', () => {
    const { content: _, ...withoutContent } = status;
    expect(reasonOf(() => postFromMastodonStatus(withoutContent))).toBe('field "content" is missing');
  });
});

describe('Bluesky Jetstream events', () => {
  const create = {
    did: 'did:plc:eygmaihciaxprqvxpfvl6flk',
    time_us: 1709648400123456,
    kind: 'commit',
    commit: {
      rev: '3kmv2bbq7rl2a',
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: '3kmv2bbq6lk2a',
      record: { $type: 'app.bsky.feed.post', text: 'discord down?', createdAt: '2024-03-05T14:20:00.123Z', langs: ['pt-BR'] },
      cid: 'bafyreib2rxk3rh6kzwq',
    },
  };

  it('maps a post creation with id did/rkey, language and profile url', () => {
    expect(postFromJetstreamEvent(create)).toEqual({
      id: 'did:plc:eygmaihciaxprqvxpfvl6flk/3kmv2bbq6lk2a',
      source: 'bluesky',
      text: 'discord down?',
      createdAt: '2024-03-05T14:20:00.123Z',
      lang: 'pt',
      author: { id: 'did:plc:eygmaihciaxprqvxpfvl6flk' },
      url: 'https://bsky.app/profile/did:plc:eygmaihciaxprqvxpfvl6flk/post/3kmv2bbq6lk2a',
    });
  });

  it('gives null for deletes, likes, identity and account events', () => {
    expect(postFromJetstreamEvent({ ...create, commit: { ...create.commit, operation: 'delete', record: undefined } })).toBeNull();
    expect(postFromJetstreamEvent({ ...create, commit: { ...create.commit, collection: 'app.bsky.feed.like' } })).toBeNull();
    expect(postFromJetstreamEvent({ did: create.did, time_us: 1, kind: 'identity', identity: { handle: 'a.bsky.social' } })).toBeNull();
    expect(postFromJetstreamEvent({ did: create.did, time_us: 1, kind: 'account', account: { active: false } })).toBeNull();
  });

  it('falls back to the relay time when the record has no valid createdAt', () => {
    const event = { ...create, commit: { ...create.commit, record: { text: 'x', createdAt: 'soon' } } };
    expect(postFromJetstreamEvent(event)?.createdAt).toBe('2024-03-05T14:20:00.123Z');
  });

  it('rejects a post creation without a record', () => {
    expect(reasonOf(() => postFromJetstreamEvent({ ...create, commit: { ...create.commit, record: undefined } }))).toContain('commit.record');
  });
});

describe('project posts', () => {
  it('drops unknown fields and normalises time and language', () => {
    const post = parseProjectPost({ id: '1', source: 'api', text: 't', createdAt: 1709647400, lang: 'EN-gb', extra: true, gold: { sentiment: 0 } });
    expect(post).toEqual({ id: '1', source: 'api', text: 't', createdAt: '2024-03-05T14:03:20.000Z', lang: 'en', gold: { sentiment: 'negative' } });
  });

  it('names the field that is wrong', () => {
    expect(reasonOf(() => parseProjectPost({ id: '1', source: 'api', text: 't', createdAt: 'x', author: { id: 5 } }))).toBe('field "createdAt" is not a valid date: "x"');
    expect(reasonOf(() => parseProjectPost({ id: '1', source: 'api', text: 't', createdAt: 1, author: { id: 5 } }))).toBe('field "id" must be a string, got number 5');
    expect(reasonOf(() => parseProjectPost({ id: '1', source: 'api', text: 't', createdAt: 1, geo: { lat: 91, lon: 0 } }))).toContain('field "geo"');
  });
});

describe('flat rows', () => {
  const context = { source: 'csv', lenient: false, fallbackId: 'file.csv:2' };

  it('reads location, country, coordinates and gold labels from their columns', () => {
    const post = postFromRow(
      { id: 'c1', created_at: '2024-03-05T14:30:00Z', text: 'no signal', lang: 'en', user_location: 'Manchester', country_code: 'gb', lat: '53.48', lon: '-2.24', label: 'complaint', sentiment: '0' },
      context,
    );
    expect(post).toEqual({
      id: 'c1', source: 'csv', text: 'no signal', createdAt: '2024-03-05T14:30:00.000Z', lang: 'en',
      author: { id: 'anonymous:c1', location: 'Manchester' }, place: { countryCode: 'GB' }, geo: { lat: 53.48, lon: -2.24 },
      gold: { label: 'complaint', sentiment: 'negative' },
    });
  });

  it('needs only text in lenient mode', () => {
    expect(postFromRow({ text: 'hi' }, { ...context, lenient: true })).toEqual({ id: 'file.csv:2', source: 'csv', text: 'hi', createdAt: '' });
  });

  it('rejects an unknown gold label, listing the allowed ones', () => {
    expect(reasonOf(() => postFromRow({ text: 'x', label: 'rant' }, { ...context, lenient: true }))).toBe('field "label" must be one of complaint|news|joke|other, got "rant"');
  });
});

describe('timestamps and languages', () => {
  it('normalises ISO strings, Twitter v1.1 dates and epoch seconds, milliseconds and microseconds to ISO UTC', () => {
    expect(toIsoTime('2024-03-05T15:02:11+01:00', 't')).toBe('2024-03-05T14:02:11.000Z');
    expect(toIsoTime('Tue Mar 05 14:02:11 +0000 2024', 't')).toBe('2024-03-05T14:02:11.000Z');
    expect(toIsoTime(1709647331, 't')).toBe('2024-03-05T14:02:11.000Z');
    expect(toIsoTime('1709647331000', 't')).toBe('2024-03-05T14:02:11.000Z');
    expect(toIsoTime(1709647331000000, 't')).toBe('2024-03-05T14:02:11.000Z');
  });

  it('rejects a date that does not parse', () => {
    expect(reasonOf(() => toIsoTime('2024-13-45', 'created_at'))).toBe('field "created_at" is not a valid date: "2024-13-45"');
  });

  it('keeps the primary language subtag and maps deprecated codes', () => {
    expect(normaliseLang('pt-BR')).toBe('pt');
    expect(normaliseLang('in')).toBe('id');
    expect(normaliseLang('zh-Hant')).toBe('zh');
    expect(normaliseLang(null)).toBeUndefined();
  });
});
