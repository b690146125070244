// The HTTP contract (src/api/contract.ts) against the app itself: /openapi.json, generated from the
// contract's zod schemas, describes exactly the routes Express serves, and real answers over real
// HTTP have the documented shape of their route and status.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Api } from '../src/api/app.ts';
import { routes } from '../src/api/contract.ts';
import { openApiPath } from '../src/api/openapi.ts';
import { pageRoutes } from '../src/page/routes.ts';
import type { LiveService } from '../src/live/live-service.ts';
import { scenarioService } from './scenario-service.ts';
import { close, listen, outageScenario } from './service-fixtures.ts';

const API_KEY = 'contract-key-123456';
let counted: { service: LiveService; stop(): Promise<void> };
let app: Api;
let server: Server;
let base: string;

beforeAll(async () => {
  counted = await scenarioService(outageScenario(), 'or-contract-');
  app = createApp(counted.service, { apiKey: API_KEY });
  ({ server, base } = await listen(app));
});

afterAll(async () => {
  await close(server);
  await counted.stop();
});

interface Layer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** `METHOD /path` of every route in an Express router, mounted routers included. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = [layer.route.path].flat();
      return paths.flatMap((path) => Object.keys(layer.route?.methods ?? {}).map((method) => `${method.toUpperCase()} ${prefix}${path}`));
    }
    const mount = [layer.rawPath ?? ''].flat()[0];
    return layer.handle.stack ? routesOf(layer.handle.stack, mount === '/' ? prefix : `${prefix}${mount}`) : [];
  });
}

const stackOf = (router: unknown) => (router as { stack: Layer[] }).stack;

async function getJson(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path, { headers });
  return { status: res.status, body: await res.json() };
}

/** The documented schema of a route's answer with this status. */
function documented(method: string, path: string, status: number) {
  const schema = routes.find((r) => r.method === method && r.path === path)?.answers[status]?.schema;
  if (!schema) throw new Error(`no documented ${status} answer of ${method.toUpperCase()} ${path}`);
  return schema;
}

/** The body has the documented shape: it parses, and nothing in it is left out by the schema (no undocumented field). */
function expectDocumented(method: string, path: string, answer: { status: number; body: unknown }): void {
  const schema = documented(method, path, answer.status);
  const parsed = schema.safeParse(answer.body);
  expect(parsed.error?.issues, `${method.toUpperCase()} ${path} ${answer.status}`).toBeUndefined();
  expect(parsed.data).toEqual(answer.body);
}

describe('/openapi.json', () => {
  it('describes exactly the routes the Express app serves, the outage page aside', () => {
    const page = new Set(routesOf(stackOf(pageRoutes(counted.service))));
    const served = routesOf(stackOf(app.express.router)).filter((route) => !page.has(route));
    const described = routes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(new Set(described).size).toBe(described.length);
    expect(described.sort()).toEqual(served.sort());
  });

  it('is an OpenAPI 3.1 document whose every reference resolves and every path parameter is declared', async () => {
    const { status, body } = await getJson('/openapi.json');
    expect(status).toBe(200);
    const doc = body as { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { description: string }> }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'outage-radar', version: '1' });
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(routes.map((route) => openApiPath(route.path)))].sort());
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const operation of Object.values(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
        for (const answer of Object.values(operation.responses)) expect(answer.description, path).toBeTruthy();
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
  });
});

describe('answers over real HTTP have their documented shape', () => {
  it('for the cached reads: services, outages, a signal and its regions', async () => {
    expectDocumented('get', '/v1/services', await getJson('/v1/services'));
    const outages = await getJson('/v1/outages?threshold=0.3');
    expect((outages.body as { outages: unknown[] }).outages.length).toBeGreaterThan(0);
    expectDocumented('get', '/v1/outages', outages);
    expectDocumented('get', '/v1/services/:id/signal', await getJson('/v1/services/whatsapp/signal?bucket=5m'));
    expectDocumented('get', '/v1/services/:id/regions', await getJson('/v1/services/whatsapp/regions'));
  });

  it('for incidents, examples, health and readiness', async () => {
    const incidents = await getJson('/v1/incidents');
    expect((incidents.body as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
    expectDocumented('get', '/v1/incidents', incidents);
    expectDocumented('get', '/v1/services/:id/examples', await getJson('/v1/services/whatsapp/examples'));
    expectDocumented('get', '/healthz', await getJson('/healthz'));
    expectDocumented('get', '/readyz', await getJson('/readyz'));
  });

  it('for a classification, the admin reads and the errors', async () => {
    const res = await fetch(`${base}/v1/classify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'whatsapp is down again' }) });
    expectDocumented('post', '/v1/classify', { status: res.status, body: await res.json() });
    const admin = { authorization: `Bearer ${API_KEY}` };
    expectDocumented('get', '/v1/deadletters', await getJson('/v1/deadletters', admin));
    expectDocumented('get', '/v1/alerts/deliveries', await getJson('/v1/alerts/deliveries', admin));
    expectDocumented('get', '/v1/outages', await getJson('/v1/outages?threshold=2'));
    expectDocumented('get', '/v1/services/:id/signal', await getJson('/v1/services/nope/signal'));
    expectDocumented('get', '/v1/reports/latest', await getJson('/v1/reports/latest'));
  });
});

describe('invalid requests', () => {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: JSON.stringify(body) });
    return (await res.json()) as { error: { message: string } };
  };
  const queries: [string, string][] = [
    ['/v1/outages?threshold=abc', 'query.threshold: Expected number, received nan'],
    ['/v1/outages?threshold=Infinity', 'query.threshold: Number must be less than or equal to 1'],
    ['/v1/outages?treshold=1', "query: Unrecognized key(s) in object: 'treshold'"],
    ['/v1/alerts/deliveries?limit=1.5', 'query.limit: Expected integer, received float'],
    ['/v1/alerts/deliveries?status=done', "query.status: Invalid enum value. Expected 'pending' | 'delivered' | 'failed', received 'done'"],
    ['/v1/deadletters?limit=0', 'query.limit: Number must be greater than or equal to 1'],
    ['/v1/services/whatsapp/signal?bucket=25h', 'query.bucket: must be between 1m and 24h'],
    ['/v1/services/whatsapp/signal?from=nope', 'query.from: "nope" is not an ISO 8601 time or epoch milliseconds'],
  ];

  it('are told what is wrong in the words the API has always used, for query parameters', async () => {
    for (const [path, message] of queries) {
      const answer = await getJson(path, { authorization: `Bearer ${API_KEY}` });
      expect(answer.status, path).toBe(400);
      expect((answer.body as { error: { message: string } }).error.message, path).toBe(message);
    }
  });

  it('are told what is wrong in the words the API has always used, for bodies and pushed posts', async () => {
    expect((await post('/v1/reports', { path: [''] })).error.message).toBe('body.path.0: String must contain at least 1 character(s)');
    expect((await post('/v1/reports', { path: ['a', 3] })).error.message).toBe('body.path: Invalid input');
    expect((await post('/v1/classify', { text: 3 })).error.message).toBe('body.text: Expected string, received number');
    expect((await post('/v1/classify', { posts: [] })).error.message).toBe('body.posts: must hold at least one post');
    const posts = [
      { id: '1', text: 'a', createdAt: 'yesterday' },
      { id: '2', text: 'a', createdAt: '2026-03-02T10:00:00Z', url: 'nope' },
      { id: '3', text: 'a', createdAt: '2026-03-02T10:00:00+0200', author: { id: 'x', followers: 1.5 } },
    ];
    const rejected = ((await post('/v1/posts', { posts })) as unknown as { rejected: { field: string; message: string }[] }).rejected;
    expect(rejected.map((r) => `${r.field}: ${r.message}`)).toEqual([
      'posts.0.createdAt: Invalid datetime',
      'posts.1.url: Invalid url',
      'posts.2.author.followers: Expected integer, received float',
    ]);
  });
});
