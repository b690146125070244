// The wire formats of the sample archive, as pure encoders: Twitter API v2 search pages, Mastodon
// statuses and CSV rows. A `flaw` asks an encoder to damage its output the way real exports are
// damaged (a repeated tweet across pages, a truncated line, a missing field), so readers' error
// and duplicate reporting has something to report.
import { hash32 } from './random.ts';
import type { SamplePost } from './timeline.ts';

export const FORMATS = ['twitter', 'mastodon', 'csv'] as const;
export type FormatName = (typeof FORMATS)[number];

export type Flaw = 'duplicate' | 'truncated' | 'no-created-at' | 'bad-row' | 'bad-date';

export interface FlawCounts {
  duplicates: number;
  malformedLines: number;
  missingCreatedAt: number;
  badDates: number;
}

export interface Encoder {
  /** Lines (without newline) to append for this post; often none until a page fills. */
  add(sample: SamplePost, flaw?: Flaw): string[];
  /** Lines still held back at the end. */
  finish(): string[];
  readonly flaws: FlawCounts;
}

function noFlaws(): FlawCounts {
  return { duplicates: 0, malformedLines: 0, missingCreatedAt: 0, badDates: 0 };
}

function hex16(text: string): string {
  return hash32(text, 11).toString(16).padStart(8, '0') + hash32(text, 12).toString(16).padStart(8, '0');
}

/** A truncated copy of a line, as left by an interrupted write. */
function truncate(line: string): string {
  return line.slice(0, Math.max(1, Math.floor(line.length * 0.6)));
}

// ---------------------------------------------------------------------------------------------
// Twitter API v2 search responses, one page (up to 100 tweets) per line.

interface TweetV2 {
  id: string;
  text: string;
  created_at?: string;
  lang: string;
  author_id: string;
  geo?: { place_id?: string; coordinates?: { type: 'Point'; coordinates: [number, number] } };
}
interface UserV2 { id: string; username: string; location?: string }
interface PlaceV2 { id: string; full_name: string; country_code: string }

interface PageEntry { tweet: TweetV2; user: UserV2; place?: PlaceV2 }

const TWITTER_PAGE_SIZE = 100;

function twitterEntry(sample: SamplePost, withCreatedAt: boolean): PageEntry {
  const { post, author } = sample;
  const tweet: TweetV2 = { id: post.id, text: post.text, lang: post.lang ?? 'und', author_id: author.id };
  if (withCreatedAt) tweet.created_at = post.createdAt;
  let place: PlaceV2 | undefined;
  if (post.place?.name !== undefined && post.place.countryCode !== undefined) {
    place = { id: hex16(post.place.name), full_name: post.place.name, country_code: post.place.countryCode };
    tweet.geo = { place_id: place.id };
    if (post.geo) tweet.geo.coordinates = { type: 'Point', coordinates: [post.geo.lon, post.geo.lat] };
  }
  const user: UserV2 = { id: author.id, username: author.username };
  if (post.author?.location !== undefined) user.location = post.author.location;
  return { tweet, user, place };
}

export class TwitterPages implements Encoder {
  readonly flaws = noFlaws();
  private page: PageEntry[] = [];
  private carried: PageEntry | undefined;
  private truncateNext = false;
  private pageNumber = 0;
  private pending: string | undefined;

  constructor(private readonly seed: number) {}

  add(sample: SamplePost, flaw?: Flaw): string[] {
    const entry = twitterEntry(sample, flaw !== 'no-created-at');
    if (flaw === 'no-created-at') this.flaws.missingCreatedAt++;
    if (flaw === 'truncated') this.truncateNext = true;
    this.page.push(entry);
    if (flaw === 'duplicate') this.carried = entry;
    return this.page.length >= TWITTER_PAGE_SIZE ? this.flush(true) : [];
  }

  finish(): string[] {
    const lines = this.page.length > 0 ? this.flush(false) : [];
    return [...lines, ...this.release(false)];
  }

  /** Pages are written one behind, so a page knows whether a next one (and its token) exists. */
  private flush(more: boolean): string[] {
    const lines = this.release(true);
    const entries = this.page;
    this.page = [];
    if (this.carried && more) {
      // The same tweet again at the top of the next page, as overlapping pagination does.
      this.page.push(this.carried);
      this.flaws.duplicates++;
    }
    this.carried = undefined;
    this.pending = JSON.stringify(this.render(entries));
    if (this.truncateNext) {
      lines.push(truncate(this.pending));
      this.flaws.malformedLines++;
      this.truncateNext = false;
    }
    return lines;
  }

  private release(hasNext: boolean): string[] {
    if (this.pending === undefined) return [];
    const line = hasNext ? this.pending : this.pending.replace(/,"next_token":"[^"]*"/, '');
    this.pending = undefined;
    return [line];
  }

  private render(entries: PageEntry[]) {
    this.pageNumber++;
    const users = new Map<string, UserV2>();
    const places = new Map<string, PlaceV2>();
    for (const entry of entries) {
      users.set(entry.user.id, entry.user);
      if (entry.place) places.set(entry.place.id, entry.place);
    }
    const ids = entries.map((entry) => BigInt(entry.tweet.id));
    const newest = ids.reduce((a, b) => (b > a ? b : a));
    const oldest = ids.reduce((a, b) => (b < a ? b : a));
    const includes: { users: UserV2[]; places?: PlaceV2[] } = { users: [...users.values()] };
    if (places.size > 0) includes.places = [...places.values()];
    return {
      data: entries.map((entry) => entry.tweet),
      includes,
      meta: {
        result_count: entries.length,
        newest_id: String(newest),
        oldest_id: String(oldest),
        next_token: `b26v89c19zqg8o3f${hex16(`${this.seed}:${this.pageNumber}`)}`.slice(0, 32),
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Mastodon statuses, one per line.

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Status content as Mastodon renders it: paragraphs, links and hashtags as anchors. */
function mastodonContent(text: string, instance: string): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => paragraph.split('\n').map((line) =>
    escapeHtml(line)
      .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" rel="nofollow noopener noreferrer" target="_blank">${url}</a>`)
      .replace(/(^|\s)#([\p{L}\p{N}_]+)/gu, (_all, space: string, tag: string) =>
        `${space}<a href="https://${instance}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`),
  ).join('<br>'));
  return paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('');
}

export class MastodonStatuses implements Encoder {
  readonly flaws = noFlaws();

  add(sample: SamplePost, flaw?: Flaw): string[] {
    const { post, author } = sample;
    const status: Record<string, unknown> = { id: post.id };
    if (flaw === 'no-created-at') this.flaws.missingCreatedAt++;
    else status.created_at = post.createdAt;
    Object.assign(status, {
      content: mastodonContent(post.text, author.instance),
      language: post.lang ?? null,
      visibility: 'public',
      url: post.url,
      account: {
        id: author.id,
        username: author.username,
        acct: `${author.username}@${author.instance}`,
        url: `https://${author.instance}/@${author.username}`,
        followers_count: author.followers,
      },
    });
    const line = JSON.stringify(status);
    if (flaw === 'duplicate') {
      this.flaws.duplicates++;
      return [line, line];
    }
    if (flaw === 'truncated') {
      this.flaws.malformedLines++;
      return [truncate(line), line];
    }
    return [line];
  }

  finish(): string[] {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled).

export const CSV_HEADER = 'id,created_at,text,lang,user_location,country_code,lat,lon';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CsvRows implements Encoder {
  readonly flaws = noFlaws();
  private headerWritten = false;

  add(sample: SamplePost, flaw?: Flaw): string[] {
    const { post } = sample;
    const lines: string[] = [];
    if (!this.headerWritten) {
      lines.push(CSV_HEADER);
      this.headerWritten = true;
    }
    if (flaw === 'bad-row') {
      lines.push(`${post.id},this row lost its other fields`);
      this.flaws.malformedLines++;
    }
    const createdAt = flaw === 'bad-date' ? 'yesterday evening' : post.createdAt;
    if (flaw === 'bad-date') this.flaws.badDates++;
    const row = [
      post.id, createdAt, post.text, post.lang ?? '', post.author?.location ?? '', post.place?.countryCode ?? '',
      post.geo ? String(post.geo.lat) : '', post.geo ? String(post.geo.lon) : '',
    ].map(csvField).join(',');
    lines.push(row);
    if (flaw === 'duplicate') {
      lines.push(row);
      this.flaws.duplicates++;
    }
    return lines;
  }

  finish(): string[] {
    return this.headerWritten ? [] : [CSV_HEADER];
  }
}

/** When (hours after the archive's start) each format gets which flaw; fixed, whatever the scale. */
export const FLAW_SCHEDULE: Readonly<Record<FormatName, readonly { hour: number; flaw: Flaw }[]>> = {
  twitter: [
    ...[0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5, 18.5, 20.5, 22.5].map((hour) => ({ hour, flaw: 'duplicate' as const })),
    { hour: 6, flaw: 'no-created-at' }, { hour: 18, flaw: 'no-created-at' },
    { hour: 9, flaw: 'truncated' }, { hour: 19, flaw: 'truncated' },
  ],
  mastodon: [
    { hour: 12, flaw: 'duplicate' }, { hour: 16, flaw: 'duplicate' },
    { hour: 10, flaw: 'truncated' }, { hour: 17, flaw: 'no-created-at' },
  ],
  csv: [
    { hour: 13, flaw: 'duplicate' }, { hour: 17, flaw: 'duplicate' },
    { hour: 11, flaw: 'bad-row' }, { hour: 20, flaw: 'bad-date' },
  ],
};

export function encoderFor(format: FormatName, seed: number): Encoder {
  switch (format) {
    case 'twitter': return new TwitterPages(seed);
    case 'mastodon': return new MastodonStatuses();
    case 'csv': return new CsvRows();
  }
}
