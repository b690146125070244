// What each route of the API takes and answers, as zod schemas: the one statement of the HTTP contract,
// from which /openapi.json is generated (openapi.ts). app.ts parses with the same schemas.
import type { z } from 'zod/v4';
import * as answers from './answers.ts';
import {
  classifyBody,
  deadLettersQuery,
  deliveriesQuery,
  incidentsQuery,
  outagesQuery,
  postSchema,
  postsBodyDocumented,
  reportBody,
  reportParams,
  serviceParams,
  signalQuery,
} from './schemas.ts';

/** One possible answer of a route. */
export interface Answer {
  description: string;
  /** A JSON body of this shape; absent: no body worth describing. */
  schema?: z.ZodType;
  /** A body that is not JSON. */
  text?: 'text/plain';
  /** The answer carries Retry-After (seconds). */
  retryAfter?: boolean;
}

/**
 * Who may call a route: anyone (reads, unless READ_REQUIRES_KEY), a key with the route's scope, or
 * anyone until keys are configured and then a key with the scope.
 */
export type Access = 'public' | 'key' | 'key once configured';

export interface RouteContract {
  method: 'get' | 'post';
  /** Express path (`:id` for a path parameter). */
  path: string;
  summary: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  answers: Record<number, Answer>;
}

const error = (description: string): Answer => ({ description, schema: answers.errorAnswer });
const ok = (schema: z.ZodType): Answer => ({ description: 'OK', schema });
const bad = error('A parameter or the body is invalid; `error.field` names it');
const limited: Answer = { description: 'Too many requests', schema: answers.errorAnswer, retryAfter: true };
const unknownService = error('Unknown service');
const tooLarge = error('Body larger than the limit');
const noKey = error('No API key sent, or an unknown one');
const noScope = error('The key lacks the scope the route needs');

/** Every route the API serves, the outage page's HTML aside. */
export const routes: RouteContract[] = [
  { method: 'get', path: '/healthz', summary: 'The process is up', access: 'public', answers: { 200: ok(answers.health) } },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Store and queue answer within 0.5 s, and the queue is within QUEUE_MAX_WAITING',
    access: 'public',
    answers: { 200: { description: 'Ready', schema: answers.readiness }, 503: { description: 'Not ready: the failing check says why', schema: answers.readiness } },
  },
  { method: 'get', path: '/metrics', summary: 'Prometheus text exposition', access: 'public', answers: { 200: { description: 'OK', text: 'text/plain' } } },
  { method: 'get', path: '/openapi.json', summary: 'This document', access: 'public', answers: { 200: { description: 'OK' } } },
  {
    method: 'get',
    path: '/v1/services',
    summary: "The service catalogue with each service's current status",
    access: 'public',
    answers: { 200: ok(answers.servicesAnswer), 429: limited },
  },
  {
    method: 'get',
    path: '/v1/outages',
    summary: 'Services whose outage confidence is at or above the threshold now, with regions and evidence',
    access: 'public',
    query: outagesQuery,
    answers: { 200: ok(answers.outagesAnswer), 400: bad, 429: limited },
  },
  {
    method: 'get',
    path: '/v1/services/:id/signal',
    summary: 'Complaint series with baseline and confidence, and the current confidence with evidence',
    access: 'public',
    params: serviceParams,
    query: signalQuery,
    answers: { 200: ok(answers.signalSeries), 400: bad, 404: unknownService, 429: limited },
  },
  {
    method: 'get',
    path: '/v1/services/:id/regions',
    summary: 'Per-region complaint counts and confidence now',
    access: 'public',
    params: serviceParams,
    answers: { 200: ok(answers.regionsAnswer), 404: unknownService, 429: limited },
  },
  {
    method: 'get',
    path: '/v1/services/:id/examples',
    summary: 'The newest posts of the service, up to 3 per label (complaint, news, joke, other), newest first, with what decided each',
    access: 'public',
    params: serviceParams,
    answers: { 200: ok(answers.examplesAnswer), 404: unknownService, 429: limited },
  },
  {
    method: 'get',
    path: '/v1/incidents',
    summary: 'Incidents overlapping [from, to), optionally of one service',
    access: 'public',
    query: incidentsQuery,
    answers: { 200: ok(answers.incidentsAnswer), 400: bad, 404: unknownService, 429: limited },
  },
  {
    method: 'post',
    path: '/v1/classify',
    summary: 'Classify texts; each verdict carries the features (`why`) that decided it',
    access: 'public',
    body: classifyBody,
    answers: { 200: ok(answers.classifyAnswer), 400: bad, 413: tooLarge, 429: limited },
  },
  {
    method: 'post',
    path: '/v1/posts',
    summary: 'Push posts in (webhook ingest); malformed items and posts whose createdAt is out of range are reported one by one',
    access: 'key',
    body: postsBodyDocumented,
    answers: {
      202: { description: 'Valid posts in range queued (accepted may be 0 when every valid post was out of range)', schema: answers.ingestAnswer },
      400: { description: 'The body is invalid, or no post in it is; `rejected` says why for each post', schema: answers.noValidPostAnswer },
      401: noKey,
      403: noScope,
      413: tooLarge,
      429: limited,
      503: {
        description: 'Ingest disabled (no API_KEY or API_KEYS), or the queue is over QUEUE_MAX_WAITING or unreachable: nothing of the request was accepted; send it again after Retry-After',
        schema: answers.errorAnswer,
        retryAfter: true,
      },
    },
  },
  {
    method: 'post',
    path: '/v1/reports',
    summary: 'Start a batch analysis of archive files under the data directory',
    access: 'key',
    body: reportBody,
    answers: {
      202: { description: 'Started; poll Location', schema: answers.reportJob },
      400: bad,
      401: noKey,
      403: noScope,
      429: limited,
      503: error('Disabled: the server has no API_KEY or API_KEYS'),
    },
  },
  {
    method: 'get',
    path: '/v1/reports/latest',
    summary: 'The latest finished report',
    access: 'public',
    answers: { 200: ok(answers.reportJob), 404: error('No report yet'), 429: limited },
  },
  {
    method: 'get',
    path: '/v1/reports/:id',
    summary: 'Status (and, when done, the result) of a report',
    access: 'public',
    params: reportParams,
    answers: { 200: ok(answers.reportJob), 400: bad, 404: error('No such report'), 429: limited },
  },
  {
    method: 'get',
    path: '/v1/deadletters',
    summary: 'Batches the queue gave up on, with the reason, most recent first; needs a key with scope admin once any key is configured',
    access: 'key once configured',
    query: deadLettersQuery,
    answers: { 200: ok(answers.deadLettersAnswer), 400: bad, 429: limited, 503: error('The queue did not answer in time') },
  },
  {
    method: 'get',
    path: '/v1/alerts/deliveries',
    summary: 'Incident webhook deliveries (open, material updates, close), most recent first, with their attempts; needs a key with scope admin once any key is configured',
    access: 'key once configured',
    query: deliveriesQuery,
    answers: { 200: ok(answers.deliveriesAnswer), 400: bad, 429: limited, 503: error('No webhook configured (OUTAGE_RADAR_WEBHOOKS)') },
  },
];

/** The request shapes /openapi.json names (components); every other shape is written where it is used. */
export const namedRequestSchemas: Record<string, z.ZodType> = { Post: postSchema };

/** The answer shapes /openapi.json names (components). */
export const namedAnswerSchemas: Record<string, z.ZodType> = {
  Error: answers.errorAnswer,
  Evidence: answers.evidence,
  RegionConfidence: answers.regionConfidence,
  RegionStatus: answers.regionStatus,
  ServiceStatus: answers.serviceStatus,
  Outage: answers.outage,
  SignalSeries: answers.signalSeries,
  Incident: answers.incident,
  RegionEpisode: answers.regionEpisode,
  Verdict: answers.verdict,
  RecentExample: answers.recentExample,
  RejectedPost: answers.rejectedPost,
  AlertDelivery: answers.alertDelivery,
  ReportJob: answers.reportJob,
  DeadLetter: answers.deadLetter,
  Readiness: answers.readiness,
};
