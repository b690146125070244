// A worker's METRICS_PORT that is already taken: one line says so, and the worker goes on working
// without /metrics (it never claims a metrics URL it does not serve).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, deleteKeys, REDIS_URL } from './redis-fixtures.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const prefix = `ortest:${randomUUID().slice(0, 8)}:`;
let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  await deleteKeys(prefix);
  await admin.quit();
});

it('a classify worker whose METRICS_PORT is taken logs one line about the port and keeps consuming', async () => {
  const env = { ...process.env, REDIS_URL, METRICS_PORT: String(port), HOST: '127.0.0.1', STORE_PREFIX: prefix, QUEUE_PREFIX: `${prefix}bull`, QUEUE_NAME: 'posts' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/classify.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const started = Date.now();
    while (!/METRICS_PORT/.test(log) && child.exitCode === null && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 100));
    expect(log).toMatch(new RegExp(`classify\\[\\d+\\]: METRICS_PORT ${port} on 127\\.0\\.0\\.1 is in use: running without /metrics and /healthz; set METRICS_PORT to a free port\\n`));
    expect(log).not.toMatch(/metrics on http/);
    expect(log).toMatch(/consuming queue "posts"/);
    expect(child.exitCode, log).toBeNull();
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited, log).toBe(0);
});
