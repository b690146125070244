// Headers and ids every API answer carries, on the cached read path as well as through Express.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createWorkerApp } from '../src/api/app.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { close, listen } from './service-fixtures.ts';

let dataDir: string;
let service: LiveService;
let server: Server;
let base: string;
const logged: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'or-hardening-'));
  service = await LiveService.open({ dataDir, latenessMs: 0, analyse: (paths) => analyseArchives(paths) });
  ({ server, base } = await listen(createApp(service, { apiKey: 'a-long-enough-key', log: (m) => logged.push(m) })));
});

afterAll(async () => {
  await close(server);
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

// '/v1/...' is answered by the read path before Express, '/V1/...' by Express.
const EVERY_KIND = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/v1/outages', '/V1/outages', '/v1/incidents', '/v1/services/nope/signal', '/nowhere'];

describe('every answer', () => {
  it('forbids MIME sniffing', async () => {
    for (const path of EVERY_KIND) expect((await get(path)).headers.get('x-content-type-options'), path).toBe('nosniff');
  });

  it('carries a request id', async () => {
    for (const path of EVERY_KIND) expect((await get(path)).headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Cache-Control', () => {
  it('lets the cached reads be kept for the second the service itself caches them, on both paths', async () => {
    for (const path of ['/v1/outages', '/V1/outages', '/v1/services', '/v1/services/whatsapp/regions']) {
      expect((await get(path)).headers.get('cache-control'), path).toBe('public, max-age=1');
    }
  });

  it('keeps every other answer, and every error, out of caches', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/v1/incidents', '/v1/outages?threshold=2', '/v1/services/nope/signal', '/nowhere']) {
      expect((await get(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    const denied = await fetch(`${base}/v1/posts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'wrong-key-here' }, body: '{}' });
    expect(denied.headers.get('cache-control')).toBe('no-store');
  });
});

describe('X-Request-Id', () => {
  it("echoes a client's sane id", async () => {
    expect((await get('/v1/outages', { 'x-request-id': 'trace-42.a:b' })).headers.get('x-request-id')).toBe('trace-42.a:b');
    expect((await get('/V1/outages', { 'x-request-id': 'trace-42.a:b' })).headers.get('x-request-id')).toBe('trace-42.a:b');
  });

  it('replaces an id that is too long or could break a log line with a generated one', async () => {
    for (const sent of ['x'.repeat(129), 'a b', 'id"}', '<script>']) {
      const id = (await get('/v1/outages', { 'x-request-id': sent })).headers.get('x-request-id');
      expect(id, sent).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is in the body of every error, the same as in the header', async () => {
    for (const path of ['/v1/outages?threshold=2', '/v1/services/nope/signal', '/nowhere']) {
      const res = await get(path);
      const body = (await res.json()) as { error: { requestId: string } };
      expect(body.error.requestId, path).toBe(res.headers.get('x-request-id'));
    }
    const noValidPost = await fetch(`${base}/v1/posts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'a-long-enough-key', 'x-request-id': 'posts-1' }, body: '{"posts": [{"id": 1}]}' });
    expect(noValidPost.status).toBe(400);
    expect(((await noValidPost.json()) as { error: { requestId: string } }).error.requestId).toBe('posts-1');
    const sent = await get('/nowhere', { 'x-request-id': 'mine-1' });
    expect(((await sent.json()) as { error: { requestId: string } }).error.requestId).toBe('mine-1');
  });

  it('names the request in the log line of an internal error and in its answer', async () => {
    const failing = createApp({ ...service, readiness: () => Promise.reject(new Error('disk on fire')) } as unknown as LiveService, { log: (m) => logged.push(m) });
    const { server: s, base: b } = await listen(failing);
    try {
      const res = await fetch(`${b}/readyz`, { headers: { 'x-request-id': 'req-500' } });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error; the log has its details under request req-500', requestId: 'req-500' } });
      expect(logged.some((line) => line.startsWith('api: internal error in request req-500: Error: disk on fire'))).toBe(true);
    } finally {
      await close(s);
    }
  });
});

it("a worker's metrics app carries the same headers", async () => {
  const { server: s, base: b } = await listen(createWorkerApp(async () => 'm 1\n'));
  try {
    const res = await fetch(`${b}/metrics`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await close(s);
  }
});
