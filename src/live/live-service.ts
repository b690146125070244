// The live service: store, queue, classify stage, detector loop and sources wired into one Radar.
// Embedded default: everything in this process. With Redis: store and queue live in Redis, and
// workers/ingest.ts and workers/classify.ts do the ingest and classify work in other processes.
// One event clock judges every post that enters here (API and sources) and, embedded, says how far
// the detector may close minutes.
import { DEFAULT_STORE_PREFIX } from '../aggregate/redis-store.ts';
import { type Store } from '../aggregate/store.ts';
import { createStore } from '../aggregate/create-store.ts';
import type { WebhookOptions } from '../alerts/webhooks.ts';
import type { Metrics } from '../observe/metrics.ts';
import { loadCatalogue, type Catalogue } from '../classify/catalogue.ts';
import type { IncidentEvent } from '../detect/detector.ts';
import type { Incident, Post } from '../model/types.ts';
import { createPostClassifier, type PostClassifier } from '../pipeline/classify-post.ts';
import { EventClock } from '../pipeline/event-clock.ts';
import { DEFAULT_MAX_WAITING, type DeadLetter, type PostQueue } from '../queue/queue.ts';
import { createQueue } from '../queue/create-queue.ts';
import type { Source } from '../sources/source.ts';
import { createClassifyStage } from './classify-stage.ts';
import { recentExamples, type RecentExamples } from './recent-examples.ts';
import { DetectorLoop } from './detector-loop.ts';
import { IncidentAlerts, type AlertDelivery, type AlertDeliveryQuery, type UpdatePolicy } from './incident-alerts.ts';
import { InputError } from '../model/errors.ts';
import { AnswerCache } from './answer-cache.ts';
import { pumpSource } from './pump.ts';
import { admitToQueue, DEPTH_TIMEOUT_MS, overBound, queueDepthWithin } from './queue-admission.ts';
import { UnavailableError } from '../model/errors.ts';
import type {
  ClassifyAnswer,
  ClassifyInput,
  IncidentQuery,
  IngestAnswer,
  Outage,
  OutOfRangePost,
  Radar,
  Readiness,
  RegionStatus,
  ReportJob,
  ServiceStatus,
  SignalPoint,
  SignalQuery,
  SignalSeries,
} from './radar.ts';
import { ReportJobs, type Analyse } from './report-jobs.ts';
import { countOutOfRange, countRedisDataLoss, createServiceMetrics, recordQueueDepth } from './service-metrics.ts';
import { currentOutages, DEFAULT_THRESHOLDS, serviceStatuses, strongestRecent, type StatusThresholds } from './status.ts';
import { withTimeout } from '../util/timing.ts';
import { errorMessage } from '../util/error-message.ts';
import { GLOBAL_REGION } from '../model/constants.ts';
import { addComplaints, addJudged, roundSignal, signalColumns } from '../pipeline/signal-columns.ts';
import { RedisMarker, redisMarkerKey } from '../aggregate/redis-marker.ts';

export interface LiveServiceConfig {
  /** Root of the archives that report requests may name. */
  dataDir: string;
  /** Where the embedded store keeps its file. Default `dataDir`. */
  storeDir?: string;
  /** Store and queue in Redis when set. */
  redisUrl?: string;
  /** Key prefix of the Redis store. Default `or:`. */
  storePrefix?: string;
  /** Queue name (BullMQ). Default `posts`. */
  queueName?: string;
  /** Key prefix of BullMQ. Default `or:bull`. */
  queuePrefix?: string;
  /** Deliveries of a batch before it dead-letters, and the first retry delay: see QueueConfig. */
  maxAttempts?: number;
  backoffMs?: number;
  bucketMs?: number;
  /** Minutes stay open this long after the watermark, for late posts (ms). Default 120 000. */
  latenessMs?: number;
  /** How often the detector loop looks for closable minutes (ms). Default 1000. */
  tickMs?: number;
  /** Consume the queue in this process. Default: true without Redis, false with it. */
  classifyInProcess?: boolean;
  classifyConcurrency?: number;
  /** Posts per queued batch from sources. Default 200. */
  batchSize?: number;
  /** Waiting batches above which sources pause, POST /v1/posts answers 503 and /readyz is not ready. Default DEFAULT_MAX_WAITING. */
  queueMaxWaiting?: number;
  thresholds?: StatusThresholds;
  /** Incident webhooks (see webhookOptionsFromEnv); none when unset. */
  webhooks?: WebhookOptions;
  /** Which incident updates go to the webhooks. Default: a new region or +0.1 peak confidence, at most every 15 min. */
  alertUpdates?: Partial<UpdatePolicy>;
  /** Runs a batch report over absolute archive paths; the service's report routes use it. */
  analyse: Analyse;
  /** After a tick of the detector loop that closed minutes, with the last closed one (epoch ms). */
  onMinutesClosed?: (lastClosed: number) => void;
  log?: (message: string) => void;
}

/** Points per signal request at most, so one request cannot ask for years of minutes. */
const MAX_POINTS = 10_000;
const DEFAULT_SIGNAL_SPAN_MS = 6 * 3_600_000;
/** Each /readyz probe, run side by side: /readyz answers within this even when Redis is down. */
const PROBE_TIMEOUT_MS = DEPTH_TIMEOUT_MS;
/** /v1/deadletters: longest wait for the queue, and most dead letters in one answer. */
const DEAD_LETTERS_TIMEOUT_MS = 2000;
export const MAX_DEAD_LETTERS = 1000;
const DRAIN_TIMEOUT_MS = 10_000;

/** The one timeout helper, with the service's wording: what did not answer, and within how long. */
function answerWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return withTimeout(promise, ms, `${what} did not answer within ${ms} ms`);
}

export class LiveService implements Radar {
  readonly bucketMs: number;
  private readonly catalogue: Catalogue;
  private readonly thresholds: StatusThresholds;
  private readonly abort = new AbortController();
  private readonly pumps: Array<{ source: Source; done: Promise<number>; ended: boolean }> = [];
  private readonly reports: ReportJobs;
  private ticker: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly answers = new AnswerCache();
  private consumesHere = false;

  private constructor(
    readonly config: LiveServiceConfig,
    readonly store: Store,
    readonly queue: PostQueue,
    readonly detector: DetectorLoop,
    readonly clock: EventClock,
    private readonly classifyPost: PostClassifier,
    readonly alerts: IncidentAlerts | undefined,
    readonly metrics: Metrics,
    /** With Redis: finds a Redis that came back without its data (docs/reliability.md). */
    private readonly marker: RedisMarker | undefined,
  ) {
    this.bucketMs = config.bucketMs ?? 60_000;
    this.catalogue = loadCatalogue();
    this.thresholds = config.thresholds ?? DEFAULT_THRESHOLDS;
    // The embedded store has one process: a job it did not start there was left by an earlier one.
    this.reports = new ReportJobs(store, config.dataDir, config.analyse, config.redisUrl ? {} : { staleAfterMs: 0 });
  }

  /** Opens store, queue and detector state; consumes the queue here when configured. Nothing runs on a timer yet. */
  static async open(config: LiveServiceConfig): Promise<LiveService> {
    const bucketMs = config.bucketMs ?? 60_000;
    const log = config.log ?? (() => undefined);
    const metrics = createServiceMetrics();
    // Built first: webhook settings that cannot work stop the start before anything is opened.
    const alerts = config.webhooks ? new IncidentAlerts(config.webhooks, { policy: config.alertUpdates, metrics, log }) : undefined;
    const store = await createStore({ redisUrl: config.redisUrl, dataDir: config.storeDir ?? config.dataDir, prefix: config.storePrefix });
    const queue = await createQueue({
      redisUrl: config.redisUrl,
      name: config.queueName,
      prefix: config.queuePrefix,
      maxAttempts: config.maxAttempts,
      backoffMs: config.backoffMs,
    });
    const marker = config.redisUrl
      ? await RedisMarker.open(config.redisUrl, { key: redisMarkerKey(config.storePrefix ?? DEFAULT_STORE_PREFIX), log, onLost: countRedisDataLoss(metrics) })
      : undefined;
    const clock = new EventClock();
    const detector = await DetectorLoop.open(store, {
      bucketMs,
      latenessMs: config.latenessMs,
      // With Redis, posts also enter through ingest workers this clock never sees: the buckets say how far they came.
      ...(config.redisUrl ? {} : { watermark: () => clock.watermark(Date.now()) }),
      onIncident: (event: IncidentEvent, at: number) => {
        if (event.type !== 'update') log(describeIncidentEvent(event));
        alerts?.onIncident(event, at);
      },
      onMinuteClosed: (at: number) => {
        clock.closeBefore(at + bucketMs);
        alerts?.onMinuteClosed(at);
      },
    });
    if (detector.lastClosed !== undefined) clock.closeBefore(detector.lastClosed + bucketMs);
    const service = new LiveService(config, store, queue, detector, clock, createPostClassifier(), alerts, metrics, marker);
    await service.reports.failInterrupted();
    if (config.classifyInProcess ?? !config.redisUrl) {
      service.consumesHere = true;
      await queue.consume(
        createClassifyStage({ store, classify: service.classifyPost, metrics: service.metrics, bucketMs }),
        { concurrency: config.classifyConcurrency ?? 1 },
      );
    }
    return service;
  }

  /** Starts the detector loop and pumps every source into the queue. */
  start(sources: Source[] = []): void {
    const tickMs = this.config.tickMs ?? 1000;
    const tick = async () => {
      try {
        const closed = await this.detector.advance();
        this.metrics.inc('outage_radar_detector_minutes_total', {}, closed);
        const lastClosed = this.detector.lastClosed;
        if (closed > 0 && lastClosed !== undefined) this.config.onMinutesClosed?.(lastClosed);
      } catch (error) {
        this.config.log?.(`detector: ${errorMessage(error)}`);
      }
      if (!this.stopped) this.ticker = setTimeout(() => void tick(), tickMs);
    };
    this.ticker = setTimeout(() => void tick(), tickMs);
    for (const source of sources) this.addSource(source);
  }

  /** Pumps one more source into the queue; resolves with the number of posts when it ends. */
  addSource(source: Source): Promise<number> {
    const done = pumpSource(source, this.queue, {
      batchSize: this.config.batchSize,
      maxWaiting: this.maxWaiting,
      log: this.config.log,
      metrics: this.metrics,
      clock: this.clock,
      signal: this.abort.signal,
    });
    const pump = { source, done, ended: false };
    this.pumps.push(pump);
    done
      .then(
        (posts) => this.config.log?.(`source ${source.name}: ended after ${posts} posts`),
        (error: unknown) => this.config.log?.(`source ${source.name}: ${errorMessage(error)}`),
      )
      .finally(() => {
        pump.ended = true;
        // The last posts of a replay have no later ones to vouch for them: once every source ended, they are the present.
        if (this.pumps.every((p) => p.ended)) this.clock.settle();
      });
    return done;
  }

  /** Graceful: stop sources, publish what they had, let in-flight batches finish, save state, close. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    clearTimeout(this.ticker);
    await Promise.allSettled(this.pumps.map((p) => p.done));
    // The in-process queue is not durable: count what is already queued, within reason, before closing.
    if (this.consumesHere && !this.config.redisUrl) await answerWithin(this.queue.idle(), DRAIN_TIMEOUT_MS, 'queue drain').catch((error: unknown) => this.config.log?.(String(error)));
    await this.queue.close();
    await this.reports.settled();
    if (this.alerts) await answerWithin(this.alerts.idle(), DRAIN_TIMEOUT_MS, 'webhook deliveries').catch((error: unknown) => this.config.log?.(String(error)));
    await this.detector.persist();
    this.marker?.close();
    await this.store.close();
  }

  hasService(id: string): boolean {
    return this.catalogue.byId(id) !== undefined;
  }

  services(): Promise<ServiceStatus[]> {
    return this.answers.get('services', this.detector.lastClosed, async () => this.computeServices());
  }

  private computeServices(): ServiceStatus[] {
    return serviceStatuses(this.catalogue.services, this.detector.history.recent(), this.detector.incidents(), this.thresholds);
  }

  outages(threshold: number): Promise<Outage[]> {
    return this.answers.get(`outages|${threshold}`, this.detector.lastClosed, async () => this.computeOutages(threshold));
  }

  private computeOutages(threshold: number): Outage[] {
    return currentOutages(this.catalogue.services, this.detector.history.recent(), this.detector.incidents(), threshold);
  }

  signal(service: string, query: SignalQuery): Promise<SignalSeries> {
    const key = `signal|${service}|${query.region}|${query.from}|${query.to}|${query.bucketMs}`;
    return this.answers.get(key, this.detector.lastClosed, () => this.computeSignal(service, query));
  }

  private async computeSignal(service: string, query: SignalQuery): Promise<SignalSeries> {
    const width = query.bucketMs;
    const lastClosed = this.detector.lastClosed;
    const to = alignUp(query.to ?? (lastClosed === undefined ? Date.now() : lastClosed + this.bucketMs), width);
    const from = alignDown(query.from ?? to - DEFAULT_SIGNAL_SPAN_MS, width);
    const count = Math.ceil((to - from) / width);
    if (count > MAX_POINTS) {
      throw new InputError('query.from', `asks for ${count} points; at most ${MAX_POINTS}: narrow from/to or widen bucket`);
    }
    const region = query.region;
    const columns = signalColumns(from, width, count);
    for (const bucket of await this.store.buckets({ service, region: region === GLOBAL_REGION ? undefined : region, from, to })) {
      addComplaints(columns, bucket.start, bucket.complaints);
    }
    for (const [at, , baseline, confidence] of this.detector.history.points(service, region, from, to)) addJudged(columns, at, baseline, confidence);
    const points: SignalPoint[] = Array.from({ length: count }, (_, i) => ({
      at: new Date(from + i * width).toISOString(),
      complaints: columns.complaints[i],
      baseline: columns.judged[i] ? roundSignal(columns.baseline[i]) : null,
      confidence: columns.judged[i] ? columns.confidence[i] : null,
    }));
    const latest = this.detector.latest().find((s) => s.service === service && s.region === region);
    return {
      service,
      region,
      bucketMs: width,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points,
      current: latest
        ? { at: new Date(latest.at).toISOString(), confidence: latest.confidence, complaints: latest.complaints, baseline: latest.baseline, evidence: latest.evidence }
        : null,
    };
  }

  regions(service: string): Promise<RegionStatus[]> {
    return this.answers.get(`regions|${service}`, this.detector.lastClosed, () => this.computeRegions(service));
  }

  examples(service: string): Promise<RecentExamples> {
    return recentExamples(this.store, service);
  }

  private async computeRegions(service: string): Promise<RegionStatus[]> {
    const lastClosed = this.detector.lastClosed;
    if (lastClosed === undefined) return [];
    const end = lastClosed + this.bucketMs;
    const lastHour = new Map<string, number>();
    for (const b of await this.store.buckets({ service, from: end - 3_600_000, to: end })) {
      lastHour.set(b.region, (lastHour.get(b.region) ?? 0) + b.complaints);
    }
    return [...strongestRecent(this.detector.history.recent()).values()]
      .filter((s) => s.service === service && s.region !== GLOBAL_REGION && (s.confidence > 0 || (lastHour.get(s.region) ?? 0) > 0))
      .map((s) => ({
        region: s.region,
        confidence: s.confidence,
        complaints: s.complaints,
        baseline: s.baseline,
        complaintsLastHour: lastHour.get(s.region) ?? 0,
      }))
      .sort((a, b) => b.confidence - a.confidence || b.complaintsLastHour - a.complaintsLastHour || a.region.localeCompare(b.region));
  }

  async incidents(query: IncidentQuery): Promise<Incident[]> {
    const from = query.from ?? -Infinity;
    const to = query.to ?? Infinity;
    return this.detector
      .incidents()
      .filter((i) => query.service === undefined || i.service === query.service)
      .filter((i) => Date.parse(i.start) < to && (i.end === undefined || Date.parse(i.end) >= from))
      .sort((a, b) => b.start.localeCompare(a.start));
  }

  async classify(inputs: ClassifyInput[]): Promise<ClassifyAnswer[]> {
    const createdAt = new Date().toISOString();
    return inputs.map((input, i) => {
      const post: Post = { id: `classify-${i}`, source: 'api', text: input.text, createdAt, ...(input.lang ? { lang: input.lang } : {}) };
      const { verdict } = this.classifyPost(post);
      return {
        text: input.text,
        services: verdict.services,
        label: verdict.label,
        score: verdict.score,
        sentiment: verdict.sentiment,
        symptoms: verdict.symptoms,
        lang: verdict.lang,
        region: verdict.region,
        why: verdict.why,
      };
    });
  }

  async ingest(posts: Post[]): Promise<IngestAnswer> {
    const admitted: Post[] = [];
    const outOfRange: OutOfRangePost[] = [];
    const wallMs = Date.now();
    posts.forEach((post, position) => {
      const admission = this.clock.admitPost(post, wallMs);
      if (admission.ok) {
        admitted.push(post);
        return;
      }
      outOfRange.push({ position, reason: admission.reason, message: admission.message });
      countOutOfRange(this.metrics, 'api', admission.reason);
    });
    if (admitted.length > 0) await admitToQueue(this.queue, admitted, this.maxWaiting);
    this.metrics.inc('outage_radar_posts_received_total', { source: 'api' }, admitted.length);
    return { accepted: admitted.length, outOfRange };
  }

  countMalformed(n: number, source: string): void {
    this.metrics.inc('outage_radar_posts_malformed_total', { source }, n);
  }

  startReport(paths: string[]): Promise<ReportJob> {
    return this.reports.start(paths);
  }

  report(id: string): Promise<ReportJob | undefined> {
    return this.reports.get(id);
  }

  latestReport(): Promise<ReportJob | undefined> {
    return this.reports.latest();
  }

  /** The most recent `limit` dead letters (at most MAX_DEAD_LETTERS), or an UnavailableError when the queue does not answer in time. */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    try {
      return await answerWithin(this.queue.deadLetters(Math.min(limit, MAX_DEAD_LETTERS)), DEAD_LETTERS_TIMEOUT_MS, 'the queue');
    } catch (error) {
      throw new UnavailableError(`cannot list dead letters now: ${errorMessage(error)}`);
    }
  }

  private get maxWaiting(): number {
    return this.config.queueMaxWaiting ?? DEFAULT_MAX_WAITING;
  }

  async alertDeliveries(query: AlertDeliveryQuery): Promise<AlertDelivery[] | undefined> {
    return this.alerts?.deliveries(query);
  }

  async readiness(): Promise<Readiness> {
    const checks: Readiness['checks'] = {};
    const probe = async (name: string, run: () => Promise<unknown>) => {
      try {
        await answerWithin(run(), PROBE_TIMEOUT_MS, name);
        checks[name] = { ok: true };
      } catch (error) {
        checks[name] = { ok: false, detail: errorMessage(error) };
      }
    };
    const where = this.config.redisUrl ? 'redis' : 'embedded';
    await Promise.all([
      probe(`store (${where})`, () => this.store.getJson('service:readiness-probe')),
      probe(`queue (${this.config.redisUrl ? 'bullmq' : 'in-process'})`, async () => {
        const depth = await queueDepthWithin(this.queue, PROBE_TIMEOUT_MS);
        recordQueueDepth(this.metrics, depth);
        const full = overBound(depth, this.maxWaiting);
        if (full) throw new Error(full);
      }),
    ]);
    // A loss found is shown, not failed: what Redis holds now is served and counted on (docs/reliability.md).
    if (this.marker) checks['redis data'] = { ok: true, detail: this.marker.lossSummary() };
    return { ready: !this.stopped && Object.values(checks).every((c) => c.ok), checks };
  }

  async metricsText(): Promise<string> {
    try {
      this.metrics.set('outage_radar_queue_max_waiting', this.maxWaiting);
      recordQueueDepth(this.metrics, await answerWithin(this.queue.depth(), PROBE_TIMEOUT_MS, 'queue'));
    } catch {
      // The queue being unreachable shows in /readyz; metrics still answer with what this process knows.
    }
    for (const { source } of this.pumps) {
      this.metrics.set('outage_radar_posts_malformed_total', source.stats.malformed, { source: source.name });
      this.metrics.set('outage_radar_posts_truncated_total', source.stats.truncated, { source: source.name });
      this.metrics.set('outage_radar_source_reconnects_total', source.stats.reconnects, { source: source.name });
    }
    const newest = this.detector.newestBucket;
    const lastClosed = this.detector.lastClosed;
    if (newest !== undefined) {
      this.metrics.set('outage_radar_event_lag_seconds', Math.max(0, (Date.now() - (newest + this.bucketMs)) / 1000));
      if (lastClosed !== undefined) this.metrics.set('outage_radar_detector_lag_seconds', Math.max(0, (newest - lastClosed) / 1000));
    }
    return this.metrics.render();
  }
}

function alignDown(ms: number, width: number): number {
  return Math.floor(ms / width) * width;
}

function alignUp(ms: number, width: number): number {
  return Math.ceil(ms / width) * width;
}

function describeIncidentEvent({ type, incident }: IncidentEvent): string {
  const what = `${incident.service} (${incident.regions.join(', ') || 'no region named'})`;
  if (type === 'open') return `incident opened: ${what} since ${incident.start} (confidence ${incident.peakConfidence.toFixed(2)})`;
  if (type === 'close') return `incident closed: ${what} ${incident.start} .. ${incident.end ?? ''}`;
  return `incident updated: ${what} peak ${incident.peakConfidence.toFixed(2)} at ${incident.peak}`;
}
