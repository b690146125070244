// The Express app: middleware, then thin routes that validate, call one function of the Radar, and shape the answer.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import express from 'express';
import type { z } from 'zod/v4';
import type { Post } from '../model/types.ts';
import type { Log } from '../observe/log.ts';
import type { OutOfRange } from '../pipeline/event-clock.ts';
import type { RejectedPost } from './answers.ts';
import type { OutOfRangePost, Radar } from '../live/radar.ts';
import { apiKeyConfigs, KeyRing, requireScope } from './auth.ts';
import type { ApiKeyConfig, Scope } from '../model/access.ts';
import { callerOf, type CallerOf } from './caller.ts';
import { CorsPolicy } from './cors.ts';
import { ApiError, errorHandler, fromZodError, notFound, unknownRoute } from './errors.ts';
import { firstIssue, issueMessage } from './zod-issues.ts';
import { JsonBodies, type JsonAnswer } from './json-body.ts';
import { openApiDocument } from './openapi.ts';
import { pageRoutes } from '../page/routes.ts';
import { budgetHolder, RateLimiter, rateLimit, setRateHeaders, type RateBudgets, type RateLimitOptions } from './rate-limit.ts';
import { requestId } from './request-id.ts';
import { CACHED_READ, securityHeaders, setSecurityHeaders } from './security-headers.ts';
import {
  classifyBodyFor,
  deadLettersQuery,
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
  /** A key with every scope (API_KEY). POST /v1/posts and POST /v1/reports answer 503 while no key has been configured. */
  apiKey?: string;
  /** Keys with scopes (API_KEYS). */
  apiKeys?: ApiKeyConfig[];
  /** Reads need a key with scope `read` (READ_REQUIRES_KEY). Default false: reads are public. */
  readRequiresKey?: boolean;
  /** Express's `trust proxy` (TRUST_PROXY): whose forwarded address is the client's. Default false: the socket's. */
  trustProxy?: boolean | number | string;
  /** Origins a browser app may call the API from (CORS_ORIGINS). Default none: no CORS header at all. */
  corsOrigins?: string[];
  /** Largest accepted JSON body. Default "1mb". */
  bodyLimit?: string;
  /** The budget of reads (GET, HEAD) per key or address. */
  rateLimit?: RateLimitOptions;
  /** The budget of writes (POST) per key or address. */
  writeRateLimit?: RateLimitOptions;
  log?: Log;
}

/** Parsed values per schema of one request target: the read path's match of a URL keeps them (see routeMatcher). */
type ParsedInputs = Map<z.ZodType, unknown>;

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string, parsed?: ParsedInputs): z.output<S> {
  if (parsed?.has(schema)) return parsed.get(schema) as z.output<S>;
  const result = schema.safeParse(value ?? {}, { error: issueMessage });
  if (!result.success) throw fromZodError(result.error, where);
  parsed?.set(schema, result.data);
  return result.data;
}

function requireService(radar: Radar, params: unknown, parsed?: ParsedInputs): string {
  const { id } = parse(serviceParams, params, 'path', parsed);
  if (!radar.hasService(id)) throw notFound(`unknown service "${id}"; GET /v1/services lists them`);
  return id;
}

/** Splits pushed items into valid posts (with their index in the request) and per-item errors naming the field. */
export function parsePosts(items: unknown[]): { posts: Post[]; indices: number[]; rejected: RejectedPost[] } {
  const posts: Post[] = [];
  const indices: number[] = [];
  const rejected: RejectedPost[] = [];
  items.forEach((item, index) => {
    const result = postSchema.safeParse(item, { error: issueMessage });
    if (result.success) {
      posts.push(result.data);
      indices.push(index);
      return;
    }
    const issue = firstIssue(result.error);
    const field = ['posts', index, ...(issue?.path ?? [])].join('.');
    rejected.push({ index, field, message: issue?.message ?? 'invalid post', reason: 'malformed' });
  });
  return { posts, indices, rejected };
}

/** The out-of-range posts of an ingest as rejected items of the request, and their number per reason. */
function outOfRangeAnswer(outOfRange: OutOfRangePost[], indices: number[]): { rejected: RejectedPost[]; counts: Record<OutOfRange, number> } {
  const counts: Record<OutOfRange, number> = { ahead: 0, late: 0, impossible: 0 };
  const rejected = outOfRange.map(({ position, reason, message }) => {
    counts[reason]++;
    const index = indices[position];
    return { index, field: `posts.${index}.createdAt`, message, reason };
  });
  return { rejected, counts };
}

/** The API: a request listener for `http.createServer`; `express` is the app that answers all but the cached reads. */
export type Api = RequestListener & { express: express.Express };

/** The cached reads first (a plain handler, see cachedReadsFirst), then the Express app. */
export function createApp(radar: Radar, options: AppOptions = {}): Api {
  const app = express();
  app.disable('x-powered-by');
  // Answers change every minute and are small: hashing each one for an ETag costs more than it saves.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);
  const ring = new KeyRing(apiKeyConfigs(options.apiKey, options.apiKeys));
  const caller = callerOf(app, ring);
  const readRequiresKey = options.readRequiresKey ?? false;
  const keyed = (scope: Scope, whenNoKeys: 'open' | 'closed') => requireScope(ring, scope, whenNoKeys, (req) => caller(req).key);
  const readKey = readRequiresKey ? keyed('read', 'closed') : pass;
  const ingestKey = keyed('ingest', 'closed');
  const reportsKey = keyed('reports', 'closed');
  const adminKey = keyed('admin', 'open');
  const cors = new CorsPolicy(options.corsOrigins);
  const json = express.json({ limit: options.bodyLimit ?? '1mb' });
  const answers = new JsonBodies();
  const budgets: RateBudgets = { reads: new RateLimiter(options.rateLimit), writes: new RateLimiter(options.writeRateLimit) };
  const reads = readRoutes(radar);

  app.use(securityHeaders, (req, res, next) => {
    cors.setHeaders(req, res);
    next();
  });
  app.use(cors.preflight());
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
  v1.use(rateLimit(budgets, caller));

  for (const route of reads) {
    v1.get(route.path, readKey, async (req, res) => {
      answers.send(res.set('Cache-Control', CACHED_READ), await route.answer(req.params, req.query));
    });
  }

  v1.get('/incidents', readKey, async (req, res) => {
    const q = parse(incidentsQuery, req.query, 'query');
    if (q.service !== undefined && !radar.hasService(q.service)) throw notFound(`unknown service "${q.service}"`);
    res.json({ incidents: await radar.incidents(q) });
  });

  v1.get('/services/:id/examples', readKey, async (req, res) => {
    const service = requireService(radar, req.params);
    res.json({ service, examples: await radar.examples(service) });
  });

  v1.post('/classify', readKey, json, async (req, res) => {
    const inputs = parse(classifyBodyFor(req.body), req.body, 'body');
    res.json({ results: await radar.classify(inputs) });
  });

  v1.post('/posts', ingestKey, json, async (req, res) => {
    const { posts: items } = parse(postsBody, req.body, 'body');
    const { posts, indices, rejected } = parsePosts(items);
    if (rejected.length > 0) radar.countMalformed(rejected.length, 'api');
    if (posts.length === 0) {
      const first = rejected[0];
      const error = new ApiError(400, 'invalid_posts', `no valid post: ${first?.field}: ${first?.message}`, first?.field);
      res.status(400).json({ ...error.body(requestId(req, res)), accepted: 0, rejected });
      return;
    }
    // Out of range is no fault of the request's form, and sending the post again cannot help: still 202.
    const { accepted, outOfRange } = await radar.ingest(posts);
    const judged = outOfRangeAnswer(outOfRange, indices);
    res.status(202).json({ accepted, rejected: [...rejected, ...judged.rejected].sort((a, b) => a.index - b.index), outOfRange: judged.counts });
  });

  v1.get('/reports/latest', readKey, async (_req, res) => {
    const job = await radar.latestReport();
    if (!job) throw notFound('no report has finished yet; POST /v1/reports starts one');
    res.json(job);
  });

  v1.post('/reports', reportsKey, json, async (req, res) => {
    const { paths } = parse(reportBody, req.body, 'body');
    const job = await radar.startReport(paths);
    res.status(202).location(`/v1/reports/${job.id}`).json(job);
  });

  v1.get('/reports/:id', readKey, async (req, res) => {
    const { id } = parse(reportParams, req.params, 'path');
    const job = await radar.report(id);
    if (!job) throw notFound(`no report "${id}"`);
    res.json(job);
  });

  v1.get('/deadletters', adminKey, async (req, res) => {
    const { limit } = parse(deadLettersQuery, req.query, 'query');
    res.json({ deadLetters: await radar.deadLetters(limit) });
  });

  v1.get('/alerts/deliveries', adminKey, async (req, res) => {
    const query = parse(deliveriesQuery, req.query, 'query');
    const deliveries = await radar.alertDeliveries(query);
    if (!deliveries) {
      throw new ApiError(503, 'alerts_disabled', 'webhook alerts are off: set OUTAGE_RADAR_WEBHOOKS and OUTAGE_RADAR_WEBHOOK_SECRET to enable them');
    }
    res.json({ deliveries });
  });

  app.use('/v1', v1);
  app.use(pageRoutes(radar));
  app.use(unknownRoute);
  app.use(errorHandler(options.log));
  const api = cachedReadsFirst(app, reads, answers, {
    budgets,
    caller,
    readRequiresKey,
    setHeaders: (req, res) => {
      setSecurityHeaders(req, res);
      cors.setHeaders(req, res);
    },
  });
  return Object.assign(api, { express: app });
}

const pass: express.RequestHandler = (_req, _res, next) => next();

/** A GET route whose answer the Radar caches. */
interface ReadRoute {
  /** Express path under /v1; `:id` is a service id. */
  path: string;
  /** `parsed`: where the parsed params and query of this request target are kept, when they can be reused. */
  answer(params: unknown, query: unknown, parsed?: ParsedInputs): Promise<JsonAnswer>;
}

/** The cached reads, one definition for Express and for the fast path. */
function readRoutes(radar: Radar): ReadRoute[] {
  return [
    {
      path: '/services',
      answer: async () => {
        const services = await radar.services();
        return { answer: services, body: () => ({ services }) };
      },
    },
    {
      path: '/outages',
      answer: async (_params, query, parsed) => {
        const { threshold } = parse(outagesQuery, query, 'query', parsed);
        const outages = await radar.outages(threshold);
        return { answer: outages, body: () => ({ threshold, outages }), variant: String(threshold) };
      },
    },
    {
      path: '/services/:id/signal',
      answer: async (params, query, parsed) => {
        const service = requireService(radar, params, parsed);
        const q = parse(signalQuery, query, 'query', parsed);
        if (q.bucket % radar.bucketMs !== 0) {
          throw new ApiError(400, 'invalid_request', `query.bucket: must be a multiple of ${radar.bucketMs / 60_000}m`, 'query.bucket');
        }
        return { answer: await radar.signal(service, { region: q.region, from: q.from, to: q.to, bucketMs: q.bucket }) };
      },
    },
    {
      path: '/services/:id/regions',
      answer: async (params, _query, parsed) => {
        const service = requireService(radar, params, parsed);
        const regions = await radar.regions(service);
        return { answer: regions, body: () => ({ service, regions }), variant: service };
      },
    },
  ];
}

/** What the read path must honour as Express does: the budgets, the caller, keyed reads, every answer's headers. */
interface ReadAccess {
  budgets: RateBudgets;
  caller: CallerOf;
  readRequiresKey: boolean;
  setHeaders(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Answers successful GETs of the cached reads before Express sees them: at thousands of requests a
 * second, Express's per-request work (prototype swaps, router walk, middleware) costs more CPU and
 * garbage than the answer itself and sets the tail latency. The response is byte for byte what the
 * Express route sends, headers included; anything else (another method or path spelling, an invalid
 * query, an unknown service, a client at its limit, a failed answer) goes to `app` unchanged.
 */
function cachedReadsFirst(app: express.Express, routes: ReadRoute[], answers: JsonBodies, access: ReadAccess): RequestListener {
  const match = routeMatcher(routes);
  const limiter = access.budgets.reads;
  const toExpress = (req: IncomingMessage, res: ServerResponse) => void app(req, res);
  return (req, res) => {
    access.setHeaders(req, res);
    const found = req.method === 'GET' ? match(req.url ?? '') : undefined;
    if (found === undefined) return toExpress(req, res);
    const who = access.caller(req);
    // A read that needs a key it lacks is Express's to refuse, with the error that says which.
    if (access.readRequiresKey && !who.key?.scopes.has('read')) return toExpress(req, res);
    const client = budgetHolder(who);
    if (!limiter.wouldAllow(client)) return toExpress(req, res);
    found.route.answer(found.params, found.query, found.parsed).then(
      (answer) => {
        if (!limiter.wouldAllow(client)) return toExpress(req, res);
        setRateHeaders(res, limiter.take(client));
        const bytes = answers.bytes(answer);
        res.setHeader('Cache-Control', CACHED_READ);
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', bytes.length);
        res.end(bytes);
      },
      () => toExpress(req, res),
    );
  };
}

const PLAIN_ID = /^[\w.-]+$/;

/** Distinct URLs remembered by the read path's matcher; past this it starts afresh. */
const MAX_REMEMBERED_URLS = 1000;

interface ReadMatch {
  route: ReadRoute;
  params: Record<string, string>;
  query: unknown;
  parsed: ParsedInputs;
}

/**
 * Finds the read route of a request target spelled exactly as its path (`/v1/...`), with its params
 * and query. The same URL gets the same match objects, so their parsed form is remembered too.
 */
function routeMatcher(routes: ReadRoute[]): (url: string) => ReadMatch | undefined {
  const patterns = routes.map((route) => ({ route, segments: `/v1${route.path}`.split('/') }));
  const known = new Map<string, ReadMatch | undefined>();
  const find = (url: string): ReadMatch | undefined => {
    const mark = url.indexOf('?');
    const segments = (mark < 0 ? url : url.slice(0, mark)).split('/');
    for (const { route, segments: pattern } of patterns) {
      if (pattern.length !== segments.length) continue;
      // An id needing percent-decoding is left to Express, which decodes it.
      const matched = pattern.every((part, i) => (part === ':id' ? PLAIN_ID.test(segments[i]) : part === segments[i]));
      if (!matched) continue;
      const id = pattern.indexOf(':id');
      const params: Record<string, string> = id < 0 ? {} : { id: segments[id] };
      return { route, params, query: parseQueryString(mark < 0 ? '' : url.slice(mark + 1)), parsed: new Map() };
    }
    return undefined;
  };
  return (url) => {
    if (known.has(url)) return known.get(url);
    if (known.size >= MAX_REMEMBERED_URLS) known.clear();
    const match = find(url);
    known.set(url, match);
    return match;
  };
}

/** The small app a worker process serves when METRICS_PORT is set: /healthz and /metrics only. */
export function createWorkerApp(metricsText: () => Promise<string>): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers change every minute and are small: hashing each one for an ETag costs more than it saves.
  app.set('etag', false);
  app.use(securityHeaders);
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
