// No configured secret ever leaves the process: a real `serve` on Redis, with an API key, a webhook
// secret and a Redis password, is asked everything a client can ask (errors included); no answer,
// header, log line, /metrics or /openapi.json contains any of the three.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, deleteKeys } from './redis-fixtures.ts';
import { outageScenario } from './service-fixtures.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const API_KEY = 'api-key-Secret-9f8e7d';
const WEBHOOK_SECRET = 'webhook-Secret-1a2b3c';
const REDIS_PASSWORD = 'redis-Pass-77x';
const SCOPED_KEY = 'scoped-Key-4e5f6a';
const SECRETS = [API_KEY, WEBHOOK_SECRET, REDIS_PASSWORD, SCOPED_KEY];
const prefix = `ortest:${randomUUID().slice(0, 8)}:`;

let child: ChildProcess;
let log = '';
let base: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    API_KEY,
    API_KEYS: `reports:${SCOPED_KEY}`,
    OUTAGE_RADAR_WEBHOOKS: 'http://127.0.0.1:1/hook',
    OUTAGE_RADAR_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // The shared Redis needs no password; it is given anyway, so the process holds one to leak.
    REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:6379`,
    STORE_PREFIX: prefix,
    QUEUE_PREFIX: `${prefix}bull`,
    LATENESS_MS: '0',
  };
  for (const name of ['TWITTER_BEARER_TOKEN', 'MASTODON_URL', 'JETSTREAM_URL', 'REPLAY_PATHS']) delete env[name];
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--workers', '--no-demo'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const started = Date.now();
  while (!/listening on/.test(log)) {
    if (child.exitCode !== null || Date.now() - started > 20_000) throw new Error(`serve did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await deleteKeys(prefix);
  await admin.quit();
});

/** Everything an answer shows: status line, headers and body. */
async function seen(path: string, init: RequestInit = {}): Promise<string> {
  const res = await fetch(base + path, init);
  return `${res.status} ${path}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`;
}

const json = (body: unknown, key?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

it('shows no API key (of API_KEY or API_KEYS), webhook secret or Redis password in any answer, log line, /metrics or /openapi.json', async () => {
  const { posts } = outageScenario();
  const answers = [
    await seen('/healthz'),
    await seen('/readyz'),
    await seen('/openapi.json'),
    await seen('/v1/posts', json({ posts })),
    await seen('/v1/posts', json({ posts }, 'not-the-key')),
    await seen('/v1/posts', { ...json({ posts }), headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY.slice(0, -1)}` } }),
    await seen('/v1/posts', json({ posts: [{ id: 1 }] }, API_KEY)),
    await seen('/v1/posts', json('{"posts": [', API_KEY)),
    await seen('/v1/posts', json({ posts }, API_KEY)),
    await seen('/v1/reports', json({ paths: ['../../etc/passwd'] }, API_KEY)),
    await seen('/v1/reports', json({ paths: 'nope' }, API_KEY)),
    await seen('/v1/reports', json({ paths: ['../../etc/passwd'] }, SCOPED_KEY)),
    await seen('/v1/posts', json({ posts }, SCOPED_KEY)),
    await seen('/v1/deadletters', { headers: { 'x-api-key': SCOPED_KEY } }),
    await seen('/v1/outages'),
    await seen('/v1/outages?threshold=2'),
    await seen('/v1/services'),
    await seen('/v1/services/nope/signal'),
    await seen('/v1/incidents'),
    await seen('/v1/deadletters'),
    await seen('/v1/alerts/deliveries'),
    await seen('/nowhere'),
  ];
  // Let the posts be classified and counted, and any delivery attempt be logged.
  await new Promise((r) => setTimeout(r, 2000));
  answers.push(await seen('/metrics'), await seen('/v1/alerts/deliveries'));
  expect(log).toMatch(/listening on .* with Redis redis:\/\/:\*\*\*@127\.0\.0\.1:6379/);
  expect(answers.join('\n')).toMatch(/"requestId"/);
  for (const secret of SECRETS) {
    expect(answers.filter((answer) => answer.includes(secret)), secret).toEqual([]);
    expect(log.includes(secret), `${secret} in the log:\n${log}`).toBe(false);
  }
});
