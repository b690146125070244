// The replay engine: minute by minute, every stream contributes a Poisson number of posts, which
// are spread over the minute, put in time order and turned into Posts of one source each.
// Nothing but the current minute is held in memory, so millions of posts stream through.
import type { Author, Label, Post, SentimentLabel, SourceName } from '../model/types.ts';
import type { SampleAuthor } from './authors.ts';
import { Random, WeightedTable } from './random.ts';
import { country, placeName } from './world.ts';

export const POST_KINDS = [
  'complaint', 'recovery', 'news', 'joke', 'marketing', 'mention', 'other-sense', 'status', 'ad', 'reshare', 'bot',
] as const;
/** What the generator meant a post to be (finer than the gold label). */
export type PostKind = (typeof POST_KINDS)[number];

/** A post before it has a time, an id and a source. */
export interface Draft {
  kind: PostKind;
  text: string;
  /** The language the text is written in. */
  lang: string;
  /** The language tag the source reports, when it differs from `lang` ('und' for emoji and hashtags only). */
  langTag?: string;
  author: SampleAuthor;
  /** Catalogue ids the post is about (empty for other senses of the words). */
  services: string[];
  gold: { label: Label; sentiment?: SentimentLabel };
}

export interface Stream {
  /** Expected posts (at scale 1) in the minute starting at `minuteStart` (epoch ms). */
  rate(minuteStart: number): number;
  draw(random: Random, minuteStart: number): Draft;
}

export interface Timeline {
  /** Epoch ms of the first minute. */
  start: number;
  minutes: number;
  streams: readonly Stream[];
  /** Share of posts per source (twitter, mastodon, csv). */
  sources: Readonly<Record<string, number>>;
  /** Single posts at exact times (epoch ms), whatever the scale: the origin of a viral post. */
  pinned?: readonly PinnedPost[];
}

export interface PinnedPost {
  at: number;
  draft: Draft;
}

/** A generated post with what the generator knows about it (tests and truth use the extras). */
export interface SamplePost {
  post: Post;
  kind: PostKind;
  services: string[];
  author: SampleAuthor;
}

const TWITTER_EPOCH = 1_288_834_974_657n;

/** Ids that sort by time like the real ones: Twitter snowflakes, Mastodon's ms << 16 scheme. */
class IdMaker {
  private lastMs = -1;
  private sequence = 0;

  constructor(private readonly source: string) {}

  next(ms: number, random: Random): string {
    if (ms === this.lastMs) this.sequence++;
    else {
      this.lastMs = ms;
      this.sequence = 0;
    }
    if (this.source === 'mastodon') return String((BigInt(ms) << 16n) | BigInt(this.sequence & 0xffff));
    const worker = BigInt(random.int(1024));
    return String(((BigInt(ms) - TWITTER_EPOCH) << 22n) | (worker << 12n) | BigInt(this.sequence & 0xfff));
  }
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function toPost(draft: Draft, source: SourceName, id: string, ms: number, random: Random): Post {
  const { author } = draft;
  const tag = draft.langTag ?? draft.lang;
  // Twitter and CSV exports carry second precision; Mastodon keeps milliseconds.
  const createdAt = new Date(source === 'mastodon' ? ms : ms - (ms % 1000)).toISOString();
  const postAuthor: Author = { id: author.id, followers: author.followers };
  const post: Post = { id, source, text: draft.text, createdAt, gold: draft.gold, author: postAuthor };
  if (tag !== 'und') post.lang = tag;
  // Mastodon has neither profile locations nor places.
  if (source === 'mastodon') {
    post.url = `https://${author.instance}/@${author.username}/${id}`;
    return post;
  }
  if (author.location !== undefined) postAuthor.location = author.location;
  if (source === 'twitter') post.url = `https://twitter.com/${author.username}/status/${id}`;
  if (author.sharesPlace && random.chance(0.6)) {
    post.place = { countryCode: author.country, name: placeName(country(author.country), author.home) };
    if (random.chance(0.3)) {
      post.geo = {
        lat: roundTo(author.home.lat + random.between(-0.05, 0.05), 6),
        lon: roundTo(author.home.lon + random.between(-0.05, 0.05), 6),
      };
    }
  }
  return post;
}

/** Replays a timeline as time-ordered posts. Same timeline, seed and scale: the same posts, in the same order. */
export function* replay(timeline: Timeline, seed: number | string, scale: number): Generator<SamplePost> {
  const random = new Random(`replay|${seed}`);
  const sources = WeightedTable.fromRecord(timeline.sources);
  const idMakers: Record<string, IdMaker> = Object.fromEntries(sources.items.map((source) => [source, new IdMaker(source)]));
  for (let minute = 0; minute < timeline.minutes; minute++) {
    const minuteStart = timeline.start + minute * 60_000;
    const batch: { ms: number; draft: Draft }[] = (timeline.pinned ?? [])
      .filter((pinned) => pinned.at >= minuteStart && pinned.at < minuteStart + 60_000)
      .map((pinned) => ({ ms: pinned.at, draft: pinned.draft }));
    for (const stream of timeline.streams) {
      const count = random.poisson(stream.rate(minuteStart) * scale);
      for (let i = 0; i < count; i++) {
        batch.push({ ms: minuteStart + random.int(60_000), draft: stream.draw(random, minuteStart) });
      }
    }
    batch.sort((a, b) => a.ms - b.ms);
    for (const { ms, draft } of batch) {
      const source = sources.draw(random);
      const id = idMakers[source].next(ms, random);
      yield { post: toPost(draft, source, id, ms, random), kind: draft.kind, services: draft.services, author: draft.author };
    }
  }
}
