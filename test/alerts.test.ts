import type { Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookConfigError, WebhookNotifier, sign, verifySignature, webhookOptionsFromEnv } from '../src/alerts/webhooks.ts';
import { readServiceEnv } from '../src/config/service-env.ts';
import type { IncidentEvent } from '../src/detect/detector.ts';
import { startReceiver, type ReceivedRequest } from './servers/webhook-receiver.ts';

const EVENT: IncidentEvent = {
  type: 'open',
  incident: {
    id: 'whatsapp|GLOBAL|2024-03-04T10:00:00.000Z',
    service: 'whatsapp',
    region: 'GLOBAL',
    start: '2024-03-04T10:00:00.000Z',
    peak: '2024-03-04T10:03:00.000Z',
    peakConfidence: 0.97,
    complaints: 240,
    regions: ['BR', 'IN'],
    languages: ['en', 'pt'],
    topSymptoms: ['messages'],
    examplePostIds: ['p1'],
    episodes: [],
  },
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function receiver(statuses: number[]): Promise<{ url: string; received: ReceivedRequest[] }> {
  const started = await startReceiver(statuses, '/hook');
  servers.push(started.server);
  return started;
}

const fast = { initialBackoffMs: 10, maxBackoffMs: 40, timeoutMs: 2000 };

describe('WebhookNotifier', () => {
  it('retries a failing receiver with backoff until it accepts, and records the attempts', async () => {
    const { url, received } = await receiver([503, 502, 200]);
    const waits: number[] = [];
    const notifier = new WebhookNotifier(
      { urls: [url], secret: 's3cret', ...fast },
      { sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, ms))) },
    );
    const [delivery] = await notifier.notify(EVENT);
    expect(received).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
    expect(delivery).toMatchObject({ url, event: 'open', incidentId: EVENT.incident.id, status: 'delivered', attempts: 3, lastStatusCode: 200 });
    expect(notifier.deliveries()).toEqual([delivery]);
    expect(new Set(received.map((r) => r.headers['x-outage-radar-delivery'])).size).toBe(1);
  });

  it('signs the timestamp and the exact body with HMAC-SHA256 of the shared secret', async () => {
    const { url, received } = await receiver([200]);
    const before = Math.floor(Date.now() / 1000);
    await new WebhookNotifier({ urls: [url], secret: 's3cret', ...fast }).notify(EVENT);
    const [{ headers, body }] = received;
    const timestamp = Number(headers[TIMESTAMP_HEADER.toLowerCase()]);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const expected = `sha256=${createHmac('sha256', 's3cret').update(`${timestamp}.${body}`).digest('hex')}`;
    expect(headers[SIGNATURE_HEADER.toLowerCase()]).toBe(expected);
    expect(sign(body, 's3cret', timestamp)).toBe(expected);
    expect(JSON.parse(body)).toEqual({ event: 'open', incident: EVENT.incident });
    expect(headers['content-type']).toBe('application/json');
  });

  it('lets a receiver refuse a captured call replayed after five minutes, or with another timestamp or body', async () => {
    const { url, received } = await receiver([200]);
    await new WebhookNotifier({ urls: [url], secret: 's3cret', ...fast }).notify(EVENT);
    const [{ headers, body }] = received;
    const call = { body, timestamp: headers[TIMESTAMP_HEADER.toLowerCase()] as string | undefined, signature: headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined };
    const sentAt = Number(call.timestamp) * 1000;
    expect(verifySignature(call, 's3cret', sentAt + 60_000)).toBe(true);
    expect(verifySignature(call, 's3cret', sentAt + 301_000)).toBe(false);
    expect(verifySignature({ ...call, timestamp: String(Math.floor(Date.now() / 1000) + 1) }, 's3cret')).toBe(false);
    expect(verifySignature({ ...call, body: body.replace('open', 'close') }, 's3cret', sentAt)).toBe(false);
    expect(verifySignature({ ...call, timestamp: undefined }, 's3cret', sentAt)).toBe(false);
    expect(verifySignature(call, 'other-secret', sentAt)).toBe(false);
  });

  it('gives up after the last attempt and keeps the last error', async () => {
    const { url, received } = await receiver([500]);
    const [delivery] = await new WebhookNotifier({ urls: [url], secret: 'k', maxAttempts: 3, ...fast }).notify(EVENT);
    expect(received).toHaveLength(3);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500 Internal Server Error' });
  });

  it('does not retry a receiver that rejects the call with a client error', async () => {
    const { url, received } = await receiver([401, 200]);
    const [delivery] = await new WebhookNotifier({ urls: [url], secret: 'k', ...fast }).notify(EVENT);
    expect(received).toHaveLength(1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 401 });
  });

  it('records a connection error when nothing listens at the URL', async () => {
    const { url } = await receiver([200]);
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    const [delivery] = await new WebhookNotifier({ urls: [url], secret: 'k', maxAttempts: 2, ...fast }).notify(EVENT);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toBe(2);
    expect(delivery.lastError).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('delivers to every configured URL', async () => {
    const a = await receiver([200]);
    const b = await receiver([200]);
    const deliveries = await new WebhookNotifier({ urls: [a.url, b.url], secret: 'k', ...fast }).notify({ ...EVENT, type: 'close' });
    expect(deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(a.received[0].headers['x-outage-radar-event']).toBe('close');
    expect(b.received).toHaveLength(1);
  });

  it('refuses to run without a secret or with a URL that is not http', () => {
    expect(() => new WebhookNotifier({ urls: ['http://127.0.0.1:1/x'], secret: '' })).toThrow(WebhookConfigError);
    expect(() => new WebhookNotifier({ urls: ['ftp://127.0.0.1/x'], secret: 'k' })).toThrow(/must be http or https/);
  });

  it('reads URLs and the secret from the environment', () => {
    expect(webhookOptionsFromEnv(readServiceEnv({ OUTAGE_RADAR_WEBHOOKS: 'http://127.0.0.1:9/a, http://127.0.0.1:9/b', OUTAGE_RADAR_WEBHOOK_SECRET: 'k' }))).toEqual({
      urls: ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b'],
      secret: 'k',
    });
    expect(webhookOptionsFromEnv(readServiceEnv({}))).toBeUndefined();
  });
});
