// Durability checked: a Redis that comes back without the deployment's data is found, logged and
// counted, and a Redis that keeps it raises nothing. Each test on a redis-server of its own.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { countRedisDataLoss, createServiceMetrics } from '../src/live/service-metrics.ts';
import { RedisMarker, redisMarkerKey } from '../src/aggregate/redis-marker.ts';
import { startOwnRedis, type OwnRedis } from './own-redis.ts';
import { freePort, startServe } from './serve-process.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const PASSWORD = 'marker-test-secret';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ownRedis(args: string[] = []): Promise<OwnRedis> {
  const redis = await startOwnRedis(args);
  cleanups.push(() => redis.dispose());
  return redis;
}

/** A marker as a process opens it, with its log lines and its metrics. */
async function watch(redis: OwnRedis, checkEveryMs = 60_000) {
  const lines: string[] = [];
  const levels: string[] = [];
  const metrics = createServiceMetrics();
  const marker = await RedisMarker.open(redis.url, {
    key: redisMarkerKey('mk:'),
    log: (line, fields) => {
      lines.push(line);
      levels.push(fields?.level ?? 'info');
    },
    onLost: countRedisDataLoss(metrics),
    checkEveryMs,
  });
  cleanups.push(() => marker.close());
  const lost = (kind: 'emptied' | 'rolled_back') => metrics.get('outage_radar_redis_data_lost_total', { kind });
  return { marker, lines, levels, metrics, lost };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function restart(redis: OwnRedis, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  await redis.stop(signal);
  await sleep(300);
  await redis.start();
}

async function command(redis: OwnRedis, ...args: string[]): Promise<unknown> {
  const client = new Redis(redis.url);
  try {
    return await client.call(args[0], ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

describe('The Redis marker', () => {
  it('finds a Redis without persistence that restarted empty at its reconnect: one ERROR line, counted once, the marker written again', async () => {
    const redis = await ownRedis();
    const { marker, lines, levels, lost } = await watch(redis);
    expect(lines).toEqual([]);

    await restart(redis);
    await until(() => marker.lastLoss !== undefined);

    expect(lines).toHaveLength(1);
    expect(levels).toEqual(['error']);
    expect(lines[0]).toMatch(/^ERROR: Redis came back empty: the marker key mk:redis-marker is gone, last seen intact at \S+Z\. Redis restarted without persistence/);
    expect(lines[0]).toMatch(/Lost with it, everything it held: the queued batches .* the posts' claims; the counts/);
    expect(lines[0]).toMatch(/To do: turn on appendonly yes/);
    expect(lost('emptied')).toBe(1);
    expect(lost('rolled_back')).toBe(0);
    expect(marker.lossSummary()).toMatch(/^Redis came back empty at \S+Z \(found once since this process started\)/);
    // Written again: the next checks find it as they left it.
    expect(await marker.check()).toBeUndefined();
    expect(await command(redis, 'HGET', 'mk:redis-marker', 'epoch')).toEqual(expect.any(String));
    expect(lost('emptied')).toBe(1);
  }, 30_000);

  it('raises nothing when a Redis with AOF restarts, cleanly or killed', async () => {
    const redis = await ownRedis(['--appendonly', 'yes']);
    const { marker, lines, lost } = await watch(redis);
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      await restart(redis, signal);
      // The reconnect's own check, then one more that must see the sequence go on.
      await until(async () => (await command(redis, 'HGET', 'mk:redis-marker', 'seq').catch(() => null)) !== null);
      await sleep(500);
      expect(await marker.check()).toBeUndefined();
    }
    expect(lines).toEqual([]);
    expect(marker.lastLoss).toBeUndefined();
    expect(lost('emptied') + lost('rolled_back')).toBe(0);
  }, 30_000);

  it('finds a FLUSHALL, which no connection drop shows, at its next periodic check, and says AOF was on', async () => {
    const redis = await ownRedis(['--appendonly', 'yes']);
    const { marker, lines, lost } = await watch(redis, 100);
    await sleep(300);
    expect(lines).toEqual([]);

    await command(redis, 'FLUSHALL');
    await until(() => marker.lastLoss !== undefined, 2000);

    expect(lines).toEqual([expect.stringMatching(/^ERROR: Redis came back empty: .* Redis has AOF on, so it was flushed \(FLUSHALL, FLUSHDB\).* To do: find what flushed Redis/)]);
    expect(lost('emptied')).toBe(1);
  }, 30_000);

  it('is found lost by every process, also one that checks after another has written the marker again', async () => {
    const redis = await ownRedis();
    const first = await watch(redis);
    const second = await watch(redis);

    await command(redis, 'FLUSHALL');
    expect(await first.marker.check()).toMatchObject({ kind: 'emptied' });
    expect(await second.marker.check()).toMatchObject({ kind: 'emptied' });
    expect(await first.marker.check()).toBeUndefined();
    expect(await second.marker.check()).toBeUndefined();
    expect([first.lost('emptied'), second.lost('emptied')]).toEqual([1, 1]);
  }, 30_000);

  it('finds a Redis that came back from a snapshot older than its last writes', async () => {
    const redis = await ownRedis();
    const { marker, lines, lost } = await watch(redis);
    await command(redis, 'SAVE');
    await marker.check();
    await marker.check();

    await restart(redis, 'SIGKILL');
    await until(() => marker.lastLoss !== undefined);

    expect(marker.lastLoss?.kind).toBe('rolled_back');
    expect(lines).toEqual([expect.stringMatching(/^ERROR: Redis came back older: the marker key mk:redis-marker counts fewer checks than this process saw/)]);
    expect(lost('rolled_back')).toBe(1);
  }, 30_000);

  it('shows the loss in the readiness of serve\'s live service, which stays ready, and in its /metrics', async () => {
    const redis = await ownRedis();
    const dataDir = await mkdtemp(join(tmpdir(), 'or-marker-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const lines: string[] = [];
    const service = await LiveService.open({ dataDir, redisUrl: redis.url, analyse: analyseArchives, log: (line) => lines.push(line) });
    cleanups.push(() => service.stop());
    expect((await service.readiness()).checks['redis data']).toEqual({ ok: true });
    expect(await service.metricsText()).toMatch(/^outage_radar_redis_data_lost_total\{kind="emptied"\} 0$/m);

    await restart(redis);
    await until(() => lines.some((line) => line.startsWith('ERROR: Redis came back empty')));
    await until(async () => (await service.readiness()).ready);

    const readiness = await service.readiness();
    expect(readiness.ready).toBe(true);
    expect(readiness.checks['redis data']).toEqual({ ok: true, detail: expect.stringMatching(/^Redis came back empty at \S+Z \(found once since this process started\)/) });
    expect(await service.metricsText()).toMatch(/^outage_radar_redis_data_lost_total\{kind="emptied"\} 1$/m);
  }, 60_000);
});

/** A process of the service as a user starts it; its stderr, stopped (SIGKILL) after the test. */
function startWorker(script: string, env: NodeJS.ProcessEnv): { log: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  return { log: () => log };
}

describe('Every process that uses Redis', () => {
  it.each([
    ['the classify worker', 'workers/classify.ts', {}, /consuming queue/],
    ['the ingest worker', 'workers/ingest.ts', { REPLAY_PATHS: join(ROOT, 'data/sample/2021-10-04.csv.gz'), REPLAY_SPEED: '1' }, /reading replay/],
  ])('finds the loss in %s: one ERROR line without the password, counted in its /metrics', async (_name, script, extra, started) => {
    const redis = await ownRedis(['--requirepass', PASSWORD]);
    const port = await freePort();
    const worker = startWorker(script, { REDIS_URL: redis.url, METRICS_PORT: String(port), HOST: '127.0.0.1', STORE_PREFIX: 'mk:', QUEUE_PREFIX: 'mk:bull', ...extra });
    await until(() => started.test(worker.log()) && /metrics on/.test(worker.log()), 30_000);

    await restart(redis);
    await until(() => /ERROR: Redis came back empty/.test(worker.log()), 15_000);

    const errors = worker.log().split('\n').filter((line) => line.includes('ERROR'));
    expect(errors).toEqual([expect.stringMatching(/^(classify|ingest)\[\d+\]: ERROR: Redis came back empty: the marker key mk:redis-marker is gone/)]);
    expect(worker.log()).not.toContain(PASSWORD);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^outage_radar_redis_data_lost_total\{kind="emptied"\} 1$/m);
  }, 60_000);

  it('finds the loss in serve: the ERROR line, /readyz 200 with the check saying when, /metrics counting it', async () => {
    const redis = await ownRedis(['--requirepass', PASSWORD]);
    const dataDir = await mkdtemp(join(tmpdir(), 'or-marker-serve-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const serve = await startServe(dataDir, { REDIS_URL: redis.url, STORE_PREFIX: 'mk:', QUEUE_PREFIX: 'mk:bull' });
    cleanups.push(async () => {
      serve.child.kill('SIGKILL');
      await serve.exited;
    });
    await until(() => /listening on/.test(serve.log()), 30_000);

    await restart(redis);
    await until(() => /ERROR: Redis came back empty/.test(serve.log()), 15_000);

    expect(serve.log()).not.toContain(PASSWORD);
    let readyz = await fetch(`${serve.base}/readyz`);
    // The store and queue connections may still be coming back.
    for (let tries = 0; readyz.status !== 200 && tries < 40; tries++) {
      await sleep(250);
      readyz = await fetch(`${serve.base}/readyz`);
    }
    expect(readyz.status).toBe(200);
    const body = (await readyz.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.checks['redis data']).toEqual({ ok: true, detail: expect.stringMatching(/^Redis came back empty at \S+Z/) });
    expect(await (await fetch(`${serve.base}/metrics`)).text()).toMatch(/^outage_radar_redis_data_lost_total\{kind="emptied"\} 1$/m);
  }, 60_000);
});
