// The shapes the API answers with, as zod schemas: /openapi.json is derived from them, and each is
// checked at compile time to be exactly the type the code returns (a field renamed on one side fails tsc).
import { z } from 'zod/v4';
import type { DeadLetter } from '../queue/queue.ts';
import type { Evidence, Incident, RegionEpisode } from '../model/types.ts';
import { LABELS, SENTIMENTS } from '../model/types.ts';
import type { OutOfRange } from '../pipeline/event-clock.ts';
import type { ExamplePost } from '../pipeline/example-post.ts';
import type { AlertDelivery } from '../live/incident-alerts.ts';
import type {
  ClassifyAnswer,
  Outage,
  Readiness,
  RegionConfidence,
  RegionStatus,
  ReportJob,
  ServiceStatus,
  SignalSeries,
} from '../live/radar.ts';
import { DELIVERY_STATUSES } from './schemas.ts';
import type { ErrorBody } from './errors.ts';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `exactly<T>()(schema)`: the schema, when its output is exactly T; a compile error otherwise. */
const exactly =
  <T>() =>
  <S extends z.ZodType>(schema: S & (Exactly<z.output<S>, T> extends true ? unknown : never)): S =>
    schema;

const isoTime = z.iso.datetime();
const count = z.number().int().nonnegative();
const probability = z.number().min(0).max(1);
const regionCode = z.string().meta({ description: 'ISO 3166-1 alpha-2, ZZ (unknown) or GLOBAL' });

export const errorAnswer = exactly<ErrorBody>()(
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional().meta({ description: 'The parameter or body field at fault ("query.threshold", "body.posts.2.text")' }),
      requestId: z.string().optional().meta({ description: 'The X-Request-Id of the answer: the id under which the logs know the request' }),
    }),
  }),
);

export const evidence = exactly<Evidence>()(
  z.object({
    complaints: count,
    baseline: z.number(),
    pValue: z.number(),
    distinctAuthors: count,
    complaintShare: z.number(),
    negativeShare: z.number(),
    regions: z.array(z.string()),
    languages: z.array(z.string()),
    topSymptoms: z.array(z.string()),
    newsMentions: count,
    horizon: z
      .object({ buckets: count, complaints: count, voices: count, expected: z.number() })
      .optional()
      .meta({ description: 'The recent horizon the confidence rests on (absent when none was surprising)' }),
  }),
);

const regionConfidenceShape = {
  region: regionCode,
  confidence: probability,
  complaints: count,
  baseline: z.number(),
  horizon: evidence.shape.horizon,
};

export const regionConfidence = exactly<RegionConfidence>()(z.object(regionConfidenceShape));

export const serviceStatus = exactly<ServiceStatus>()(
  z.object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['ok', 'degraded', 'outage']),
    confidence: probability,
    regions: z.array(z.string()).meta({ description: 'Regions whose own confidence is at least the degraded threshold' }),
    since: isoTime.optional().meta({ description: 'Start of the open incident, when there is one' }),
  }),
);

export const outage = exactly<Outage>()(
  z.object({
    service: z.string(),
    name: z.string(),
    confidence: probability,
    at: isoTime.meta({ description: 'The latest closed minute in event time, which the confidence refers to' }),
    since: isoTime.optional(),
    incidentId: z.string().optional(),
    regions: z.array(regionConfidence).meta({ description: 'Regions at or above the threshold, most confident first' }),
    evidence,
  }),
);

export const signalSeries = exactly<SignalSeries>()(
  z.object({
    service: z.string(),
    region: regionCode,
    bucketMs: z.number().int().positive(),
    from: isoTime,
    to: isoTime,
    points: z.array(
      z.object({
        at: isoTime,
        complaints: count,
        baseline: z.number().nullable().meta({ description: 'Null where the detector has not judged the point (a minute still open, or older than its history)' }),
        confidence: probability.nullable(),
      }),
    ),
    current: z.object({ at: isoTime, confidence: probability, complaints: count, baseline: z.number(), evidence }).nullable(),
  }),
);

export const regionStatus = exactly<RegionStatus>()(
  z.object({ ...regionConfidenceShape, complaintsLastHour: count.meta({ description: 'Complaints in the hour up to the latest closed minute' }) }),
);

export const recentExample = exactly<ExamplePost>()(
  z.object({
    postId: z.string(),
    source: z.string(),
    createdAt: isoTime,
    text: z.string(),
    lang: z.string(),
    region: z.string().meta({ description: 'ISO 3166-1 alpha-2, ZZ when unknown' }),
    score: probability.meta({ description: 'P(complaint)' }),
    symptoms: z.array(z.string()),
    why: z.array(z.string()).meta({ description: 'The features that decided the verdict, most important first' }),
  }),
);

const episodeShape = {
  start: isoTime,
  peak: isoTime,
  end: isoTime.optional().meta({ description: 'Absent while open' }),
  peakConfidence: probability,
  complaints: count,
};

export const regionEpisode = exactly<RegionEpisode>()(z.object({ region: regionCode, ...episodeShape }));

export const incident = exactly<Incident>()(
  z.object({
    id: z.string(),
    service: z.string(),
    region: z.literal('GLOBAL').meta({ description: "Always GLOBAL: one incident per service and outage; the regions' own episodes are in episodes" }),
    ...episodeShape,
    regions: z.array(z.string()),
    languages: z.array(z.string()),
    topSymptoms: z.array(z.string()),
    examplePostIds: z.array(z.string()),
    episodes: z.array(regionEpisode),
  }),
);

export const verdict = exactly<ClassifyAnswer>()(
  z.object({
    text: z.string(),
    services: z.array(z.string()),
    label: z.enum(LABELS),
    score: probability.meta({ description: 'P(complaint)' }),
    sentiment: z.object({ label: z.enum(SENTIMENTS), score: z.number().min(-1).max(1) }),
    symptoms: z.array(z.string()),
    lang: z.string(),
    region: z.object({
      country: z.string(),
      subdivision: z.string().optional(),
      source: z.enum(['place', 'geo', 'profile', 'timezone', 'language', 'unknown']),
      confidence: probability,
    }),
    why: z.array(z.string()).meta({ description: 'The features that decided the verdict, most important first' }),
  }),
);

export const OUT_OF_RANGE_REASONS = ['ahead', 'late', 'impossible'] as const;

export const rejectedPost = z.object({
  index: count,
  field: z.string(),
  message: z.string(),
  reason: z.enum(['malformed', ...OUT_OF_RANGE_REASONS]).meta({ description: '`malformed`: not a post; otherwise a well-formed post whose createdAt the event clock turned away' }),
});

export type RejectedPost = z.output<typeof rejectedPost>;

export const ingestAnswer = z.object({
  accepted: count,
  rejected: z.array(rejectedPost),
  outOfRange: exactly<Record<OutOfRange, number>>()(z.object({ ahead: count, late: count, impossible: count })).meta({ description: 'Posts turned away for their createdAt, per reason (docs/api.md, Event time)' }),
});

/** 400 of POST /v1/posts when no post was valid: the error, and each post's. */
export const noValidPostAnswer = z.object({ ...errorAnswer.shape, accepted: z.literal(0), rejected: z.array(rejectedPost) });

export const reportJob = exactly<ReportJob>()(
  z.object({
    id: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    paths: z.array(z.string()).meta({ description: 'Archive paths relative to the data directory' }),
    startedAt: isoTime,
    finishedAt: isoTime.optional(),
    error: z.string().optional(),
    report: z.unknown().optional().meta({ description: 'The batch report (docs/report.md) once done' }),
  }),
);

export const deadLetter = exactly<DeadLetter>()(
  z.object({ id: z.string(), posts: count, error: z.string(), attempts: count, failedAt: isoTime.meta({ description: 'Time of the last failure' }) }),
);

export const alertDelivery = exactly<AlertDelivery>()(
  z.object({
    id: z.string().meta({ description: 'Also sent as X-Outage-Radar-Delivery, the same on every retry' }),
    webhook: z.number().int().positive().meta({ description: 'Position of the URL in OUTAGE_RADAR_WEBHOOKS, from 1' }),
    url: z.string().meta({ description: 'Scheme, host and port only; "/…" stands for the path and query left out' }),
    event: z.enum(['open', 'update', 'close']),
    incidentId: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: count,
    lastStatusCode: z.number().int().optional().meta({ description: 'HTTP status of the last attempt, when there was a response' }),
    lastError: z.string().optional(),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
);

export const readiness = exactly<Readiness>()(
  z.object({ ready: z.boolean(), checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional() })) }),
);

export const health = z.object({ ok: z.literal(true) });

export const servicesAnswer = z.object({ services: z.array(serviceStatus) });
export const outagesAnswer = z.object({ threshold: probability, outages: z.array(outage) });
export const regionsAnswer = z.object({ service: z.string(), regions: z.array(regionStatus) });
export const examplesAnswer = z.object({
  service: z.string(),
  examples: z.object(Object.fromEntries(LABELS.map((label) => [label, z.array(recentExample)])) as Record<(typeof LABELS)[number], z.ZodArray<typeof recentExample>>),
});
export const incidentsAnswer = z.object({ incidents: z.array(incident) });
export const classifyAnswer = z.object({ results: z.array(verdict) });
export const deadLettersAnswer = z.object({ deadLetters: z.array(deadLetter) });
export const deliveriesAnswer = z.object({ deliveries: z.array(alertDelivery) });
