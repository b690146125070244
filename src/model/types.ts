// The values that cross module boundaries (see ../shared/DESIGN.md). No I/O here.
import type { GLOBAL_REGION } from './constants.ts';

/** Where a post came from; with its id it makes the dedupe key `source:id` (see dedupe-key.ts). */
export type SourceName = 'twitter' | 'mastodon' | 'bluesky' | 'csv' | 'jsonl' | 'api' | (string & {});

export interface Author {
  id: string;
  /** Free-text profile location ("Rotterdam, NL", "somewhere in Bavaria"). */
  location?: string;
  followers?: number;
  /** IANA time zone or UTC offset label when the source gives one ("Europe/Amsterdam"). */
  timezone?: string;
}

export interface Place {
  countryCode?: string;
  name?: string;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** One social-media post in the project's own shape; every source maps its wire format here. */
export interface Post {
  id: string;
  source: SourceName;
  text: string;
  /** ISO 8601 event time (UTC). Aggregation uses this, never the wall clock. */
  createdAt: string;
  /** ISO 639-1 language when the source gives one ('und' and the like are dropped). */
  lang?: string;
  author?: Author;
  place?: Place;
  geo?: GeoPoint;
  url?: string;
  /** Gold labels carried by evaluation files; never read by the classifier. */
  gold?: { label?: Label; sentiment?: SentimentLabel };
}

export const LABELS = ['complaint', 'news', 'joke', 'other'] as const;
export type Label = (typeof LABELS)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

export type RegionSource = 'place' | 'geo' | 'profile' | 'timezone' | 'language' | 'unknown';

export interface Region {
  /** ISO 3166-1 alpha-2, or 'ZZ' when unknown. */
  country: string;
  /** Finer area when the post allows it (ISO 3166-2 code or a city name). */
  subdivision?: string;
  source: RegionSource;
  /** 0..1: how much the answer can be trusted. */
  confidence: number;
}

export interface Sentiment {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
}

/** The classifier's answer for one post. */
export interface Verdict {
  postId: string;
  services: string[];
  label: Label;
  /** 0..1 probability that the post is a complaint. */
  score: number;
  sentiment: Sentiment;
  symptoms: string[];
  lang: string;
  region: Region;
  /** The features that decided the verdict, most important first ("outage:werkt niet", "news:according to"). */
  why: string[];
}

/** A post together with its verdict: what aggregation consumes. */
export interface ClassifiedPost {
  post: Post;
  verdict: Verdict;
}

/** Counts for one service x region x time bucket. */
export interface Bucket {
  service: string;
  region: string;
  /** Bucket start, epoch milliseconds (UTC). */
  start: number;
  complaints: number;
  /** Non-complaint mentions by label. */
  noise: { news: number; joke: number; other: number };
  negative: number;
  /** Distinct complaining authors. */
  authors: number;
  languages: Record<string, number>;
  symptoms: Record<string, number>;
  /** Up to a few complaint post ids, in arrival order, for incident examples. */
  examplePostIds?: string[];
  /**
   * Distinct keys of the complaints' normalised texts (short hashes, sorted), so that near-identical
   * posts, reshares above all, can be counted once. Absent where a bucket was counted without them.
   */
  textKeys?: string[];
}

export interface Evidence {
  /** Complaints observed in the bucket. */
  complaints: number;
  /** Expected complaints for this service x region at this time. */
  baseline: number;
  /**
   * Tail probability of the complaints of the most surprising recent horizon (1 to 30 buckets) given
   * the baseline, after paying for the number of horizons looked at.
   */
  pValue: number;
  distinctAuthors: number;
  /** Complaints / all mentions in the bucket. */
  complaintShare: number;
  negativeShare: number;
  regions: string[];
  languages: string[];
  topSymptoms: string[];
  newsMentions: number;
  /**
   * The recent horizon the confidence rests on (absent when no horizon was surprising): its length in
   * buckets, the complaints in it, the same counted once per author and text, and the baseline's sum.
   */
  horizon?: { buckets: number; complaints: number; voices: number; expected: number };
}

export interface Signal {
  service: string;
  region: string;
  /** Bucket start, epoch ms. */
  at: number;
  complaints: number;
  baseline: number;
  /** 0..1 outage confidence. */
  confidence: number;
  evidence: Evidence;
}

/**
 * One outage of one service, as a person would count it: it spans its service-wide episode and the
 * episodes of its regions, and lasts until all of them are over.
 */
export interface Incident {
  id: string;
  service: string;
  /** Always 'GLOBAL': an incident is the service's; its regions' own episodes are in `episodes`. */
  region: typeof GLOBAL_REGION;
  /** ISO times. `end` is absent while the incident is open. */
  start: string;
  peak: string;
  end?: string;
  peakConfidence: number;
  /** All the service's complaints from the start to the end (or to now), every region. */
  complaints: number;
  /** The regions affected (those with an episode, and those the service-wide signal named). */
  regions: string[];
  languages: string[];
  topSymptoms: string[];
  examplePostIds: string[];
  /** The regions' own episodes, by start: at most one per region unless it came back after a hold. */
  episodes: RegionEpisode[];
}

/** A region's own episode within a service's incident. */
export interface RegionEpisode {
  region: string;
  /** ISO times. `end` is absent while the episode is open. */
  start: string;
  peak: string;
  end?: string;
  peakConfidence: number;
  /** The region's complaints from the start to the end (or to now). */
  complaints: number;
}
