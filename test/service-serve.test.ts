// `outage-radar serve` as a user runs it: a real process, no source configured, so it replays the
// bundled sample; the sample's outage must show in /v1/outages within a minute, and SIGTERM must
// end the process cleanly with its store saved.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServe, waitForOutage } from './serve-process.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-serve-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('shows the bundled sample\'s outage within a minute of start, and stops cleanly on SIGTERM', async () => {
  const started = Date.now();
  const serve = await startServe(dir);
  try {
    const services = await waitForOutage(serve, 'whatsapp', 60_000);
    expect(services, `exit code ${serve.child.exitCode}; log:\n${serve.log()}`).toContain('whatsapp');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(serve.log()).toMatch(/replaying the bundled sample/);
  } finally {
    serve.child.kill('SIGTERM');
  }
  expect(await serve.exited, serve.log()).toBe(0);
  expect(existsSync(join(dir, 'demo', 'store.json'))).toBe(true);
}, 90_000);

it('says the port the system gave when started with PORT=0, and answers there', async () => {
  const serve = await startServe(join(dir, 'port-zero'), { PORT: '0' });
  try {
    const started = Date.now();
    while (!/listening on/.test(serve.log()) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(serve.log());
    expect(url, serve.log()).not.toBeNull();
    expect(Number(url![2])).toBeGreaterThan(0);
    expect((await fetch(`${url![1]}/healthz`)).status).toBe(200);
  } finally {
    serve.child.kill('SIGTERM');
  }
  await serve.exited;
}, 60_000);
