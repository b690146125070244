// The Express app: middleware, then thin routes that validate, call one function of the Radar, and shape the answer.
import express, { type Request } from 'express';
import type { z } from 'zod';
import type { Post } from '../model/types.ts';
import type { Radar } from '../service/radar.ts';
import { requireApiKey } from './auth.ts';
import { ApiError, errorHandler, fromZodError, notFound, unknownRoute } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import {
  classifyBodyFor,
  deliveriesQuery,
  incidentsQuery,
  outagesQuery,
  postSchema,
  postsBody,
  reportBody,
  reportParams,
  serviceParams,
  signalQuery,
} from './schemas.ts';

export interface AppOptions {
  /** Key for POST /v1/posts and POST /v1/reports; those routes answer 503 without one. */
  apiKey?: string;
  /** Largest accepted JSON body. Default "1mb". */
  bodyLimit?: string;
  rateLimit?: RateLimitOptions;
  log?: (message: string) => void;
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw fromZodError(result.error, where);
  return result.data;
}

function requireService(radar: Radar, req: Request): string {
  const { id } = parse(serviceParams, req.params, 'path');
  if (!radar.hasService(id)) throw notFound(`unknown service "${id}"; GET /v1/services lists them`);
  return id;
}

export interface RejectedPost {
  index: number;
  field: string;
  message: string;
}

/** Splits pushed items into valid posts and per-item errors naming the field. */
export function parsePosts(items: unknown[]): { posts: Post[]; rejected: RejectedPost[] } {
  const posts: Post[] = [];
  const rejected: RejectedPost[] = [];
  items.forEach((item, index) => {
    const result = postSchema.safeParse(item);
    if (result.success) {
      posts.push(result.data);
      return;
    }
    const issue = result.error.issues[0];
    const field = ['posts', index, ...(issue?.path ?? [])].join('.');
    rejected.push({ index, field, message: issue?.message ?? 'invalid post' });
  });
  return { posts, rejected };
}

export function createApp(radar: Radar, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers change every minute and are small: hashing each one for an ETag costs more than it saves.
  app.set('etag', false);
  app.set('query parser', 'simple');
  const writeKey = requireApiKey(options.apiKey);
  const json = express.json({ limit: options.bodyLimit ?? '1mb' });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await radar.readiness();
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  app.get('/metrics', async (_req, res) => {
    res.type('text/plain; version=0.0.4; charset=utf-8').send(await radar.metricsText());
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  const v1 = express.Router();
  v1.use(rateLimit(options.rateLimit));

  v1.get('/services', async (_req, res) => {
    res.json({ services: await radar.services() });
  });

  v1.get('/outages', async (req, res) => {
    const { threshold } = parse(outagesQuery, req.query, 'query');
    res.json({ threshold, outages: await radar.outages(threshold) });
  });

  v1.get('/services/:id/signal', async (req, res) => {
    const service = requireService(radar, req);
    const q = parse(signalQuery, req.query, 'query');
    if (q.bucket % radar.bucketMs !== 0) {
      throw new ApiError(400, 'invalid_request', `query.bucket: must be a multiple of ${radar.bucketMs / 60_000}m`, 'query.bucket');
    }
    res.json(await radar.signal(service, { region: q.region, from: q.from, to: q.to, bucketMs: q.bucket }));
  });

  v1.get('/services/:id/regions', async (req, res) => {
    const service = requireService(radar, req);
    res.json({ service, regions: await radar.regions(service) });
  });

  v1.get('/incidents', async (req, res) => {
    const q = parse(incidentsQuery, req.query, 'query');
    if (q.service !== undefined && !radar.hasService(q.service)) throw notFound(`unknown service "${q.service}"`);
    res.json({ incidents: await radar.incidents(q) });
  });

  v1.post('/classify', json, (req, res) => {
    const inputs = parse(classifyBodyFor(req.body), req.body, 'body');
    res.json({ results: radar.classify(inputs) });
  });

  v1.post('/posts', writeKey, json, async (req, res) => {
    const { posts: items } = parse(postsBody, req.body, 'body');
    const { posts, rejected } = parsePosts(items);
    if (rejected.length > 0) radar.countMalformed(rejected.length, 'api');
    if (posts.length === 0) {
      const first = rejected[0];
      const error = new ApiError(400, 'invalid_posts', `no valid post: ${first?.field}: ${first?.message}`, first?.field);
      res.status(400).json({ ...error.body(), accepted: 0, rejected });
      return;
    }
    const { accepted } = await radar.ingest(posts);
    res.status(202).json({ accepted, rejected });
  });

  v1.get('/reports/latest', async (_req, res) => {
    const job = await radar.latestReport();
    if (!job) throw notFound('no report has finished yet; POST /v1/reports starts one');
    res.json(job);
  });

  v1.post('/reports', writeKey, json, async (req, res) => {
    const { paths } = parse(reportBody, req.body, 'body');
    const job = await radar.startReport(paths);
    res.status(202).location(`/v1/reports/${job.id}`).json(job);
  });

  v1.get('/reports/:id', async (req, res) => {
    const { id } = parse(reportParams, req.params, 'path');
    const job = await radar.report(id);
    if (!job) throw notFound(`no report "${id}"`);
    res.json(job);
  });

  v1.get('/deadletters', async (_req, res) => {
    res.json({ deadLetters: await radar.deadLetters() });
  });

  v1.get('/alerts/deliveries', (req, res) => {
    const query = parse(deliveriesQuery, req.query, 'query');
    const deliveries = radar.alertDeliveries(query);
    if (!deliveries) {
      throw new ApiError(503, 'alerts_disabled', 'webhook alerts are off: set OUTAGE_RADAR_WEBHOOKS and OUTAGE_RADAR_WEBHOOK_SECRET to enable them');
    }
    res.json({ deliveries });
  });

  app.use('/v1', v1);
  app.use(unknownRoute);
  app.use(errorHandler(options.log));
  return app;
}

/** The small app a worker process serves when METRICS_PORT is set: /healthz and /metrics only. */
export function createWorkerApp(metricsText: () => Promise<string>): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers change every minute and are small: hashing each one for an ETag costs more than it saves.
  app.set('etag', false);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/metrics', async (_req, res) => {
    res.type('text/plain; version=0.0.4; charset=utf-8').send(await metricsText());
  });
  app.use(unknownRoute);
  app.use(errorHandler());
  return app;
}
