import { describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import type { ClassifiedPost, Label, SentimentLabel } from '../src/model/types.ts';

interface Sample {
  id: string;
  at: string;
  text: string;
  services: string[];
  label?: Label;
  country?: string;
  author?: string;
  source?: string;
  lang?: string;
  sentiment?: SentimentLabel;
  symptoms?: string[];
}

function classified(sample: Sample): ClassifiedPost {
  const lang = sample.lang ?? 'en';
  return {
    post: {
      id: sample.id,
      source: sample.source ?? 'mastodon',
      text: sample.text,
      createdAt: sample.at,
      lang,
      author: sample.author === undefined ? undefined : { id: sample.author },
    },
    verdict: {
      postId: sample.id,
      services: sample.services,
      label: sample.label ?? 'complaint',
      score: sample.label === undefined || sample.label === 'complaint' ? 0.9 : 0.1,
      sentiment: { label: sample.sentiment ?? 'negative', score: sample.sentiment === 'positive' ? 0.6 : -0.7 },
      symptoms: sample.symptoms ?? [],
      lang,
      region: { country: sample.country ?? 'NL', source: 'profile', confidence: 0.8 },
      why: [],
    },
  };
}

const minute = (iso: string) => Date.parse(iso);

describe('Aggregator', () => {
  it('counts a complaint once in every service it names, in its country and the minute of its event time', () => {
    const aggregator = new Aggregator();
    aggregator.add(classified({ id: '1', at: '2024-03-05T14:31:42.120Z', text: 'whatsapp and instagram both down, meta again?', services: ['whatsapp', 'instagram'], author: 'u1' }));
    const buckets = aggregator.buckets();
    expect(buckets.map((b) => [b.service, b.region, b.start, b.complaints])).toEqual([
      ['instagram', 'NL', minute('2024-03-05T14:31:00Z'), 1],
      ['whatsapp', 'NL', minute('2024-03-05T14:31:00Z'), 1],
    ]);
  });

  it('puts posts in buckets of their createdAt, not of the time they are added', () => {
    const aggregator = new Aggregator(60_000);
    aggregator.add(classified({ id: '1', at: '2019-07-03T10:59:59.999Z', text: 'cloudflare down, every site 502', services: ['cloudflare'], author: 'a' }));
    aggregator.add(classified({ id: '2', at: '2019-07-03T11:00:00.000Z', text: 'half the internet is 502 thanks cloudflare', services: ['cloudflare'], author: 'b' }));
    expect(aggregator.buckets().map((b) => b.start)).toEqual([minute('2019-07-03T10:59:00Z'), minute('2019-07-03T11:00:00Z')]);
  });

  it('uses the configured bucket width', () => {
    const aggregator = new Aggregator(5 * 60_000);
    aggregator.add(classified({ id: '1', at: '2024-03-05T14:34:10Z', text: 'outlook down?', services: ['outlook'] }));
    expect(aggregator.buckets()[0].start).toBe(minute('2024-03-05T14:30:00Z'));
  });

  it('counts news, jokes and other mentions as noise by label, not as complaints', () => {
    const aggregator = new Aggregator();
    const at = '2024-03-05T14:31:00Z';
    aggregator.add(classified({ id: '1', at, text: 'Meta confirms WhatsApp outage affecting millions', services: ['whatsapp'], label: 'news', sentiment: 'neutral' }));
    aggregator.add(classified({ id: '2', at, text: 'whatsapp down so I finally talked to my family lol', services: ['whatsapp'], label: 'joke', sentiment: 'positive' }));
    aggregator.add(classified({ id: '3', at, text: 'new whatsapp update has nice stickers', services: ['whatsapp'], label: 'other', sentiment: 'positive' }));
    aggregator.add(classified({ id: '4', at, text: 'whatsapp messages stuck on one tick', services: ['whatsapp'], author: 'u4' }));
    const [bucket] = aggregator.buckets();
    expect(bucket.complaints).toBe(1);
    expect(bucket.noise).toEqual({ news: 1, joke: 1, other: 1 });
  });

  it('counts negative sentiment over every mention of the service, complaint or not', () => {
    const aggregator = new Aggregator();
    const at = '2024-03-05T14:31:00Z';
    aggregator.add(classified({ id: '1', at, text: 'ugh, another whatsapp outage story on the news', services: ['whatsapp'], label: 'news', sentiment: 'negative' }));
    aggregator.add(classified({ id: '2', at, text: 'whatsapp not sending photos', services: ['whatsapp'], sentiment: 'negative' }));
    aggregator.add(classified({ id: '3', at, text: 'whatsapp down? works for me now', services: ['whatsapp'], sentiment: 'neutral' }));
    expect(aggregator.buckets()[0].negative).toBe(2);
  });

  it('counts distinct complaining authors, per source, falling back to the post id', () => {
    const aggregator = new Aggregator();
    const at = '2024-03-05T14:31:00Z';
    aggregator.add(classified({ id: '1', at, text: 'ING app down', services: ['ing'], author: '42', source: 'twitter' }));
    aggregator.add(classified({ id: '2', at, text: 'ING app STILL down', services: ['ing'], author: '42', source: 'twitter' }));
    aggregator.add(classified({ id: '3', at, text: 'ing bankieren werkt niet', services: ['ing'], author: '42', source: 'mastodon' }));
    aggregator.add(classified({ id: '4', at, text: 'ing storing?', services: ['ing'] }));
    aggregator.add(classified({ id: '5', at, text: 'ing storing weer', services: ['ing'] }));
    const [bucket] = aggregator.buckets();
    expect(bucket.complaints).toBe(5);
    expect(bucket.authors).toBe(4);
    expect(bucket.authorIds.sort()).toEqual(['mastodon:42', 'mastodon:post:4', 'mastodon:post:5', 'twitter:42']);
  });

  it('counts languages and symptoms of complaints', () => {
    const aggregator = new Aggregator();
    const at = '2024-03-05T14:31:00Z';
    aggregator.add(classified({ id: '1', at, text: 'kan niet inloggen bij ING', services: ['ing'], lang: 'nl', symptoms: ['login'] }));
    aggregator.add(classified({ id: '2', at, text: 'ING app login fails and payments bounce', services: ['ing'], lang: 'en', symptoms: ['login', 'payments'] }));
    aggregator.add(classified({ id: '3', at, text: 'ING betalen lukt niet', services: ['ing'], lang: 'nl', symptoms: ['payments'] }));
    aggregator.add(classified({ id: '4', at, text: 'ING announces new login screen', services: ['ing'], lang: 'en', label: 'news', symptoms: ['login'] }));
    const [bucket] = aggregator.buckets();
    expect(bucket.languages).toEqual({ nl: 2, en: 1 });
    expect(bucket.symptoms).toEqual({ login: 2, payments: 2 });
  });

  it('does not aggregate a post that names no service and says so', () => {
    const aggregator = new Aggregator();
    const counted = aggregator.add(classified({ id: '1', at: '2024-03-05T14:31:00Z', text: 'my internet is slow today', services: [] }));
    expect(counted).toBe(false);
    expect(aggregator.size).toBe(0);
  });

  it('counts a service named twice in one verdict once', () => {
    const aggregator = new Aggregator();
    aggregator.add(classified({ id: '1', at: '2024-03-05T14:31:00Z', text: 'steam down, steam store not loading', services: ['steam', 'steam'] }));
    expect(aggregator.buckets()[0].complaints).toBe(1);
  });

  it('keeps the first complaint post ids of a bucket as examples, up to the configured number', () => {
    const aggregator = new Aggregator(60_000, { examplesPerBucket: 2 });
    const at = '2024-03-05T14:31:00Z';
    aggregator.add(classified({ id: 'n1', at, text: 'Reuters: Slack outage', services: ['slack'], label: 'news' }));
    for (const id of ['c1', 'c2', 'c3']) aggregator.add(classified({ id, at, text: 'slack not loading messages', services: ['slack'] }));
    expect(aggregator.buckets()[0].examplePostIds).toEqual(['c1', 'c2']);
  });

  it('reads buckets out sorted by time, then service, then region', () => {
    const aggregator = new Aggregator();
    aggregator.add(classified({ id: '1', at: '2024-03-05T14:32:00Z', text: 'aws down', services: ['aws'], country: 'US' }));
    aggregator.add(classified({ id: '2', at: '2024-03-05T14:31:00Z', text: 'x down', services: ['x'], country: 'DE' }));
    aggregator.add(classified({ id: '3', at: '2024-03-05T14:31:00Z', text: 'aws us-east-1 down', services: ['aws'], country: 'US' }));
    aggregator.add(classified({ id: '4', at: '2024-03-05T14:31:00Z', text: 'aws eu-central-1 down', services: ['aws'], country: 'DE' }));
    expect(aggregator.buckets().map((b) => `${b.start - minute('2024-03-05T14:31:00Z')} ${b.service} ${b.region}`)).toEqual([
      '0 aws DE', '0 aws US', '0 x DE', '60000 aws US',
    ]);
  });

  it('takes and removes only the buckets that start before a time, leaving later ones counting', () => {
    const aggregator = new Aggregator();
    aggregator.add(classified({ id: '1', at: '2024-03-05T14:30:10Z', text: 'github down', services: ['github'] }));
    aggregator.add(classified({ id: '2', at: '2024-03-05T14:31:10Z', text: 'github actions stuck', services: ['github'] }));
    const closed = aggregator.takeBefore(minute('2024-03-05T14:31:00Z'));
    expect(closed.map((b) => b.start)).toEqual([minute('2024-03-05T14:30:00Z')]);
    aggregator.add(classified({ id: '3', at: '2024-03-05T14:31:50Z', text: 'github 500s', services: ['github'] }));
    expect(aggregator.buckets().map((b) => [b.start, b.complaints])).toEqual([[minute('2024-03-05T14:31:00Z'), 2]]);
  });

  it('keeps apart every service x region of a minute, and counts a pair seen again in a later minute in a cell of its own', () => {
    const aggregator = new Aggregator();
    const cells = [['aws', 'US'], ['aws', 'DE'], ['x', 'US'], ['x', 'DE']];
    cells.forEach(([service, country], i) => aggregator.add(classified({ id: `a${i}`, at: '2024-03-05T14:31:00Z', text: 'down', services: [service], country })));
    aggregator.add(classified({ id: 'b', at: '2024-03-05T14:31:30Z', text: 'down', services: ['x'], country: 'DE' }));
    aggregator.add(classified({ id: 'c', at: '2024-03-05T14:32:00Z', text: 'down', services: ['aws'], country: 'US' }));
    expect(aggregator.size).toBe(5);
    expect(aggregator.cellsPerService()).toEqual(new Map([['aws', 3], ['x', 2]]));
    expect(aggregator.buckets().map((b) => `${b.start - minute('2024-03-05T14:31:00Z')} ${b.service} ${b.region} ${b.complaints}`)).toEqual([
      '0 aws DE 1', '0 aws US 1', '0 x DE 2', '0 x US 1', '60000 aws US 1',
    ]);
  });

  it('hands out copies that later counting does not change', () => {
    const aggregator = new Aggregator();
    aggregator.add(classified({ id: '1', at: '2024-03-05T14:31:00Z', text: 'discord down', services: ['discord'], author: 'a' }));
    const before = aggregator.buckets();
    aggregator.add(classified({ id: '2', at: '2024-03-05T14:31:20Z', text: 'discord down for me too', services: ['discord'], author: 'b' }));
    expect(before[0].complaints).toBe(1);
    expect(before[0].authors).toBe(1);
  });

  it('keeps every distinct author and text of a busy minute, authors in the order they came and texts sorted', () => {
    const aggregator = new Aggregator(60_000, { examplesPerBucket: 3 });
    const authors = ['u5', 'u1', 'u9', 'u2', 'u7', 'u3', 'u8', 'u4', 'u6', 'u10', 'u11', 'u12'];
    authors.forEach((author, i) => {
      aggregator.add(classified({ id: `p${i}`, at: '2024-03-05T14:31:00Z', text: `discord down, error ${i} again`, services: ['discord'], author, symptoms: ['constructor'] }));
      aggregator.add(classified({ id: `q${i}`, at: '2024-03-05T14:31:30Z', text: 'discord down', services: ['discord'], author: authors[0], lang: i % 2 ? 'de' : 'en' }));
    });
    const [bucket] = aggregator.buckets();
    expect(bucket.complaints).toBe(24);
    expect(bucket.authors).toBe(12);
    expect(bucket.authorIds).toEqual(authors.map((a) => `mastodon:${a}`));
    expect(bucket.textKeys).toHaveLength(24);
    expect(bucket.textKeys).toEqual([...bucket.textKeys!].sort());
    expect(bucket.languages).toEqual({ en: 18, de: 6 });
    expect(bucket.symptoms).toEqual({ constructor: 12 });
    expect(bucket.examplePostIds).toEqual(['p0', 'q0', 'p1']);
  });

  it('rejects a post whose createdAt is not a time, naming the post', () => {
    const aggregator = new Aggregator();
    expect(() => aggregator.add(classified({ id: '77', at: 'yesterday', text: 'teams down', services: ['teams'] }))).toThrow(/mastodon:77.*yesterday/);
  });
});
