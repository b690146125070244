// What the live service answers: the read and write surface the API routes call, one function a route.
import type { DeadLetter } from '../queue/queue.ts';
import type { AlertDelivery, AlertDeliveryQuery } from './incident-alerts.ts';
import type { Evidence, Incident, Post, Verdict } from '../model/types.ts';
import type { OutOfRange } from '../pipeline/event-clock.ts';
import type { RecentExamples } from './recent-examples.ts';

export type ServiceState = 'ok' | 'degraded' | 'outage';

export interface ServiceStatus {
  id: string;
  name: string;
  status: ServiceState;
  /** GLOBAL outage confidence at the latest closed minute (0 when the service has no signal yet). */
  confidence: number;
  /** Regions whose own confidence is at least the degraded threshold. */
  regions: string[];
  /** Start of the open incident, when there is one. */
  since?: string;
}

export interface RegionConfidence {
  region: string;
  confidence: number;
  /** Complaints and baseline of the minute; the evidence behind the confidence is the horizon's. */
  complaints: number;
  baseline: number;
  horizon?: Evidence['horizon'];
}

export interface Outage {
  service: string;
  name: string;
  confidence: number;
  /** Minute (ISO) the confidence refers to: the latest closed minute in event time. */
  at: string;
  since?: string;
  incidentId?: string;
  /** Regions at or above the threshold, most confident first. */
  regions: RegionConfidence[];
  evidence: Evidence;
}

export interface SignalPoint {
  at: string;
  complaints: number;
  /** Null where the detector has not judged the point (a minute still open, or older than its history). */
  baseline: number | null;
  confidence: number | null;
}

export interface SignalSeries {
  service: string;
  region: string;
  bucketMs: number;
  from: string;
  to: string;
  points: SignalPoint[];
  current: { at: string; confidence: number; complaints: number; baseline: number; evidence: Evidence } | null;
}

export interface SignalQuery {
  region: string;
  /** Epoch ms; defaults to six hours before `to`. */
  from?: number;
  /** Epoch ms, exclusive; defaults to the end of the latest closed minute. */
  to?: number;
  /** Width of one point, a multiple of the minute bucket. */
  bucketMs: number;
}

/** A region's most confident signal of the last closed minutes (as for the service status), with its hour's complaints. */
export interface RegionStatus extends RegionConfidence {
  /** Complaints in the hour up to the latest closed minute. */
  complaintsLastHour: number;
}

export interface IncidentQuery {
  service?: string;
  from?: number;
  to?: number;
}

export interface ClassifyInput {
  text: string;
  lang?: string;
}

/** A verdict for a text given to `POST /v1/classify`, with the text it is about. */
export type ClassifyAnswer = Omit<Verdict, 'postId'> & { text: string };

/** A post `ingest` turned away for its createdAt. */
export interface OutOfRangePost {
  /** Its position in the posts given to `ingest`. */
  position: number;
  reason: OutOfRange;
  message: string;
}

export interface IngestAnswer {
  accepted: number;
  outOfRange: OutOfRangePost[];
}

export type ReportJobStatus = 'running' | 'done' | 'failed';

export interface ReportJob {
  id: string;
  status: ReportJobStatus;
  /** Archive paths relative to the data directory. */
  paths: string[];
  startedAt: string;
  finishedAt?: string;
  error?: string;
  /** The batch report (docs/report.md) once done. */
  report?: unknown;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** The live service as the API sees it. */
export interface Radar {
  hasService(id: string): boolean;
  services(): Promise<ServiceStatus[]>;
  outages(threshold: number): Promise<Outage[]>;
  signal(service: string, query: SignalQuery): Promise<SignalSeries>;
  regions(service: string): Promise<RegionStatus[]>;
  /** The service's newest posts, a few per label, with what decided each. */
  examples(service: string): Promise<RecentExamples>;
  incidents(query: IncidentQuery): Promise<Incident[]>;
  classify(inputs: ClassifyInput[]): Promise<ClassifyAnswer[]>;
  ingest(posts: Post[]): Promise<IngestAnswer>;
  /** Counts posts an ingest request rejected, for /metrics. */
  countMalformed(n: number, source: string): void;
  startReport(paths: string[]): Promise<ReportJob>;
  report(id: string): Promise<ReportJob | undefined>;
  latestReport(): Promise<ReportJob | undefined>;
  /** Most recent first, at most `limit` (default 100). */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Webhook deliveries, most recent first; undefined when no webhook is configured. */
  alertDeliveries(query: AlertDeliveryQuery): Promise<AlertDelivery[] | undefined>;
  readiness(): Promise<Readiness>;
  metricsText(): Promise<string>;
  /** The minute bucket width (ms) the service aggregates by. */
  readonly bucketMs: number;
}
