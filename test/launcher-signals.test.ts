// The documented launchers (README, docs/api.md) pass SIGTERM to the node process that does the work,
// as `docker stop` or a process manager sends it to the launcher alone: one signal, and every process
// the launcher started is gone within seconds. `npx tsx` failed this: npx's `sh -c` died and left
// tsx and its node child running, still consuming the queue.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { admin, deleteKeys, REDIS_URL } from './redis-fixtures.ts';
import { freePort } from './serve-process.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const STOP_WITHIN_MS = 10_000;

let dir: string;
const launched: number[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-launchers-'));
});

afterEach(() => {
  // Whatever a failing test left running, by the ids it recorded.
  for (const pid of launched.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

afterAll(async () => {
  await deleteKeys('ortest:launch:');
  await admin.quit();
  await rm(dir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `pid` and all its descendants, as `ps` sees them now. */
function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number));
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of rows) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** Starts `command args` as a user would, and resolves once its output matches `ready`. */
async function launch(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  launched.push(child.pid!);
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const started = Date.now();
  while (!ready.test(log)) {
    if (child.exitCode !== null || Date.now() - started > 20_000) throw new Error(`${command} ${args.join(' ')} did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, log: () => log };
}

/** Sends SIGTERM to the launcher alone; the processes of its tree still running `STOP_WITHIN_MS` later. */
async function survivorsOfSigterm(child: ChildProcess): Promise<string[]> {
  const tree = processTree(child.pid!);
  launched.push(...tree);
  child.kill('SIGTERM');
  const started = Date.now();
  while (tree.some(isAlive) && Date.now() - started < STOP_WITHIN_MS) await new Promise((r) => setTimeout(r, 100));
  return tree.filter(isAlive).map((pid) => execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

describe('signals reach node under every documented launcher', () => {
  it('npm start stops, with every process it started, on one SIGTERM', async () => {
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', REDIS_URL: '', API_KEY: '', REPLAY_PATHS: '' };
    const serve = await launch('npm', ['start', '--', '--no-demo', '--data-dir', join(dir, 'serve')], env, /listening on/);
    expect(await survivorsOfSigterm(serve.child)).toEqual([]);
    expect(serve.log()).toMatch(/SIGTERM: finishing in-flight work/);
  });

  it('npm run classify stops, with every process it started, on one SIGTERM', async () => {
    const id = randomUUID().slice(0, 8);
    const env = { REDIS_URL, DATA_DIR: dir, STORE_PREFIX: `ortest:launch:${id}:`, QUEUE_NAME: `posts-${id}`, QUEUE_PREFIX: `ortest:launch:${id}:bull` };
    const worker = await launch('npm', ['run', 'classify'], env, /consuming queue/);
    expect(await survivorsOfSigterm(worker.child)).toEqual([]);
    expect(worker.log()).toMatch(/classify\[\d+\]: stopped/);
  });

  it('the outage-radar bin stops on one SIGTERM', async () => {
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', REDIS_URL: '', API_KEY: '', REPLAY_PATHS: '' };
    const serve = await launch(join(ROOT, 'bin/outage-radar.mjs'), ['serve', '--no-demo', '--data-dir', join(dir, 'bin')], env, /listening on/);
    expect(await survivorsOfSigterm(serve.child)).toEqual([]);
  });
});
