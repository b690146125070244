// One share of a batch analysis: of the archive records it reads, it keeps the posts whose dedupe key
// hashes to it, so that several shares (worker threads) reading the same files count every post
// exactly once without talking to each other. A share deduplicates, classifies, aggregates and keeps
// the per-service totals of its posts; shares merge afterwards (`mergeShares`). Share 0 also counts
// the lines and the malformed ones, which every share sees alike.
// Posts at an impossible time are left out as they are read. Whether a post is far from the bulk of
// the posts is known only once all are read, so a share counts its posts by slot of event time, and
// `countBulk` keeps the slots of the bulk (see event-range.ts).
import type { ClassifiedPost, Label, Post, Verdict } from '../model/types.ts';
import type { ArchiveRecord } from '../sources/archive/index.ts';
import { dedupeKey, readArchiveBatches } from '../sources/archive/index.ts';
import { createPostClassifier, type PostClassifier } from '../pipeline/classify-post.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { FNV_OFFSET, hashText } from '../text/hash.ts';
import { DEFAULT_EXAMPLES_PER_BUCKET, addBucketCounts, compareBuckets, type BucketDelta } from '../aggregate/tally.ts';
import { NON_COMPLAINT_LABELS, type ComplaintExample, type FileStats, type InputStats, type LabelExamples, type OutOfRangeExample } from '../report/schema.ts';
import type { BucketSpan } from './detection.ts';
import { DedupeSet } from './dedupe-set.ts';
import { clusterGap, clustersOf, impossibleTime, splitBulk, type Stretch } from './event-range.ts';
import { examplePost } from '../pipeline/example-post.ts';

export interface TimeRange {
  from?: number;
  to?: number;
}

/** What every share of one analysis is told alike. */
export interface ShareSettings {
  paths: string[];
  range: TimeRange;
  /** Only these service ids are counted (all when absent). */
  services?: string[];
  bucketMs: number;
  /** The wall clock (epoch ms) that future-dated posts are judged by: one for every share, so that they judge alike. */
  now: number;
}

/** This share is number `index` of `count`. */
export interface ShareIndex {
  index: number;
  count: number;
}

/** Per-service totals that the buckets don't keep: labels, sentiment, symptoms, per-region mentions, examples. */
export interface ServiceTotals {
  labels: Record<Label, number>;
  sentiment: { negative: number; neutral: number; positive: number };
  symptoms: Map<string, number>;
  regions: Map<string, { mentions: number; complaints: number; authors: Set<string> }>;
  /** The most confident complaints, best first, with the features that decided them. */
  examples: ComplaintExample[];
  /** A few posts of each other label, the least complaint-like first. */
  labelExamples: LabelExamples;
}

/** The input statistics that count analysed posts: kept by slot of event time until the bulk is known. */
export type PostCounts = Pick<InputStats, 'analysed' | 'withService' | 'languages' | 'labels' | 'regionSources'>;

/** Where a post is and the time it claims: listed if its slot turns out to be far from the bulk. */
export type PostPlace = Omit<OutOfRangeExample, 'reason'>;

/**
 * The posts of one slot of event time (`clusterGap` long), counted apart. Posts of two clusters never
 * share a slot, so dropping a cluster far from the bulk drops its slots whole, counts and totals alike.
 */
export interface TimeSlot extends Stretch {
  counts: PostCounts;
  services: Map<string, ServiceTotals>;
  /** First and last bucket of its posts that name a service: its part of the detector's range. */
  span?: BucketSpan;
  /** Its first posts in reading order. */
  places: PostPlace[];
}

/** What a share found, as plain data (Maps and Sets included) that crosses threads by structured clone. */
export interface ShareResult {
  /** What was read; the counts of analysed posts are in the slots until `countBulk`. */
  stats: InputStats;
  /** Sorted by start, service, region; authors and texts carried so that shares merge exactly. */
  buckets: BucketDelta[];
  /** Slot number (bucket start / cluster gap, rounded down) -> its posts. */
  slots: Map<number, TimeSlot>;
}

/**
 * A share's result without its buckets, which stay in its worker thread (they go from worker to
 * worker, by group of services, for the detection): what the main thread needs to plan the detection.
 */
export interface ShareSummary {
  stats: InputStats;
  slots: Map<number, TimeSlot>;
  /** Buckets per service: the detection's load, to split the services evenly. */
  load: Map<string, number>;
}

/** What the report counts: the posts of the bulk, once the clusters far from it are dropped. */
export interface BulkCounts {
  stats: InputStats;
  services: Map<string, ServiceTotals>;
  /** First and last bucket of the bulk: the range the detector steps over (none without a bucket). */
  span?: BucketSpan;
}

/** Malformed lines and posts out of range for their time listed in the report, each at most. */
const MAX_LISTED = 20;
const EXAMPLES_PER_SERVICE = 5;
const EXAMPLES_PER_OTHER_LABEL = 3;

/** FNV-1a of a dedupe key: the share that owns the post. */
export function shareOf(key: string, count: number): number {
  if (count === 1) return 0;
  return (hashText(key, FNV_OFFSET) >>> 0) % count;
}

/**
 * Reads the archives and counts a share of their posts; `onBatch` is called after each batch. Only
 * the summary and the aggregator outlive it (not the dedupe set): the buckets go to the detection
 * from the aggregator, chunk after chunk.
 */
export async function readShare(settings: ShareSettings, index: ShareIndex, onBatch: (stats: InputStats) => void): Promise<{ summary: ShareSummary; aggregator: Aggregator }> {
  const classify = createPostClassifier();
  const share = new Share(settings, index);
  for await (const batch of readArchiveBatches(settings.paths, { dedupe: false })) {
    share.accept(batch, classify);
    onBatch(share.stats);
  }
  return { summary: share.summary(), aggregator: share.aggregator };
}

export class Share {
  readonly stats: InputStats;
  readonly aggregator: Aggregator;
  readonly slots = new Map<number, TimeSlot>();
  private readonly perFile: Map<string, FileStats>;
  private readonly lastLine = new Map<FileStats, number>();
  private readonly seen = new DedupeSet();
  private readonly selected?: Set<string>;
  private readonly gapMs: number;
  /** The slot counted last: posts mostly come in time order, so it is the next one's too. */
  private recent?: { number: number; slot: TimeSlot };

  constructor(
    private readonly settings: ShareSettings,
    private readonly share: ShareIndex = { index: 0, count: 1 },
  ) {
    this.stats = newInputStats(settings.paths);
    this.perFile = new Map(this.stats.files.map((f) => [f.path, f]));
    this.aggregator = new Aggregator(settings.bucketMs);
    this.selected = settings.services ? new Set(settings.services) : undefined;
    this.gapMs = clusterGap(settings.bucketMs);
  }

  /** Counts a batch of archive records, classifying the posts this share owns. */
  accept(batch: readonly ArchiveRecord[], classify: PostClassifier): void {
    const { stats, share } = this;
    const countsLines = share.index === 0;
    const { range, now } = this.settings;
    const { from, to } = range;
    // Posts to count are classified first, then counted together: classification and counting each keep
    // their tables in the CPU caches for a whole batch instead of evicting each other post by post.
    const posts: PostRecord[] = [];
    const times: number[] = [];
    for (const record of batch) {
      const file = this.perFile.get(record.file) ?? addFile(stats, this.perFile, record.file);
      // A Twitter search-response page is one line holding many posts: count the line once.
      if (countsLines && record.line !== this.lastLine.get(file)) {
        this.lastLine.set(file, record.line);
        file.lines++;
        stats.lines++;
      }
      if (record.kind === 'malformed') {
        if (!countsLines) continue;
        file.malformed++;
        stats.malformed++;
        if (stats.malformedExamples.length < MAX_LISTED) {
          stats.malformedExamples.push({ file: record.file, line: record.line, reason: record.reason });
        }
        continue;
      }
      const key = record.kind === 'duplicate' ? record.key : dedupeKey(record.post);
      if (shareOf(key, share.count) !== share.index) continue;
      if (record.kind === 'duplicate' || !this.seen.add(key)) {
        file.duplicates++;
        stats.duplicates++;
        continue;
      }
      file.posts++;
      stats.parsed++;
      const at = Date.parse(record.post.createdAt);
      // Checked before --from/--to: an impossible time is worth listing even when the range excludes it.
      const impossible = impossibleTime(at, now);
      if (impossible !== undefined) {
        stats.outOfRange++;
        if (stats.outOfRangeExamples.length < MAX_LISTED) stats.outOfRangeExamples.push({ ...placeOf(record), reason: impossible });
        continue;
      }
      if ((from !== undefined && at < from) || (to !== undefined && at >= to)) {
        stats.outOfRange++;
        continue;
      }
      posts.push(record);
      times.push(at);
    }
    const classified: ClassifiedPost[] = [];
    for (const record of posts) classified.push(classify(record.post));
    for (let i = 0; i < classified.length; i++) this.count(posts[i], classified[i], times[i]);
  }

  /** What the share found; its buckets are taken out of the aggregator, freed as they are copied. */
  result(): ShareResult {
    return { stats: this.stats, buckets: this.aggregator.takeBefore(Infinity), slots: this.slots };
  }

  /** The result without its buckets, which stay in the aggregator: the summary for the main thread. */
  summary(): ShareSummary {
    return { stats: this.stats, slots: this.slots, load: this.aggregator.cellsPerService() };
  }

  private count(record: PostRecord, classified: ClassifiedPost, eventMs: number): void {
    const start = this.aggregator.bucketStart(eventMs);
    const slot = this.slotOf(start);
    slot.posts++;
    slot.first = Math.min(slot.first, start);
    slot.last = Math.max(slot.last, start);
    if (slot.places.length < MAX_LISTED) slot.places.push(placeOf(record));
    countInput(slot.counts, classified);
    const all = classified.verdict.services;
    const services = this.selected ? all.filter((s) => this.selected!.has(s)) : all;
    if (services.length === 0) return;
    slot.counts.withService++;
    const kept = services.length === all.length ? classified : { post: classified.post, verdict: { ...classified.verdict, services } };
    this.aggregator.add(kept, eventMs);
    // Widened in place: this runs for every post that names a service.
    if (!slot.span) slot.span = { first: start, last: start };
    else if (start < slot.span.first) slot.span.first = start;
    else if (start > slot.span.last) slot.span.last = start;
    addToTotals(slot.services, kept);
  }

  private slotOf(start: number): TimeSlot {
    const number = Math.floor(start / this.gapMs);
    if (this.recent?.number === number) return this.recent.slot;
    let slot = this.slots.get(number);
    if (!slot) this.slots.set(number, (slot = newSlot(start)));
    this.recent = { number, slot };
    return slot;
  }
}

type PostRecord = Extract<ArchiveRecord, { kind: 'post' }>;

function placeOf({ file, line, post }: PostRecord): PostPlace {
  return { file, line, createdAt: post.createdAt };
}

function newSlot(start: number): TimeSlot {
  return {
    first: start,
    last: start,
    posts: 0,
    counts: { analysed: 0, withService: 0, languages: {}, labels: { complaint: 0, news: 0, joke: 0, other: 0 }, regionSources: {} },
    services: new Map(),
    places: [],
  };
}

function joinSpans(a: BucketSpan | undefined, b: BucketSpan | undefined): BucketSpan | undefined {
  if (!a || !b) return a ?? b;
  return { first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) };
}

/**
 * Decides the bulk of the (merged) shares' posts and counts the slots of the bulk alone: the posts of
 * the slots far from it are out of range, listed with the impossible ones. Takes the slots' totals over.
 */
export function countBulk({ stats: read, slots }: Pick<ShareResult, 'stats' | 'slots'>, bucketMs: number): BulkCounts {
  const gapMs = clusterGap(bucketMs);
  const { kept, outliers } = splitBulk(clustersOf([...slots.values()], gapMs), gapMs);
  const stats = structuredClone(read);
  const bulk = kept.flatMap((cluster) => cluster.members);
  for (const slot of bulk) addPostCounts(stats, slot.counts);
  for (const { cluster, reason } of outliers) {
    stats.outOfRange += cluster.posts;
    for (const slot of cluster.members) stats.outOfRangeExamples.push(...slot.places.map((place) => ({ ...place, reason })));
  }
  stats.outOfRangeExamples = firstInReadingOrder(stats.outOfRangeExamples, stats.files);
  const span = bulk.reduce<BucketSpan | undefined>((joined, slot) => joinSpans(joined, slot.span), undefined);
  return { stats, services: mergeTotals(bulk.map((slot) => slot.services)), span };
}

/** The first MAX_LISTED examples in reading order: files as the inputs list them, then lines. */
function firstInReadingOrder(examples: OutOfRangeExample[], files: readonly FileStats[]): OutOfRangeExample[] {
  const position = new Map(files.map((file, i) => [file.path, i]));
  const at = (file: string) => position.get(file) ?? files.length;
  return examples.sort((a, b) => at(a.file) - at(b.file) || a.line - b.line).slice(0, MAX_LISTED);
}

function newInputStats(paths: string[]): InputStats {
  return {
    files: paths.map((path) => ({ path, lines: 0, posts: 0, malformed: 0, duplicates: 0 })),
    lines: 0,
    parsed: 0,
    malformed: 0,
    duplicates: 0,
    outOfRange: 0,
    analysed: 0,
    withService: 0,
    malformedExamples: [],
    outOfRangeExamples: [],
    languages: {},
    labels: { complaint: 0, news: 0, joke: 0, other: 0 },
    regionSources: {},
  };
}

function addFile(stats: InputStats, perFile: Map<string, FileStats>, path: string): FileStats {
  const file = { path, lines: 0, posts: 0, malformed: 0, duplicates: 0 };
  stats.files.push(file);
  perFile.set(path, file);
  return file;
}

function countInput(counts: PostCounts, { verdict }: ClassifiedPost): void {
  counts.analysed++;
  counts.languages[verdict.lang] = (counts.languages[verdict.lang] ?? 0) + 1;
  counts.labels[verdict.label]++;
  counts.regionSources[verdict.region.source] = (counts.regionSources[verdict.region.source] ?? 0) + 1;
}

function addPostCounts(into: PostCounts, from: PostCounts): void {
  into.analysed += from.analysed;
  into.withService += from.withService;
  addCounts(into.languages, from.languages);
  addCounts(into.labels, from.labels);
  addCounts(into.regionSources, from.regionSources);
}

function newTotals(): ServiceTotals {
  return {
    labels: { complaint: 0, news: 0, joke: 0, other: 0 },
    sentiment: { negative: 0, neutral: 0, positive: 0 },
    symptoms: new Map(),
    regions: new Map(),
    examples: [],
    labelExamples: { news: [], joke: [], other: [] },
  };
}

function addToTotals(services: Map<string, ServiceTotals>, { post, verdict }: ClassifiedPost): void {
  for (const id of verdict.services) {
    let s = services.get(id);
    if (!s) services.set(id, (s = newTotals()));
    s.labels[verdict.label]++;
    s.sentiment[verdict.sentiment.label]++;
    let r = s.regions.get(verdict.region.country);
    if (!r) s.regions.set(verdict.region.country, (r = { mentions: 0, complaints: 0, authors: new Set() }));
    r.mentions++;
    if (verdict.label === 'complaint') {
      r.complaints++;
      r.authors.add(post.author?.id ?? post.id);
      for (const symptom of verdict.symptoms) s.symptoms.set(symptom, (s.symptoms.get(symptom) ?? 0) + 1);
      keepExample(s.examples, post, verdict, COMPLAINTS);
    } else {
      keepExample(s.labelExamples[verdict.label], post, verdict, OTHER_LABELS);
    }
  }
}

/** How many examples a list keeps and which come first: a total order, so the kept ones do not depend on arrival order or shares. */
interface ExampleRule {
  limit: number;
  better: (score: number, postId: string, than: ComplaintExample) => boolean;
}

const COMPLAINTS: ExampleRule = {
  limit: EXAMPLES_PER_SERVICE,
  better: (score, postId, than) => score > than.score || (score === than.score && postId < than.postId),
};

/** News, jokes and other posts: the lowest P(complaint) first, the clearest cases of their label. */
const OTHER_LABELS: ExampleRule = {
  limit: EXAMPLES_PER_OTHER_LABEL,
  better: (score, postId, than) => score < than.score || (score === than.score && postId < than.postId),
};

function keepExample(examples: ComplaintExample[], post: Post, verdict: Verdict, rule: ExampleRule): void {
  const score = roundScore(verdict.score);
  if (qualifies(examples, score, post.id, rule)) insertExample(examples, examplePost(post, verdict, score), rule);
}

function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}

function qualifies(examples: ComplaintExample[], score: number, postId: string, rule: ExampleRule): boolean {
  return examples.length < rule.limit || rule.better(score, postId, examples[examples.length - 1]);
}

function insertExample(examples: ComplaintExample[], example: ComplaintExample, rule: ExampleRule): void {
  let i = examples.length;
  while (i > 0 && rule.better(example.score, example.postId, examples[i - 1])) i--;
  examples.splice(i, 0, example);
  if (examples.length > rule.limit) examples.pop();
}

function mergeExamples(into: ComplaintExample[], from: readonly ComplaintExample[], rule: ExampleRule): void {
  for (const example of from) if (qualifies(into, example.score, example.postId, rule)) insertExample(into, example, rule);
}


/** The shares' results as one: counts add up, authors and texts are unions, examples the best overall. */
export function mergeShares(results: ShareResult[]): ShareResult {
  if (results.length === 1) return results[0];
  return { stats: mergeStats(results.map((r) => r.stats)), buckets: mergeBuckets(results.map((r) => r.buckets)), slots: mergeSlots(results.map((r) => r.slots)) };
}

/** Summaries of several shares as one: stats and slots as in `mergeShares`, loads summed. */
export function mergeSummaries(all: ShareSummary[]): ShareSummary {
  if (all.length === 1) return all[0];
  const load = new Map<string, number>();
  for (const s of all) for (const [service, n] of s.load) load.set(service, (load.get(service) ?? 0) + n);
  return { stats: mergeStats(all.map((s) => s.stats)), slots: mergeSlots(all.map((s) => s.slots)), load };
}

/** Slots of several shares as one per slot number: counts add up, totals merge, spans join. */
function mergeSlots(all: Map<number, TimeSlot>[]): Map<number, TimeSlot> {
  return mergeKeyed(all, (into, slot) => {
    into.first = Math.min(into.first, slot.first);
    into.last = Math.max(into.last, slot.last);
    into.posts += slot.posts;
    addPostCounts(into.counts, slot.counts);
    into.services = mergeTotals([into.services, slot.services]);
    into.span = joinSpans(into.span, slot.span);
    into.places.push(...slot.places);
  });
}

/** Maps merged by key: the first value of a key is kept and takes in the later ones (`join`); the others are not copied. */
function mergeKeyed<K, V>(all: Iterable<Map<K, V>>, join: (into: V, next: V) => void): Map<K, V> {
  const merged = new Map<K, V>();
  for (const map of all) {
    for (const [key, value] of map) {
      const into = merged.get(key);
      if (into === undefined) merged.set(key, value);
      else join(into, value);
    }
  }
  return merged;
}

function mergeStats(all: InputStats[]): InputStats {
  const [first, ...rest] = all;
  const merged: InputStats = structuredClone(first);
  const files = new Map(merged.files.map((f) => [f.path, f]));
  for (const stats of rest) {
    for (const f of stats.files) {
      const into = files.get(f.path) ?? addFile(merged, files, f.path);
      into.lines += f.lines;
      into.posts += f.posts;
      into.malformed += f.malformed;
      into.duplicates += f.duplicates;
    }
    // The counts of analysed posts are merged by slot (`mergeSlots`).
    for (const key of ['lines', 'parsed', 'malformed', 'duplicates', 'outOfRange'] as const) merged[key] += stats[key];
    merged.malformedExamples.push(...stats.malformedExamples);
    merged.outOfRangeExamples.push(...stats.outOfRangeExamples);
  }
  // Only share 0 counts malformed lines, so its examples, in reading order, are all there are.
  merged.malformedExamples.splice(MAX_LISTED);
  // Every share lists its own first impossible posts: the first of all are among them.
  merged.outOfRangeExamples = firstInReadingOrder(merged.outOfRangeExamples, merged.files);
  return merged;
}

function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + from[key];
}

/**
 * Buckets of several shares (each sorted) as one sorted list; a cell counted by several shares is
 * merged into its first copy (the lists are the caller's to give up): counts add up, authors and
 * texts are unions, examples the first `DEFAULT_EXAMPLES_PER_BUCKET` in share order.
 */
export function mergeBuckets(lists: BucketDelta[][]): BucketDelta[] {
  const all = lists.flat().sort(compareBuckets);
  const out: BucketDelta[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i + 1;
    while (j < all.length && compareBuckets(all[i], all[j]) === 0) j++;
    out.push(j === i + 1 ? all[i] : mergeCopies(all.slice(i, j)));
    i = j;
  }
  return out;
}

/** Copies of one cell as one, in the first copy. */
function mergeCopies([into, ...rest]: BucketDelta[]): BucketDelta {
  const authors = new Set(into.authorIds);
  const texts = new Set(into.textKeys);
  const examples: string[] = [];
  for (const copy of [into, ...rest]) {
    for (const postId of copy.examplePostIds ?? []) {
      if (examples.length >= DEFAULT_EXAMPLES_PER_BUCKET) break;
      if (!examples.includes(postId)) examples.push(postId);
    }
  }
  for (const copy of rest) {
    addBucketCounts(into, copy);
    for (const author of copy.authorIds) authors.add(author);
    for (const key of copy.textKeys ?? []) texts.add(key);
  }
  into.authors = authors.size;
  into.authorIds = Array.from(authors);
  into.examplePostIds = examples;
  if (texts.size > 0) into.textKeys = Array.from(texts).sort();
  return into;
}

function mergeTotals(all: Map<string, ServiceTotals>[]): Map<string, ServiceTotals> {
  return mergeKeyed(all, (into, s) => {
    addCounts(into.labels, s.labels);
    addCounts(into.sentiment, s.sentiment);
    for (const [symptom, n] of s.symptoms) into.symptoms.set(symptom, (into.symptoms.get(symptom) ?? 0) + n);
    into.regions = mergeKeyed([into.regions, s.regions], (target, r) => {
      target.mentions += r.mentions;
      target.complaints += r.complaints;
      for (const author of r.authors) target.authors.add(author);
    });
    mergeExamples(into.examples, s.examples, COMPLAINTS);
    for (const label of NON_COMPLAINT_LABELS) mergeExamples(into.labelExamples[label], s.labelExamples[label], OTHER_LABELS);
  });
}
