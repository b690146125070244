// Durability stated and checked: a Redis that keeps nothing across a restart is refused (or warned of, loudly).
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { readPersistence } from '../src/util/redis-persistence.ts';
import { startOwnRedis, type OwnRedis } from './own-redis.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const servers: OwnRedis[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.dispose();
});

async function persistenceOf(args: string[]) {
  const server = await startOwnRedis(args);
  servers.push(server);
  const redis = new Redis(server.url);
  try {
    return await readPersistence(redis);
  } finally {
    redis.disconnect();
  }
}

/** Runs a process of the service against `url` until it exits or has logged that it consumes; returns its log and exit code. */
async function runProcess(script: string[], url: string, extra: Record<string, string>): Promise<{ code: number | null; log: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...script], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: url, QUEUE_NAME: 'persistence-check', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
    if (/consuming queue/.test(log)) child.kill('SIGKILL');
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, log };
}

function runClassifyWorker(url: string, extra: Record<string, string>): Promise<{ code: number | null; log: string }> {
  return runProcess(['workers/classify.ts'], url, extra);
}

describe('Redis persistence', () => {
  it('is none on a Redis without AOF and without RDB snapshots', async () => {
    expect((await persistenceOf([])).mode).toBe('none');
  });

  it('is aof with appendonly yes, and rdb with save rules alone', async () => {
    expect((await persistenceOf(['--appendonly', 'yes'])).mode).toBe('aof');
    expect((await persistenceOf(['--save', '60 1'])).mode).toBe('rdb');
  });

  it('says it cannot check when the Redis refuses CONFIG', async () => {
    const persistence = await persistenceOf(['--rename-command', 'CONFIG', '']);
    expect(persistence.mode).toBe('unknown');
    expect(persistence.message).toMatch(/CONFIG GET is refused/);
  });

  it('makes a worker refuse to start, in one line with exit 2, when REDIS_REQUIRE_PERSISTENCE=true and Redis keeps nothing', async () => {
    const server = await startOwnRedis();
    servers.push(server);
    const { code, log } = await runClassifyWorker(server.url, { REDIS_REQUIRE_PERSISTENCE: 'true' });
    expect(code).toBe(2);
    expect(log.trim().split('\n')).toHaveLength(1);
    expect(log).toMatch(/persistence is OFF .*REDIS_REQUIRE_PERSISTENCE=true refuses to start/);
  });

  it.each([
    ['serve', ['src/cli.ts', 'serve']],
    ['the ingest worker', ['workers/ingest.ts']],
  ])('makes %s refuse to start the same way', async (_name, script) => {
    const server = await startOwnRedis();
    servers.push(server);
    const { code, log } = await runProcess(script, server.url, {
      REDIS_REQUIRE_PERSISTENCE: 'true', REPLAY_PATHS: join(ROOT, 'data/sample/2021-10-04.csv.gz'), DATA_DIR: tmpdir(), PORT: '0',
    });
    expect(code).toBe(2);
    expect(log.trim().split('\n')).toHaveLength(1);
    expect(log).toMatch(/persistence is OFF .*REDIS_REQUIRE_PERSISTENCE=true refuses to start/);
  });

  it('makes a worker warn loudly, and start, by default when Redis keeps nothing', async () => {
    const server = await startOwnRedis();
    servers.push(server);
    const { log } = await runClassifyWorker(server.url, {});
    expect(log).toMatch(/WARNING: Redis persistence is OFF/);
    expect(log).toMatch(/consuming queue/);
  });

  it('lets a worker start quietly on a Redis with AOF, even when REDIS_REQUIRE_PERSISTENCE=true', async () => {
    const server = await startOwnRedis(['--appendonly', 'yes']);
    servers.push(server);
    const { log } = await runClassifyWorker(server.url, { REDIS_REQUIRE_PERSISTENCE: 'true' });
    expect(log).not.toMatch(/WARNING/);
    expect(log).toMatch(/consuming queue/);
  });
});
