// `serve` runs the live pipeline (sources, classify, store, detector, snapshots) in a worker thread and
// answers HTTP on its own thread: reads go on while the pipeline is busy, show what it classified
// since, and a crashed pipeline is reported instead of leaving requests hanging.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.ts';
import { readServiceEnv } from '../src/config/service-env.ts';
import { PIPELINE_CHECK, PipelineThread } from '../src/live/pipeline-thread.ts';
import type { Readiness } from '../src/live/radar.ts';
import { close, listen, outageScenario } from './service-fixtures.ts';

const API_KEY = 'pipeline-thread-test-key';
const FAULTY_PIPELINE = new URL('./fixtures/pipeline-with-faults.mjs', import.meta.url);
const scenario = outageScenario();
const burstFrom = scenario.posts.findIndex((p) => Date.parse(p.createdAt) >= scenario.burstStart);

let dataDir: string;
let pipeline: PipelineThread;
let server: Server;
let base: string;
let logged: string[];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'or-pipeline-thread-'));
  logged = [];
  const env = readServiceEnv({ DATA_DIR: dataDir, LATENESS_MS: '0', API_KEY });
  pipeline = await PipelineThread.start({
    settings: { env, dataDir, runsWorkers: true, demo: false, tickMs: 50 },
    log: (message) => logged.push(message),
    entry: FAULTY_PIPELINE,
  });
  ({ server, base } = await listen(createApp(pipeline, { apiKey: API_KEY })));
  pipeline.begin(0);
});

afterEach(async () => {
  await close(server);
  await pipeline.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function ingest(posts: unknown[]): Promise<number> {
  const response = await fetch(`${base}/v1/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ posts }),
  });
  return response.status;
}

async function outageServices(): Promise<string[]> {
  const response = await fetch(`${base}/v1/outages`);
  expect(response.status).toBe(200);
  const { outages } = (await response.json()) as { outages: Array<{ service: string }> };
  return outages.map((o) => o.service);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let tries = 0; tries < 400; tries++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}; log:\n${logged.join('\n')}`);
}

async function readiness(): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

/** Blocks the pipeline thread until the returned function is called. */
async function holdPipeline(): Promise<() => void> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const held = new Promise<void>((resolve) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== 'held') return;
      pipeline.thread.off('message', onMessage);
      resolve();
    };
    pipeline.thread.on('message', onMessage);
  });
  pipeline.thread.postMessage({ type: 'hold', flag: flag.buffer });
  await held;
  return () => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
}

describe('serve with the pipeline in its own thread', () => {
  it('answers the outages and signal reads while the pipeline thread is blocked', async () => {
    expect(await ingest(scenario.posts)).toBe(202);
    await until(outageServices, (services) => services.includes('whatsapp'), 'whatsapp in /v1/outages');
    const signalUrl = `${base}/v1/services/whatsapp/signal?bucket=5m`;
    const before = await (await fetch(signalUrl)).text();
    const release = await holdPipeline();
    try {
      expect(await outageServices()).toContain('whatsapp');
      const signal = await fetch(signalUrl);
      expect(signal.status).toBe(200);
      expect(await signal.text()).toBe(before);
      const ready = await readiness();
      expect(ready.status).toBe(503);
      expect(ready.body.checks[PIPELINE_CHECK]?.detail).toMatch(/the pipeline thread did not answer within \d+ ms/);
    } finally {
      release();
    }
    expect((await readiness()).status).toBe(200);
  });

  it('shows posts classified after a read in the next answers', async () => {
    expect(await ingest(scenario.posts.slice(0, burstFrom))).toBe(202);
    await until(
      () => fetch(`${base}/v1/services/whatsapp/signal?bucket=5m`).then((r) => r.json() as Promise<{ current: unknown }>),
      (signal) => signal.current !== null,
      'a judged minute in the signal',
    );
    expect(await outageServices()).not.toContain('whatsapp');
    expect(await ingest(scenario.posts.slice(burstFrom))).toBe(202);
    await until(outageServices, (services) => services.includes('whatsapp'), 'whatsapp in /v1/outages after the burst');
  });

  it('reports a crashed pipeline thread: /readyz 503 naming it, one log line, 503 answers instead of hanging', async () => {
    expect(await outageServices()).toEqual([]);
    pipeline.thread.postMessage({ type: 'crash' });
    await until(async () => logged.join('\n'), (log) => /the pipeline thread failed: a fault made by the test/.test(log), 'the crash logged');
    const ready = await readiness();
    expect(ready.status).toBe(503);
    expect(ready.body.checks[PIPELINE_CHECK]).toEqual({ ok: false, detail: expect.stringMatching(/^the pipeline thread failed: a fault made by the test; restart the service$/) });
    const outages = await fetch(`${base}/v1/outages`);
    expect(outages.status).toBe(503);
    expect(((await outages.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(await ingest(scenario.posts.slice(0, 5))).toBe(503);
  });

  it('saves the store and ends the thread when stopped', async () => {
    expect(await ingest(scenario.posts.slice(0, burstFrom))).toBe(202);
    await until(outageServices, () => true, 'an answer');
    const exited = new Promise<number>((resolve) => pipeline.thread.once('exit', resolve));
    await pipeline.stop();
    expect(await exited).toBeTypeOf('number');
    expect(existsSync(join(dataDir, 'store.json'))).toBe(true);
  });
});
