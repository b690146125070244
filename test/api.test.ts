// The HTTP API over real HTTP (127.0.0.1, free port) on the embedded store and in-process queue.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { close, listen, outageScenario, toJsonl } from './service-fixtures.ts';

const API_KEY = 'test-key-123456';
const scenario = outageScenario();

let dataDir: string;
let service: LiveService;
let server: Server;
let base: string;

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path, { headers });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const auth = { authorization: `Bearer ${API_KEY}` };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'or-api-'));
  service = await LiveService.open({ dataDir, latenessMs: 0, backoffMs: 10, analyse: (paths) => analyseArchives(paths) });
  ({ server, base } = await listen(createApp(service, { apiKey: API_KEY, bodyLimit: '200kb' })));
  // Ingest the scenario over the webhook route, then let the queue drain and the detector close every minute.
  for (let i = 0; i < scenario.posts.length; i += 200) {
    const res = await post('/v1/posts', { posts: scenario.posts.slice(i, i + 200) }, auth);
    expect(res.status).toBe(202);
  }
  await service.queue.idle();
  await service.detector.advance();
});

afterAll(async () => {
  await close(server);
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('health and documents', () => {
  it('answers /healthz with ok', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('is ready when the embedded store and queue answer', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.ready).toBe(true);
  });

  it('serves an OpenAPI 3 document that describes every /v1 route', async () => {
    const res = await get('/openapi.json');
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of ['/v1/services', '/v1/outages', '/v1/services/{id}/signal', '/v1/services/{id}/regions', '/v1/services/{id}/examples', '/v1/incidents', '/v1/classify', '/v1/posts', '/v1/reports', '/v1/reports/latest', '/v1/reports/{id}', '/v1/deadletters', '/v1/alerts/deliveries']) {
      expect(res.body.paths[path], path).toBeDefined();
    }
  });

  it('exposes Prometheus metrics with posts received, classified per label and queue depth', async () => {
    const res = await get('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.body).toContain(`outage_radar_posts_received_total{source="api"} ${scenario.posts.length}`);
    expect(res.body).toMatch(/outage_radar_posts_classified_total\{label="complaint"\} \d+/);
    expect(res.body).toContain('outage_radar_queue_depth{state="waiting"} 0');
    expect(res.body).toMatch(/# TYPE outage_radar_dead_lettered gauge/);
  });
});

describe('services, outages, signal, regions, incidents', () => {
  it('lists the catalogue with WhatsApp in outage', async () => {
    const res = await get('/v1/services');
    expect(res.status).toBe(200);
    const whatsapp = res.body.services.find((s: { id: string }) => s.id === 'whatsapp');
    expect(whatsapp).toMatchObject({ name: 'WhatsApp', status: 'outage' });
    expect(res.body.services.length).toBeGreaterThan(10);
  });

  it('reports the burst as an outage with its regions and evidence', async () => {
    const res = await get('/v1/outages?threshold=0.5');
    expect(res.status).toBe(200);
    const [outage] = res.body.outages;
    expect(outage.service).toBe('whatsapp');
    expect(outage.confidence).toBeGreaterThanOrEqual(0.5);
    expect(outage.regions.map((r: { region: string }) => r.region).sort()).toEqual(['DE', 'NL']);
    expect(outage.evidence.complaints).toBeGreaterThan(10);
    expect(outage.evidence.distinctAuthors).toBeGreaterThan(10);
  });

  it('lists only outages at full confidence for a threshold of 1', async () => {
    const all = (await get('/v1/outages?threshold=0')).body.outages as { service: string; confidence: number }[];
    const top = (await get('/v1/outages?threshold=1')).body.outages as { service: string; confidence: number }[];
    expect(top.map((o) => o.service)).toEqual(all.filter((o) => o.confidence >= 1).map((o) => o.service));
  });

  it('rejects a threshold above 1 naming the field', async () => {
    const res = await get('/v1/outages?threshold=2');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'query.threshold' });
    expect(res.body.error.message).toMatch(/less than or equal to 1/);
  });

  it('rejects an unknown query parameter', async () => {
    const res = await get('/v1/outages?treshold=0.5');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/treshold/);
  });

  it('gives the complaint series with baseline and confidence per 5 minutes', async () => {
    const from = new Date(scenario.burstStart - 30 * 60_000).toISOString();
    const to = new Date(scenario.end).toISOString();
    const res = await get(`/v1/services/whatsapp/signal?from=${from}&to=${to}&bucket=5m`);
    expect(res.status).toBe(200);
    expect(res.body.bucketMs).toBe(300_000);
    expect(res.body.points).toHaveLength(8);
    const total = res.body.points.reduce((sum: number, p: { complaints: number }) => sum + p.complaints, 0);
    const stored = await service.store.buckets({ service: 'whatsapp', from: Date.parse(from), to: Date.parse(to) });
    expect(total).toBe(stored.reduce((sum, b) => sum + b.complaints, 0));
    expect(total).toBeGreaterThanOrEqual(8 * 20);
    const last = res.body.points[res.body.points.length - 1];
    expect(last.confidence).toBeGreaterThan(0.5);
    expect(last.baseline).toBeLessThan(2);
    expect(res.body.current.evidence.regions.sort()).toEqual(['DE', 'NL']);
  });

  it('gives one region\'s series when asked', async () => {
    const res = await get(`/v1/services/whatsapp/signal?region=nl&from=${scenario.burstStart}&to=${scenario.end}`);
    expect(res.status).toBe(200);
    expect(res.body.region).toBe('NL');
    expect(res.body.points.every((p: { complaints: number }) => p.complaints > 0)).toBe(true);
  });

  it('rejects a bucket that is not a duration', async () => {
    const res = await get('/v1/services/whatsapp/signal?bucket=fast');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.bucket');
  });

  it('rejects from after to', async () => {
    const res = await get('/v1/services/whatsapp/signal?from=2026-03-02T12:00:00Z&to=2026-03-02T11:00:00Z');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.from');
  });

  it('rejects a time that is not a time', async () => {
    const res = await get('/v1/services/whatsapp/signal?to=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.to');
  });

  it('answers 404 for a signal of an unknown service', async () => {
    const res = await get('/v1/services/myspace/signal');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('gives per-region counts and confidence, most confident first', async () => {
    const res = await get('/v1/services/whatsapp/regions');
    expect(res.status).toBe(200);
    const regions = res.body.regions.map((r: { region: string }) => r.region);
    expect(regions.slice(0, 2).sort()).toEqual(['DE', 'NL']);
    expect(res.body.regions[0].complaintsLastHour).toBeGreaterThan(0);
  });

  it('answers 404 for the regions of an unknown service', async () => {
    expect((await get('/v1/services/nope/regions')).status).toBe(404);
  });

  it('gives the newest complaints of a service, at most three, newest first, with their text and what decided them', async () => {
    const res = await get('/v1/services/whatsapp/examples');
    expect(res.status).toBe(200);
    const complaints = res.body.examples.complaint as Array<{ createdAt: string; text: string; why: string[] }>;
    expect(complaints).toHaveLength(3);
    expect(complaints.map((e) => e.createdAt)).toEqual(complaints.map((e) => e.createdAt).sort().reverse());
    const newest = scenario.posts.filter((p) => complaints.some((e) => e.text === p.text));
    expect(newest.length).toBeGreaterThan(0);
    for (const example of complaints) expect(example.why.length).toBeGreaterThan(0);
    expect(Object.keys(res.body.examples).sort()).toEqual(['complaint', 'joke', 'news', 'other']);
  });

  it('answers 404 for the examples of an unknown service', async () => {
    expect((await get('/v1/services/nope/examples')).status).toBe(404);
  });

  it('lists the open WhatsApp incident within its time range', async () => {
    const res = await get(`/v1/incidents?service=whatsapp&from=${scenario.burstStart}`);
    expect(res.status).toBe(200);
    const global = res.body.incidents.find((i: { region: string }) => i.region === 'GLOBAL');
    expect(global).toBeDefined();
    expect(global.end).toBeUndefined();
    expect(Date.parse(global.start)).toBeGreaterThanOrEqual(scenario.burstStart - 10 * 60_000);
  });

  it('lists no incident before the data starts', async () => {
    const res = await get('/v1/incidents?to=2020-01-01T00:00:00Z');
    expect(res.body.incidents).toEqual([]);
  });

  it('answers 404 for incidents of an unknown service', async () => {
    expect((await get('/v1/incidents?service=nope')).status).toBe(404);
  });
});

describe('classify', () => {
  it('classifies one text and says why', async () => {
    const res = await post('/v1/classify', { text: 'WhatsApp is down, cannot send any messages', lang: 'en' });
    expect(res.status).toBe(200);
    const [verdict] = res.body.results;
    expect(verdict.services).toEqual(['whatsapp']);
    expect(verdict.label).toBe('complaint');
    expect(verdict.why.length).toBeGreaterThan(0);
  });

  it('classifies several posts in one request', async () => {
    const res = await post('/v1/classify', { posts: [{ text: 'instagram ist down' }, { text: 'I had pasta for lunch' }] });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(2);
    expect(res.body.results[1].services).toEqual([]);
  });

  it('rejects an empty text naming the field', async () => {
    const res = await post('/v1/classify', { posts: [{ text: 'ok' }, { text: '' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.posts.1.text');
  });

  it('rejects a body that is not JSON', async () => {
    const res = await post('/v1/classify', '{"text": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await post('/v1/classify', { text: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('post ingest', () => {
  it('refuses posts without an API key', async () => {
    const res = await post('/v1/posts', { posts: [scenario.posts[0]] });
    expect(res.status).toBe(401);
  });

  it('refuses posts with a wrong API key', async () => {
    const res = await post('/v1/posts', { posts: [scenario.posts[0]] }, { 'x-api-key': 'wrong-key-0000' });
    expect(res.status).toBe(401);
  });

  it('accepts the valid posts of a batch and reports each malformed one', async () => {
    const good = { id: 'fresh-1', text: 'whatsapp down?', createdAt: '2026-03-02T11:09:00Z' };
    const res = await post('/v1/posts', { posts: [good, { id: 'x', text: 'no time' }, { id: 'y', text: 'bad', createdAt: 'soon' }] }, { 'x-api-key': API_KEY });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { field: string }) => r.field)).toEqual(['posts.1.createdAt', 'posts.2.createdAt']);
    const metrics = (await get('/metrics')).body as string;
    expect(metrics).toContain('outage_radar_posts_malformed_total{source="api"} 2');
  });

  it('answers 400 when no post of the batch is valid', async () => {
    const res = await post('/v1/posts', { posts: [{ text: 'no id' }] }, auth);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('posts.0.id');
    expect(res.body.rejected).toHaveLength(1);
  });

  it('counts a post pushed twice once', async () => {
    // A minute the detector has not closed yet: posts for closed minutes are turned away as late before any dedupe.
    const minute = scenario.end + 2 * 60_000;
    const twice = scenario.posts.slice(-5).map((p, i) => ({ ...p, id: `twice-${i}`, createdAt: new Date(minute + i * 1000).toISOString() }));
    expect((await post('/v1/posts', { posts: twice }, auth)).body.accepted).toBe(5);
    await service.queue.idle();
    const before = await service.store.buckets({ service: 'whatsapp', from: minute, to: minute + 60_000 });
    expect(before.reduce((n, b) => n + b.complaints, 0)).toBe(5);
    expect((await post('/v1/posts', { posts: twice }, auth)).body.accepted).toBe(5);
    await service.queue.idle();
    const after = await service.store.buckets({ service: 'whatsapp', from: minute, to: minute + 60_000 });
    expect(after).toEqual(before);
  });
});

describe('reports', () => {
  beforeAll(async () => {
    await mkdir(join(dataDir, 'archives'), { recursive: true });
    await writeFile(join(dataDir, 'archives', 'scenario.jsonl'), toJsonl(scenario.posts));
  });

  it('has no latest report before one finished', async () => {
    expect((await get('/v1/reports/latest')).status).toBe(404);
  });

  it('rejects a path that climbs out of the data directory', async () => {
    const res = await post('/v1/reports', { path: '../../etc/passwd' }, auth);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.path');
  });

  it('rejects an absolute path', async () => {
    const res = await post('/v1/reports', { path: '/etc/passwd' }, auth);
    expect(res.status).toBe(400);
  });

  it('rejects a symlink inside the data directory that points outside it', async () => {
    await symlink('/etc', join(dataDir, 'escape'));
    const res = await post('/v1/reports', { path: 'escape/hostname' }, auth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/outside the data directory/);
  });

  it('takes a URL-encoded path literally: %2e%2e%2f and an encoded slash climb nowhere', async () => {
    const outside = `outside-encoded-${process.pid}.jsonl`;
    await writeFile(join(dataDir, '..', outside), toJsonl(scenario.posts.slice(0, 3)));
    try {
      for (const path of [`%2e%2e%2f${outside}`, `..%2f${outside}`, `%2E%2E/${outside}`, `archives%2f..%2f..%2f${outside}`, `%2fetc%2fpasswd`]) {
        const res = await post('/v1/reports', { path }, auth);
        expect(res.status, path).toBe(400);
        expect(res.body.error.message, path).toMatch(/does not exist|outside the data directory/);
      }
    } finally {
      await rm(join(dataDir, '..', outside), { force: true });
    }
  });

  it('answers 400 for a report id that is a URL-encoded path', async () => {
    for (const id of ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%2F..%2Fetc%2Fpasswd', '%252e%252e%252f']) expect((await get(`/v1/reports/${id}`)).status, id).toBe(400);
  });

  it('rejects a path that does not exist', async () => {
    const res = await post('/v1/reports', { path: 'archives/missing.jsonl' }, auth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/does not exist/);
  });

  it('runs a report of an archive under the data directory and serves it when done', async () => {
    const started = await post('/v1/reports', { path: 'archives/scenario.jsonl' }, auth);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/v1/reports/${started.body.id}`);
    let job = started.body;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await get(`/v1/reports/${job.id}`)).body;
    }
    expect(job.status).toBe('done');
    expect(job.report.input.parsed).toBe(scenario.posts.length);
    expect(job.report.incidents.some((i: { service: string }) => i.service === 'whatsapp')).toBe(true);
    expect((await get('/v1/reports/latest')).body.id).toBe(job.id);
  });

  it('runs a report of a folder under the data directory, reading the archives in it', async () => {
    const started = await post('/v1/reports', { path: 'archives' }, auth);
    expect(started.status).toBe(202);
    let job = started.body;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await get(`/v1/reports/${job.id}`)).body;
    }
    expect(job.status, job.error).toBe('done');
    expect(job.report.input.parsed).toBe(scenario.posts.length);
  });

  it('rejects a folder that holds a symlink to an archive outside the data directory', async () => {
    await mkdir(join(dataDir, 'leaky'), { recursive: true });
    await writeFile(join(dataDir, '..', `outside-${process.pid}.jsonl`), toJsonl(scenario.posts.slice(0, 3)));
    await symlink(join(dataDir, '..', `outside-${process.pid}.jsonl`), join(dataDir, 'leaky', 'posts.jsonl'));
    const res = await post('/v1/reports', { path: 'leaky' }, auth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/outside the data directory/);
  });

  it('answers 404 for an unknown report id', async () => {
    expect((await get('/v1/reports/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('answers 400 for a malformed report id', async () => {
    expect((await get('/v1/reports/..%2F..')).status).toBe(400);
  });
});

describe('dead letters, alert deliveries, unknown routes, rate limit', () => {
  it('lists no dead letters when every batch succeeded', async () => {
    expect(await get('/v1/deadletters', auth)).toMatchObject({ status: 200, body: { deadLetters: [] } });
  });

  it('answers 503 for webhook deliveries when no webhook is configured', async () => {
    const res = await get('/v1/alerts/deliveries', auth);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('alerts_disabled');
    expect(res.body.error.message).toContain('OUTAGE_RADAR_WEBHOOKS');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/GET \/v1\/nothing-here/);
  });

  it('answers 429 with Retry-After once a client exceeds the limit', async () => {
    const limited = await listen(createApp(service, { rateLimit: { max: 2, windowMs: 60_000 } }));
    try {
      const codes: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${limited.base}/v1/deadletters`);
        codes.push(res.status);
        retryAfter = res.headers.get('retry-after');
        await res.text();
      }
      expect(codes).toEqual([200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await close(limited.server);
    }
  });
});
