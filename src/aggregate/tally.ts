// One bucket while it is being counted, and the delta form in which buckets travel to a store.
import type { Bucket, Post } from '../model/types.ts';
import { FNV_OFFSET, hashText } from '../text/hash.ts';

/** How many complaint post ids a bucket keeps as incident examples, unless configured. */
export const DEFAULT_EXAMPLES_PER_BUCKET = 5;

/**
 * A bucket's counts ready to be merge-added into a store. It carries the complaining authors
 * themselves (not just their number) so that distinct counts merge exactly across deltas.
 * `authors` equals `authorIds.length`.
 */
export interface BucketDelta extends Bucket {
  authorIds: string[];
  examplePostIds: string[];
}

/** A bucket being counted: its counts plus the sets of complaining author keys and complaint text keys. */
export interface Tally {
  bucket: BucketDelta;
  authorSet: Set<string>;
  textSet: Set<string>;
}

/** Words from which a sentence is too specific to be typed the same way by two people independently. */
const SPECIFIC_WORDS = 12;

/**
 * A short key for a complaint's text that is the same for copies of one post: a reshare
 * ("RT @someone: ...") and its original, the same link shared with the same words, or the same long
 * sentence pasted around, whatever the links, mentions, emoji, case or punctuation. A thousand
 * reshares of one post are then one text, not a thousand complaints. Short texts without a link
 * ("whatsapp down?") are what many people write on their own, so each post is a text of its own.
 */
export function complaintTextKey(post: Pick<Post, 'source' | 'id' | 'text'>): string {
  return complaintTextHash(post).toString(36);
}

/** `complaintTextKey` as the number it writes in base 36. */
export function complaintTextHash(post: Pick<Post, 'source' | 'id' | 'text'>): number {
  const reshare = /^\s*rt @/i.test(post.text);
  const link = /https?:\/\//i.test(post.text);
  const words = post.text
    .toLowerCase()
    .replace(/^(\s*rt @[\p{L}\p{N}_.]+:?)+/u, '')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\p{L}\p{N}_.]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const copied = words !== '' && (reshare || link || words.split(' ').length >= SPECIFIC_WORDS);
  const normalised = copied ? words : `\u0000${post.source}:${post.id}`;
  // FNV-1a, 32 bits: a collision merges two texts of one bucket, which only undercounts by one.
  return hashText(normalised, FNV_OFFSET) >>> 0;
}

/** A string-keyed counter without inherited keys, so a symptom named "constructor" counts like any other. */
export function emptyCounter(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

export function newTally(service: string, region: string, start: number): Tally {
  return {
    bucket: {
      service,
      region,
      start,
      complaints: 0,
      noise: { news: 0, joke: 0, other: 0 },
      negative: 0,
      authors: 0,
      languages: emptyCounter(),
      symptoms: emptyCounter(),
      authorIds: [],
      examplePostIds: [],
    },
    authorSet: new Set(),
    textSet: new Set(),
  };
}

/** Adds `source`'s counts into `target`; own keys only, so that a plain object's target works like a counter. */
export function addToCounter(target: Record<string, number>, source: Record<string, number>): void {
  for (const key in source) target[key] = (Object.hasOwn(target, key) ? target[key] : 0) + source[key];
}

/** The counts a cell adds up when two copies of it merge (authors and texts are sets: merged apart). */
export type BucketCounts = Pick<Bucket, 'complaints' | 'noise' | 'negative' | 'languages' | 'symptoms'>;

/** Adds `from`'s counts into `into`. */
export function addBucketCounts(into: BucketCounts, from: BucketCounts): void {
  into.complaints += from.complaints;
  into.noise.news += from.noise.news;
  into.noise.joke += from.noise.joke;
  into.noise.other += from.noise.other;
  into.negative += from.negative;
  addToCounter(into.languages, from.languages);
  addToCounter(into.symptoms, from.symptoms);
}

/** Merge-adds a delta: counts add up, authors and texts are set unions, examples keep the first `maxExamples`. */
export function mergeDelta(tally: Tally, delta: Bucket & { authorIds?: string[] }, maxExamples: number): void {
  const bucket = tally.bucket;
  addBucketCounts(bucket, delta);
  for (const author of delta.authorIds ?? []) tally.authorSet.add(author);
  bucket.authors = tally.authorSet.size;
  for (const key of delta.textKeys ?? []) tally.textSet.add(key);
  for (const postId of delta.examplePostIds ?? []) {
    if (bucket.examplePostIds.length >= maxExamples) break;
    if (!bucket.examplePostIds.includes(postId)) bucket.examplePostIds.push(postId);
  }
}

/** A detached copy of the tally as a Bucket (later counting does not change it); `textKeys` only when some are known. */
export function snapshotBucket(tally: Tally): Bucket {
  const bucket = tally.bucket;
  const snapshot: Bucket = {
    service: bucket.service,
    region: bucket.region,
    start: bucket.start,
    complaints: bucket.complaints,
    noise: { news: bucket.noise.news, joke: bucket.noise.joke, other: bucket.noise.other },
    negative: bucket.negative,
    authors: tally.authorSet.size,
    languages: copyCounter(bucket.languages),
    symptoms: copyCounter(bucket.symptoms),
    examplePostIds: bucket.examplePostIds.slice(),
  };
  if (tally.textSet.size > 0) snapshot.textKeys = Array.from(tally.textSet).sort();
  return snapshot;
}

/** A detached copy of the tally as a delta, authors included, for a store to merge. */
export function snapshotDelta(tally: Tally): BucketDelta {
  const bucket = snapshotBucket(tally) as BucketDelta;
  bucket.authorIds = Array.from(tally.authorSet);
  return bucket;
}

function copyCounter(counter: Record<string, number>): Record<string, number> {
  const copy: Record<string, number> = {};
  for (const key in counter) copy[key] = counter[key];
  return copy;
}

/** Orders buckets by time, then service, then region: the order every reader gets. */
export function compareBuckets(a: Bucket, b: Bucket): number {
  return a.start - b.start || compareText(a.service, b.service) || compareText(a.region, b.region);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
