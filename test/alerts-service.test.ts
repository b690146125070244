// Incident webhooks in the live service: which events go out (open, close, material updates at most
// every interval), in order per incident, retried in the background; and end to end over real HTTP,
// an archive replayed through the service until its outage opens and closes at a local receiver.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../src/alerts/webhooks.ts';
import { createApp } from '../src/api/app.ts';
import type { IncidentEvent } from '../src/detect/detector.ts';
import type { Incident, Post } from '../src/model/types.ts';
import { analyseArchives } from '../src/batch/analyse.ts';
import { DEFAULT_UPDATE_POLICY, IncidentAlerts, isMaterialUpdate, redactUrl } from '../src/live/incident-alerts.ts';
import { LiveService } from '../src/live/live-service.ts';
import { createReplaySource } from '../src/sources/replay.ts';
import { close, listen, outageScenario, toJsonl } from './service-fixtures.ts';
import { startReceiver, type ReceivedRequest } from './servers/webhook-receiver.ts';

const SECRET = 'shared-secret-for-tests';
const MIN = 60_000;
const T0 = Date.parse('2026-03-02T11:00:00Z');
const fast = { initialBackoffMs: 20, maxBackoffMs: 100, timeoutMs: 2000 };

interface Received extends ReceivedRequest {
  message: { event: IncidentEvent['type']; incident: Incident };
}

const servers: Server[] = [];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-alerts-'));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const started = await startReceiver(statuses, '/hooks/outages?token=abc', (request) => ({
    ...request,
    message: JSON.parse(request.body) as Received['message'],
  }));
  servers.push(started.server);
  return started;
}

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'whatsapp|GLOBAL|2026-03-02T11:00:00.000Z',
    service: 'whatsapp',
    region: 'GLOBAL',
    start: '2026-03-02T11:00:00.000Z',
    peak: '2026-03-02T11:02:00.000Z',
    peakConfidence: 0.8,
    complaints: 120,
    regions: ['NL'],
    languages: ['nl'],
    topSymptoms: ['messages'],
    examplePostIds: [],
    episodes: [],
    ...over,
  };
}

const events = (received: Received[]) => received.map((r) => r.message.event);

describe('which incident updates are worth a message', () => {
  const sent = { at: T0, peakConfidence: 0.8, regions: ['NL'] };

  it('counts a new region as material once the interval has passed', () => {
    expect(isMaterialUpdate(sent, incident({ regions: ['DE', 'NL'] }), T0 + 15 * MIN, DEFAULT_UPDATE_POLICY)).toBe(true);
  });

  it('holds back a new region within the interval', () => {
    expect(isMaterialUpdate(sent, incident({ regions: ['DE', 'NL'] }), T0 + 14 * MIN, DEFAULT_UPDATE_POLICY)).toBe(false);
  });

  it('counts a peak confidence 0.1 higher as material, and 0.05 higher as not', () => {
    expect(isMaterialUpdate(sent, incident({ peakConfidence: 0.9 }), T0 + 20 * MIN, DEFAULT_UPDATE_POLICY)).toBe(true);
    expect(isMaterialUpdate(sent, incident({ peakConfidence: 0.85 }), T0 + 20 * MIN, DEFAULT_UPDATE_POLICY)).toBe(false);
  });

  it('does not count new languages, complaints or symptoms as material', () => {
    const busier = incident({ languages: ['de', 'en', 'nl'], complaints: 5000, topSymptoms: ['login', 'messages'] });
    expect(isMaterialUpdate(sent, busier, T0 + 60 * MIN, DEFAULT_UPDATE_POLICY)).toBe(false);
  });
});

describe('IncidentAlerts', () => {
  it('sends open and close, and of a minute-by-minute stream of updates only the material ones, at most every 15 minutes', async () => {
    const { url, received } = await receiver([200]);
    const alerts = new IncidentAlerts({ urls: [url], secret: SECRET, ...fast });
    alerts.onIncident({ type: 'open', incident: incident() }, T0);
    // An hour of updates: a language at minute 3, a region at minute 5 (held until minute 15), confidence creeping up.
    for (let m = 1; m <= 60; m++) {
      const regions = m >= 5 ? ['DE', 'NL'] : ['NL'];
      const languages = m >= 3 ? ['de', 'nl'] : ['nl'];
      alerts.onIncident({ type: 'update', incident: incident({ regions, languages, peakConfidence: Math.min(0.99, 0.8 + m * 0.004) }) }, T0 + m * MIN);
      alerts.onMinuteClosed(T0 + m * MIN);
    }
    alerts.onIncident({ type: 'close', incident: incident({ end: '2026-03-02T12:01:00.000Z' }) }, T0 + 61 * MIN);
    await alerts.idle();

    expect(events(received)).toEqual(['open', 'update', 'update', 'close']);
    expect(received[1].message.incident.regions).toEqual(['DE', 'NL']);
    // The second update: peak 0.8 + 40 * 0.004 = 0.96 at minute 40 is the first 0.1 above the 0.86 sent at minute 15.
    expect(received[1].message.incident.peakConfidence).toBeCloseTo(0.86, 5);
    expect(received[2].message.incident.peakConfidence).toBeCloseTo(0.96, 5);
  });

  it('sends an update held back by the interval at the first minute after it, even without a new event', async () => {
    const { url, received } = await receiver([200]);
    const alerts = new IncidentAlerts({ urls: [url], secret: SECRET, ...fast }, { policy: { minIntervalMs: 10 * MIN } });
    alerts.onIncident({ type: 'open', incident: incident() }, T0);
    alerts.onIncident({ type: 'update', incident: incident({ regions: ['BE', 'NL'] }) }, T0 + 2 * MIN);
    for (let m = 2; m <= 9; m++) alerts.onMinuteClosed(T0 + m * MIN);
    await alerts.idle();
    expect(events(received)).toEqual(['open']);

    alerts.onMinuteClosed(T0 + 10 * MIN);
    await alerts.idle();
    expect(events(received)).toEqual(['open', 'update']);
    expect(received[1].message.incident.regions).toEqual(['BE', 'NL']);
  });

  it('sends the first update of an incident it did not see open (opened before a restart)', async () => {
    const { url, received } = await receiver([200]);
    const alerts = new IncidentAlerts({ urls: [url], secret: SECRET, ...fast });
    alerts.onIncident({ type: 'update', incident: incident({ peakConfidence: 0.81 }) }, T0);
    await alerts.idle();
    expect(events(received)).toEqual(['update']);
  });

  it('keeps the events of one incident in order while its open is retried', async () => {
    const { url, received } = await receiver([503, 200]);
    const alerts = new IncidentAlerts({ urls: [url], secret: SECRET, ...fast });
    alerts.onIncident({ type: 'open', incident: incident() }, T0);
    alerts.onIncident({ type: 'close', incident: incident({ end: '2026-03-02T11:09:00.000Z' }) }, T0 + 9 * MIN);
    await alerts.idle();
    expect(events(received)).toEqual(['open', 'open', 'close']);
    const [open] = alerts.deliveries({ limit: 10, status: 'delivered' }).filter((d) => d.event === 'open');
    expect(open).toMatchObject({ attempts: 2, lastStatusCode: 200 });
  });

  it('returns from the detector hook before the receiver answers', async () => {
    const slow = createServer((_req, res) => setTimeout(() => res.end(), 300));
    servers.push(slow);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const alerts = new IncidentAlerts({ urls: [`http://127.0.0.1:${(slow.address() as AddressInfo).port}/`], secret: SECRET, ...fast });
    const started = Date.now();
    alerts.onIncident({ type: 'open', incident: incident() }, T0);
    // The receiver answers after 300 ms; returning well before that shows the hook did not wait for it.
    expect(Date.now() - started).toBeLessThan(250);
    expect(alerts.deliveries({ limit: 10 })).toMatchObject([{ status: 'pending' }]);
    await alerts.idle();
    expect(alerts.deliveries({ limit: 10 })).toMatchObject([{ status: 'delivered', attempts: 1 }]);
  });

  it('shows deliveries without the path and query of their URL, numbered by their place in the list', async () => {
    const a = await receiver([200]);
    const b = await receiver([200]);
    const alerts = new IncidentAlerts({ urls: [a.url, b.url], secret: SECRET, ...fast });
    alerts.onIncident({ type: 'open', incident: incident() }, T0);
    await alerts.idle();
    const shown = alerts.deliveries({ limit: 10 });
    expect(shown.map((d) => d.webhook).sort()).toEqual([1, 2]);
    expect(shown.every((d) => d.url.endsWith('/…') && !d.url.includes('token'))).toBe(true);
    expect(redactUrl('https://user:pw@hooks.example.com:8443/services/T0/B0/secret')).toBe('https://hooks.example.com:8443/…');
    expect(redactUrl('https://hooks.example.com')).toBe('https://hooks.example.com');
  });
});

/** The fixtures' outage (8 busy minutes after 3 quiet hours) followed by 40 quiet minutes, so that it closes. */
function outageThatEnds(): Post[] {
  const scenario = outageScenario();
  const tail: Post[] = [];
  // Past the end and the detector's hold (30 min), so the incident closes.
  for (let m = 0; m < 80; m++) {
    if (m % 5 !== 2) continue;
    tail.push({
      id: `tail${m}`,
      source: 'jsonl',
      text: 'whatsapp not working again, can\'t connect at all',
      createdAt: new Date(scenario.end + m * MIN + 17_000).toISOString(),
      lang: 'en',
      author: { id: `tail${m}`, location: 'London, UK' },
    });
  }
  return [...scenario.posts, ...tail];
}

describe('webhooks of the live service, end to end', () => {
  it('posts signed open and close events of a replayed outage to a receiver that fails once, and lists the deliveries', async () => {
    const { url, received } = await receiver([503, 200]);
    const file = join(dir, 'outage.jsonl');
    await writeFile(file, toJsonl(outageThatEnds()));
    const service = await LiveService.open({
      dataDir: dir,
      storeDir: join(dir, 'store'),
      latenessMs: 0,
      tickMs: 20,
      webhooks: { urls: [url], secret: SECRET, ...fast },
      analyse: analyseArchives,
    });
    const { server, base } = await listen(createApp(service));
    try {
      service.start([createReplaySource({ paths: [file] })]);
      const globalClosed = () => received.some((r) => r.message.event === 'close' && r.message.incident.service === 'whatsapp' && r.message.incident.region === 'GLOBAL');
      const started = Date.now();
      while (!globalClosed() && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
      await service.alerts?.idle();

      expect(globalClosed(), `received: ${JSON.stringify(received.map((r) => [r.message.event, r.message.incident.id]))}`).toBe(true);
      for (const { headers, body } of received) {
        const timestamp = headers[TIMESTAMP_HEADER.toLowerCase()];
        expect(headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
      }
      const byIncident = new Map<string, string[]>();
      for (const { message } of received) byIncident.set(message.incident.id, [...(byIncident.get(message.incident.id) ?? []), message.event]);
      const global = [...byIncident.keys()].find((id) => id.startsWith('whatsapp|GLOBAL|'));
      // The first call failed (503) and was retried: its incident shows the open twice, then the close.
      for (const [id, sequence] of byIncident) {
        expect(sequence[0], id).toBe('open');
        expect(sequence.at(-1), id).toBe('close');
      }
      const retried = received.filter((r) => r.headers['x-outage-radar-delivery'] === received[0].headers['x-outage-radar-delivery']);
      expect(retried.map((r) => r.message.event)).toEqual(['open', 'open']);

      const res = await fetch(`${base}/v1/alerts/deliveries?limit=100`);
      expect(res.status).toBe(200);
      const { deliveries } = (await res.json()) as { deliveries: Array<{ event: string; incidentId: string; status: string; attempts: number; webhook: number; url: string }> };
      expect(deliveries.every((d) => d.status === 'delivered' && d.webhook === 1 && !d.url.includes('token'))).toBe(true);
      expect(deliveries.map((d) => d.attempts).sort()).toEqual([...Array(deliveries.length - 1).fill(1), 2]);
      expect(deliveries.filter((d) => d.incidentId === global).map((d) => d.event)).toEqual(['close', 'open']);
      expect(deliveries).toHaveLength(received.length - 1);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('outage_radar_webhook_deliveries_total{event="open",status="delivered"}');
    } finally {
      await close(server);
      await service.stop();
    }
  }, 30_000);

  it('validates the query of the deliveries route', async () => {
    const { url } = await receiver([200]);
    const service = await LiveService.open({ dataDir: dir, webhooks: { urls: [url], secret: SECRET }, analyse: analyseArchives });
    const { server, base } = await listen(createApp(service));
    try {
      const answer = async (query: string) => {
        const res = await fetch(`${base}/v1/alerts/deliveries${query}`);
        return { status: res.status, body: (await res.json()) as { deliveries?: unknown[]; error?: { field?: string } } };
      };
      expect(await answer('?limit=5&status=failed')).toEqual({ status: 200, body: { deliveries: [] } });
      expect((await answer('?limit=0')).body.error?.field).toBe('query.limit');
      expect((await answer('?limit=501')).status).toBe(400);
      expect((await answer('?limit=ten')).body.error?.field).toBe('query.limit');
      expect((await answer('?status=lost')).body.error?.field).toBe('query.status');
      expect((await answer('?event=open')).status).toBe(400);
    } finally {
      await close(server);
      await service.stop();
    }
  });

  it('refuses to start with webhooks but no secret', async () => {
    await expect(LiveService.open({ dataDir: dir, webhooks: { urls: ['http://127.0.0.1:9/x'], secret: '' }, analyse: analyseArchives })).rejects.toThrow(/OUTAGE_RADAR_WEBHOOK_SECRET/);
  });
});
