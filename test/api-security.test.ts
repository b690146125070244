// Who may call what, and how often, over real HTTP: API keys with scopes, keyed reads, rate budgets per
// key and per address (behind a trusted proxy too), CORS, body limits. Each on both paths a read can take:
// '/v1/...' is answered by the cached read path before Express, '/V1/...' by Express.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../src/api/app.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { close, listen, outageScenario } from './service-fixtures.ts';

const INGEST_KEY = 'ingest-key-7c1d';
const REPORTS_KEY = 'reports-key-2b9e';
const ADMIN_KEY = 'admin-key-5f3a1';
const READ_KEY = 'read-key-8e6c42';
const LEGACY_KEY = 'legacy-key-0a4b';
const KEYS: AppOptions['apiKeys'] = [
  { key: INGEST_KEY, scopes: ['ingest'] },
  { key: REPORTS_KEY, scopes: ['reports'] },
  { key: ADMIN_KEY, scopes: ['admin'] },
  { key: READ_KEY, scopes: ['read'] },
];
const { posts } = outageScenario();

let dataDir: string;
let service: LiveService;
const servers: Server[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'or-security-'));
  service = await LiveService.open({ dataDir, latenessMs: 0, analyse: (paths) => analyseArchives(paths) });
});

afterAll(async () => {
  await Promise.all(servers.map(close));
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function serve(options: AppOptions): Promise<string> {
  const { server, base } = await listen(createApp(service, options));
  servers.push(server);
  return base;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(base: string, path: string, { key, method = 'GET', body, headers = {} }: { key?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

const ingest = (base: string, key?: string) => call(base, '/v1/posts', { method: 'POST', key, body: { posts: posts.slice(0, 2) } });
const report = (base: string, key?: string) => call(base, '/v1/reports', { method: 'POST', key, body: { path: 'archives/missing.jsonl' } });

describe('API keys with scopes', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve({ apiKeys: KEYS });
  });

  it('answers 401 without a key and with an unknown key, naming the scope the route needs', async () => {
    for (const key of [undefined, 'unknown-key-1234', INGEST_KEY.slice(0, -1)]) {
      const answer = await ingest(base, key);
      expect(answer.status, key).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
      expect(answer.body.error.message).toContain('scope "ingest"');
    }
  });

  it('answers 403 naming the scope for a key without it, and never shows the key', async () => {
    const answers = [await ingest(base, REPORTS_KEY), await report(base, INGEST_KEY), await call(base, '/v1/deadletters', { key: INGEST_KEY }), await call(base, '/v1/alerts/deliveries', { key: REPORTS_KEY })];
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(answers.map((a) => /scope "(\w+)"/.exec(a.body.error.message)?.[1])).toEqual(['ingest', 'reports', 'admin', 'admin']);
    for (const answer of answers) for (const { key } of KEYS ?? []) expect(JSON.stringify(answer.body)).not.toContain(key);
  });

  it('lets each route on with the key of its scope', async () => {
    expect((await ingest(base, INGEST_KEY)).status).toBe(202);
    // Past the key check, the report's path is judged: it does not exist.
    expect((await report(base, REPORTS_KEY)).body.error.message).toMatch(/does not exist/);
    expect((await call(base, '/v1/deadletters', { key: ADMIN_KEY })).status).toBe(200);
    expect((await call(base, '/v1/alerts/deliveries', { key: ADMIN_KEY })).body.error.code).toBe('alerts_disabled');
  });

  it('takes the key from X-API-Key too', async () => {
    expect((await call(base, '/v1/deadletters', { headers: { 'x-api-key': ADMIN_KEY } })).status).toBe(200);
  });

  it('keeps reads public by default, on both paths', async () => {
    for (const path of ['/v1/outages', '/V1/outages', '/v1/incidents', '/v1/services']) expect((await call(base, path)).status, path).toBe(200);
  });

  it('keeps API_KEY working as a key with every scope', async () => {
    const legacy = await serve({ apiKey: LEGACY_KEY, apiKeys: KEYS, readRequiresKey: true });
    expect((await ingest(legacy, LEGACY_KEY)).status).toBe(202);
    expect((await report(legacy, LEGACY_KEY)).body.error.message).toMatch(/does not exist/);
    expect((await call(legacy, '/v1/deadletters', { key: LEGACY_KEY })).status).toBe(200);
    expect((await call(legacy, '/v1/outages', { key: LEGACY_KEY })).status).toBe(200);
  });

  it('leaves the operator routes open and closes the write routes (503, saying what to set) when no key is configured', async () => {
    const open = await serve({});
    expect((await call(open, '/v1/deadletters')).status).toBe(200);
    const refused = await ingest(open, INGEST_KEY);
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toContain('set API_KEYS');
  });
});

describe('keyed reads (READ_REQUIRES_KEY)', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve({ apiKeys: KEYS, readRequiresKey: true });
  });

  it('answers a read without a key 401 and with a key lacking scope read 403, on both paths', async () => {
    for (const path of ['/v1/outages', '/V1/outages', '/v1/services/whatsapp/regions', '/v1/incidents', '/v1/reports/latest']) {
      expect((await call(base, path)).status, path).toBe(401);
      const forbidden = await call(base, path, { key: INGEST_KEY });
      expect(forbidden.status, path).toBe(403);
      expect(forbidden.body.error.message).toContain('scope "read"');
    }
    expect((await call(base, '/v1/classify', { method: 'POST', body: { text: 'whatsapp down' } })).status).toBe(401);
  });

  it('answers a read with a key of scope read, on both paths', async () => {
    for (const path of ['/v1/outages', '/V1/outages', '/v1/services']) expect((await call(base, path, { key: READ_KEY })).status, path).toBe(200);
  });

  it('answers 503 saying what to set when reads need a key and none is configured', async () => {
    const unkeyed = await serve({ readRequiresKey: true });
    const answer = await call(unkeyed, '/v1/outages');
    expect(answer.status).toBe(503);
    expect(answer.body.error.message).toContain('scope "read"');
  });
});

describe('rate limits', () => {
  const statuses = async (base: string, n: number, path: string, init: Parameters<typeof call>[2] = {}) => {
    const seen: number[] = [];
    for (let i = 0; i < n; i++) seen.push((await call(base, path, init)).status);
    return seen;
  };

  it('gives reads and writes separate budgets: a reader at its limit can still ingest, and the reverse', async () => {
    const base = await serve({ apiKeys: KEYS, rateLimit: { max: 2 }, writeRateLimit: { max: 2 } });
    expect(await statuses(base, 3, '/v1/outages')).toEqual([200, 200, 429]);
    expect((await ingest(base)).status).toBe(401);
    const limited = await serve({ apiKeys: KEYS, rateLimit: { max: 2 }, writeRateLimit: { max: 1 } });
    expect([(await ingest(limited, INGEST_KEY)).status, (await ingest(limited, INGEST_KEY)).status]).toEqual([202, 429]);
    expect(await statuses(limited, 2, '/v1/outages')).toEqual([200, 200]);
  });

  it('answers 429 with Retry-After and a JSON error saying whose budget ran out', async () => {
    const base = await serve({ apiKeys: KEYS, rateLimit: { max: 1 } });
    await call(base, '/v1/outages');
    for (const path of ['/v1/outages', '/V1/outages']) {
      const answer = await call(base, path);
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer.body.error).toMatchObject({ code: 'rate_limited' });
      expect(answer.body.error.message).toMatch(/more than 1 read requests in 60 s from this address; retry in \d+ s/);
    }
  });

  it('gives each key its own budget, apart from its address', async () => {
    const base = await serve({ apiKeys: KEYS, rateLimit: { max: 2 } });
    expect(await statuses(base, 3, '/v1/outages')).toEqual([200, 200, 429]);
    expect(await statuses(base, 3, '/v1/outages', { key: READ_KEY })).toEqual([200, 200, 429]);
    expect(await statuses(base, 3, '/V1/outages', { key: ADMIN_KEY })).toEqual([200, 200, 429]);
    const limited = await call(base, '/v1/outages', { key: ADMIN_KEY });
    expect(limited.body.error.message).toContain('from this API key');
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set: one budget for the socket address', async () => {
    const base = await serve({ rateLimit: { max: 2 } });
    const forwardedFrom = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    expect((await call(base, '/v1/outages', forwardedFrom('203.0.113.1'))).status).toBe(200);
    expect((await call(base, '/v1/outages', forwardedFrom('203.0.113.2'))).status).toBe(200);
    expect((await call(base, '/v1/outages', forwardedFrom('203.0.113.3'))).status).toBe(429);
  });

  it("behind a trusted proxy, budgets the forwarded client's address, on both paths", async () => {
    const base = await serve({ rateLimit: { max: 2 }, trustProxy: 'loopback' });
    const forwardedFrom = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    expect(await statuses(base, 2, '/v1/outages', forwardedFrom('198.51.100.1'))).toEqual([200, 200]);
    expect((await call(base, '/V1/outages', forwardedFrom('198.51.100.1'))).status).toBe(429);
    expect(await statuses(base, 2, '/V1/outages', forwardedFrom('198.51.100.2'))).toEqual([200, 200]);
    expect((await call(base, '/v1/outages', forwardedFrom('198.51.100.2'))).status).toBe(429);
    expect((await call(base, '/v1/outages', forwardedFrom('198.51.100.3'))).status).toBe(200);
  });
});

describe('CORS', () => {
  const ORIGIN = 'https://status.example.com';

  it('sends no CORS header when no origin is configured', async () => {
    const base = await serve({});
    const answer = await call(base, '/v1/outages', { headers: { origin: ORIGIN } });
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await call(base, '/v1/posts', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a configured origin read answers and errors, on both paths', async () => {
    const base = await serve({ corsOrigins: [ORIGIN] });
    for (const path of ['/v1/outages', '/V1/outages', '/v1/services/nope/signal', '/nowhere']) {
      const answer = await call(base, path, { headers: { origin: ORIGIN } });
      expect(answer.headers.get('access-control-allow-origin'), path).toBe(ORIGIN);
      expect(answer.headers.get('access-control-expose-headers'), path).toContain('X-Request-Id');
      expect(answer.headers.get('vary'), path).toContain('Origin');
    }
  });

  it('answers the preflight of a configured origin, and refuses any other with a JSON error', async () => {
    const base = await serve({ corsOrigins: [ORIGIN, 'https://other.example'] });
    const preflight = { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } };
    const allowed = await call(base, '/v1/posts', preflight);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Content-Type/);
    const refused = await call(base, '/v1/posts', { ...preflight, headers: { ...preflight.headers, origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.body.error.message).toContain('CORS_ORIGINS');
    const answer = await call(base, '/v1/outages', { headers: { origin: 'https://evil.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('body limits', () => {
  it('answers a body over the limit with 413 and a JSON error, on every POST route', async () => {
    const base = await serve({ apiKeys: KEYS, bodyLimit: '10kb' });
    const big = { posts: [{ ...posts[0], text: 'x'.repeat(20_000) }] };
    for (const [path, key] of [['/v1/posts', INGEST_KEY], ['/v1/reports', REPORTS_KEY], ['/v1/classify', undefined]] as const) {
      const answer = await call(base, path, { method: 'POST', key, body: big });
      expect(answer.status, path).toBe(413);
      expect(answer.body.error, path).toMatchObject({ code: 'payload_too_large', field: 'body' });
    }
  });
});
