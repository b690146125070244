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
