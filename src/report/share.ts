// One share of a batch analysis: of the archive records it reads, it keeps the posts whose dedupe key
// hashes to it, so that several shares (worker threads) reading the same files count every post
// exactly once without talking to each other. A share deduplicates, classifies, aggregates and keeps
// the per-service totals of its posts; shares merge afterwards (`mergeShares`). Share 0 also counts
// the lines and the malformed ones, which every share sees alike.
import type { ClassifiedPost, Label, Post, Verdict } from '../model/types.ts';
import type { ArchiveRecord } from '../sources/archive/index.ts';
import { dedupeKey } from '../sources/archive/index.ts';
import type { PostClassifier } from '../pipeline/classify-post.ts';
import { Aggregator } from '../aggregate/aggregator.ts';
import { FNV_OFFSET, hashText } from '../text/hash.ts';
import { DEFAULT_EXAMPLES_PER_BUCKET, compareBuckets, mergeDelta, newTally, snapshotDelta, type BucketDelta } from '../aggregate/tally.ts';
import type { ComplaintExample, FileStats, InputStats } from './schema.ts';
import { bucketsPerService, spanOf, type BucketSpan } from './detection.ts';

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
}

/** What a share found, as plain data (Maps and Sets included) that crosses threads by structured clone. */
export interface ShareResult {
  stats: InputStats;
  /** Sorted by start, service, region; authors and texts carried so that shares merge exactly. */
  buckets: BucketDelta[];
  services: Map<string, ServiceTotals>;
}

/**
 * A share's result without its buckets, which stay in its worker thread (they go from worker to
 * worker, by group of services, for the detection): what the main thread needs to plan the detection.
 */
export interface ShareSummary {
  stats: InputStats;
  services: Map<string, ServiceTotals>;
  /** Buckets per service: the detection's load, to split the services evenly. */
  load: Map<string, number>;
  span?: BucketSpan;
}

const MAX_MALFORMED_EXAMPLES = 20;
const EXAMPLES_PER_SERVICE = 5;

/** FNV-1a of a dedupe key: the share that owns the post. */
export function shareOf(key: string, count: number): number {
  if (count === 1) return 0;
  return (hashText(key, FNV_OFFSET) >>> 0) % count;
}

export class Share {
  readonly stats: InputStats;
  readonly aggregator: Aggregator;
  readonly services = new Map<string, ServiceTotals>();
  private readonly perFile: Map<string, FileStats>;
  private readonly lastLine = new Map<FileStats, number>();
  private readonly seen = new Set<string>();
  private readonly selected?: Set<string>;

  constructor(
    private readonly settings: ShareSettings,
    private readonly share: ShareIndex = { index: 0, count: 1 },
  ) {
    this.stats = newInputStats(settings.paths);
    this.perFile = new Map(this.stats.files.map((f) => [f.path, f]));
    this.aggregator = new Aggregator(settings.bucketMs);
    this.selected = settings.services ? new Set(settings.services) : undefined;
  }

  /** Counts a batch of archive records, classifying the posts this share owns. */
  accept(batch: readonly ArchiveRecord[], classify: PostClassifier): void {
    const { stats, share } = this;
    const countsLines = share.index === 0;
    const { from, to } = this.settings.range;
    // Posts to count are classified first, then counted together: classification and counting each keep
    // their tables in the CPU caches for a whole batch instead of evicting each other post by post.
    const posts: Post[] = [];
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
        if (stats.malformedExamples.length < MAX_MALFORMED_EXAMPLES) {
          stats.malformedExamples.push({ file: record.file, line: record.line, reason: record.reason });
        }
        continue;
      }
      const key = record.kind === 'duplicate' ? record.key : dedupeKey(record.post);
      if (shareOf(key, share.count) !== share.index) continue;
      if (record.kind === 'duplicate' || this.seen.has(key)) {
        file.duplicates++;
        stats.duplicates++;
        continue;
      }
      this.seen.add(key);
      file.posts++;
      stats.parsed++;
      const at = Date.parse(record.post.createdAt);
      if ((from !== undefined && at < from) || (to !== undefined && at >= to)) {
        stats.outOfRange++;
        continue;
      }
      posts.push(record.post);
      times.push(at);
    }
    const classified: ClassifiedPost[] = [];
    for (const post of posts) classified.push(classify(post));
    for (let i = 0; i < classified.length; i++) this.count(classified[i], times[i]);
  }

  result(): ShareResult {
    return { stats: this.stats, buckets: this.aggregator.buckets(), services: this.services };
  }

  /** The result with its buckets apart: the summary for the main thread, the buckets for the detection. */
  summary(): { summary: ShareSummary; buckets: BucketDelta[] } {
    const buckets = this.aggregator.buckets();
    return { summary: { stats: this.stats, services: this.services, load: bucketsPerService(buckets), span: spanOf(buckets) }, buckets };
  }

  private count(classified: ClassifiedPost, eventMs: number): void {
    countInput(this.stats, classified);
    const all = classified.verdict.services;
    const services = this.selected ? all.filter((s) => this.selected!.has(s)) : all;
    if (services.length === 0) return;
    this.stats.withService++;
    const kept = services.length === all.length ? classified : { post: classified.post, verdict: { ...classified.verdict, services } };
    this.aggregator.add(kept, eventMs);
    addToTotals(this.services, kept);
  }
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

function countInput(stats: InputStats, { verdict }: ClassifiedPost): void {
  stats.analysed++;
  stats.languages[verdict.lang] = (stats.languages[verdict.lang] ?? 0) + 1;
  stats.labels[verdict.label]++;
  stats.regionSources[verdict.region.source] = (stats.regionSources[verdict.region.source] ?? 0) + 1;
}

function newTotals(): ServiceTotals {
  return {
    labels: { complaint: 0, news: 0, joke: 0, other: 0 },
    sentiment: { negative: 0, neutral: 0, positive: 0 },
    symptoms: new Map(),
    regions: new Map(),
    examples: [],
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
      const score = roundScore(verdict.score);
      if (qualifies(s.examples, score, post.id)) insertExample(s.examples, exampleOf(post, verdict, score));
    }
  }
}

function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}

/** Higher (rounded) score first, then the smaller post id: a total order, so the kept examples do not depend on arrival order or shares. */
function better(score: number, postId: string, than: ComplaintExample): boolean {
  return score > than.score || (score === than.score && postId < than.postId);
}

function qualifies(examples: ComplaintExample[], score: number, postId: string): boolean {
  return examples.length < EXAMPLES_PER_SERVICE || better(score, postId, examples[examples.length - 1]);
}

function insertExample(examples: ComplaintExample[], example: ComplaintExample): void {
  let i = examples.length;
  while (i > 0 && better(example.score, example.postId, examples[i - 1])) i--;
  examples.splice(i, 0, example);
  if (examples.length > EXAMPLES_PER_SERVICE) examples.pop();
}

function exampleOf(post: Post, verdict: Verdict, score: number): ComplaintExample {
  return {
    postId: post.id,
    source: post.source,
    createdAt: post.createdAt,
    text: post.text,
    lang: verdict.lang,
    region: verdict.region.country,
    score,
    symptoms: verdict.symptoms,
    why: verdict.why,
  };
}

/** The shares' results as one: counts add up, authors and texts are unions, examples the best overall. */
export function mergeShares(results: ShareResult[]): ShareResult {
  if (results.length === 1) return results[0];
  return { stats: mergeStats(results.map((r) => r.stats)), buckets: mergeBuckets(results.map((r) => r.buckets)), services: mergeTotals(results.map((r) => r.services)) };
}

/** Summaries of several shares as one: stats and totals as in `mergeShares`, loads summed, spans joined. */
export function mergeSummaries(all: ShareSummary[]): ShareSummary {
  const load = new Map<string, number>();
  let span: ShareSummary['span'];
  for (const s of all) {
    for (const [service, n] of s.load) load.set(service, (load.get(service) ?? 0) + n);
    if (s.span) span = span ? { first: Math.min(span.first, s.span.first), last: Math.max(span.last, s.span.last) } : s.span;
  }
  if (all.length === 1) return { ...all[0], load, span };
  return { stats: mergeStats(all.map((s) => s.stats)), services: mergeTotals(all.map((s) => s.services)), load, span };
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
    for (const key of ['lines', 'parsed', 'malformed', 'duplicates', 'outOfRange', 'analysed', 'withService'] as const) merged[key] += stats[key];
    merged.malformedExamples.push(...stats.malformedExamples);
    addCounts(merged.languages, stats.languages);
    addCounts(merged.labels, stats.labels);
    addCounts(merged.regionSources, stats.regionSources);
  }
  // Only share 0 counts malformed lines, so its examples, in reading order, are all there are.
  merged.malformedExamples.splice(MAX_MALFORMED_EXAMPLES);
  return merged;
}

function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + from[key];
}

/** Buckets of several shares (each sorted) as one sorted list; a cell counted by several shares is merged. */
export function mergeBuckets(lists: BucketDelta[][]): BucketDelta[] {
  const all = lists.flat().sort(compareBuckets);
  const out: BucketDelta[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i + 1;
    while (j < all.length && compareBuckets(all[i], all[j]) === 0) j++;
    if (j === i + 1) out.push(all[i]);
    else {
      const tally = newTally(all[i].service, all[i].region, all[i].start);
      for (let k = i; k < j; k++) mergeDelta(tally, all[k], DEFAULT_EXAMPLES_PER_BUCKET);
      out.push(snapshotDelta(tally));
    }
    i = j;
  }
  return out;
}

function mergeTotals(all: Map<string, ServiceTotals>[]): Map<string, ServiceTotals> {
  const merged = new Map<string, ServiceTotals>();
  for (const services of all) {
    for (const [id, s] of services) {
      const into = merged.get(id);
      if (!into) {
        merged.set(id, s);
        continue;
      }
      addCounts(into.labels, s.labels);
      addCounts(into.sentiment, s.sentiment);
      for (const [symptom, n] of s.symptoms) into.symptoms.set(symptom, (into.symptoms.get(symptom) ?? 0) + n);
      for (const [region, r] of s.regions) {
        const target = into.regions.get(region);
        if (!target) {
          into.regions.set(region, r);
          continue;
        }
        target.mentions += r.mentions;
        target.complaints += r.complaints;
        for (const author of r.authors) target.authors.add(author);
      }
      for (const example of s.examples) if (qualifies(into.examples, example.score, example.postId)) insertExample(into.examples, example);
    }
  }
  return merged;
}
