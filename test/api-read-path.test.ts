// The cached reads answered before Express: the same bytes, headers and limit as the Express routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.ts';
import type { LiveService } from '../src/live/live-service.ts';
import { scenarioService } from './scenario-service.ts';
import { close, listen, outageScenario } from './service-fixtures.ts';

let counted: { service: LiveService; stop(): Promise<void> };
let service: LiveService;

beforeAll(async () => {
  counted = await scenarioService(outageScenario(), 'or-read-path-');
  ({ service } = counted);
});

afterAll(async () => {
  await counted.stop();
});

async function raw(base: string, path: string) {
  const res = await fetch(base + path);
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

describe('cached reads', () => {
  // Express matches paths case-insensitively; the read path only the exact spelling, so '/V1/...' goes through Express.
  const questions = [
    ['/v1/outages', '/V1/outages'],
    ['/v1/outages?threshold=0.3', '/V1/outages?threshold=0.3'],
    ['/v1/services', '/V1/services'],
    ['/v1/services/whatsapp/signal?bucket=5m', '/V1/services/whatsapp/signal?bucket=5m'],
    ['/v1/services/whatsapp/regions', '/V1/services/whatsapp/regions'],
  ];

  it('answer with the bytes and headers of the Express routes, counted against one limit', async () => {
    const { server, base } = await listen(createApp(service, { rateLimit: { max: 100 } }));
    try {
      let remaining = 100;
      for (const [fast, viaExpress] of questions) {
        const a = await raw(base, fast);
        const b = await raw(base, viaExpress);
        expect(a.status).toBe(200);
        expect(a.body).toBe(b.body);
        const { date: _a, 'ratelimit-remaining': remainingA, 'x-request-id': _idA, ...headersA } = a.headers;
        const { date: _b, 'ratelimit-remaining': remainingB, 'x-request-id': _idB, ...headersB } = b.headers;
        expect(headersA).toEqual(headersB);
        expect([Number(remainingA), Number(remainingB)]).toEqual([remaining - 1, remaining - 2]);
        remaining -= 2;
      }
    } finally {
      await close(server);
    }
  });

  it('are answered before Express runs any of its per-request work', async () => {
    const api = createApp(service);
    // A marker only Express's own request handling adds.
    api.express.enable('x-powered-by');
    const { server, base } = await listen(api);
    try {
      expect((await raw(base, '/v1/outages')).headers['x-powered-by']).toBeUndefined();
      expect((await raw(base, '/V1/outages')).headers['x-powered-by']).toBe('Express');
    } finally {
      await close(server);
    }
  });

  it('leave an invalid query, an unknown service and a client over its limit to Express', async () => {
    const { server, base } = await listen(createApp(service, { rateLimit: { max: 4 } }));
    try {
      expect((await raw(base, '/v1/outages?threshold=2')).status).toBe(400);
      expect((await raw(base, '/v1/services/nope/signal')).status).toBe(404);
      expect((await raw(base, '/v1/outages')).status).toBe(200);
      expect((await raw(base, '/v1/outages')).status).toBe(200);
      const limited = await raw(base, '/v1/outages');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await close(server);
    }
  });
});
