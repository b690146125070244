// What a user sees when `serve` or a worker cannot start: one line saying what to fix, exit status 2,
// no stack trace, and no secret of the configuration in it.
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const PASSWORD = 's3cret-redis-pw';

interface Run {
  status: number | null;
  stderr: string;
  ms: number;
}

/** Runs an entry point (src/cli.ts or a worker) as node with tsx, with only the given settings. */
function run(script: string, args: string[], settings: Record<string, string>): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...settings };
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stderr, ms: Date.now() - started })));
}

function expectOneLine(r: Run): string {
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

const ENTRY_POINTS = [
  { name: 'serve', script: 'src/cli.ts', args: ['serve', '--port', '0', '--no-demo'] },
  { name: 'the classify worker', script: 'workers/classify.ts', args: [] },
  { name: 'the ingest worker', script: 'workers/ingest.ts', args: [] },
];

describe('an unreachable REDIS_URL', () => {
  for (const { name, script, args } of ENTRY_POINTS) {
    it(`ends ${name} with one line that names Redis without its password, exit 2`, async () => {
      const r = await run(script, args, { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:1`, REPLAY_PATHS: 'data/sample' });
      expect(r.status).toBe(2);
      expect(expectOneLine(r)).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 for the (store|queue): connect ECONNREFUSED 127\.0\.0\.1:1; check REDIS_URL and that Redis is running$/);
      expect(r.stderr).not.toContain(PASSWORD);
    });
  }
});

describe('a REDIS_URL whose server accepts connections but never answers', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let port: number;
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('ends serve after the documented 5 s wait with one line, exit 2', async () => {
    const r = await run('src/cli.ts', ['serve', '--port', '0', '--no-demo'], { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${port}` });
    expect(r.status).toBe(2);
    expect(expectOneLine(r)).toBe(`outage-radar: cannot reach Redis at redis://:***@127.0.0.1:${port} for the store: no answer within 5 s; check REDIS_URL and that Redis is running`);
    expect(r.ms).toBeLessThan(15_000);
  });
});

describe('an invalid setting', () => {
  it('names API_KEY and its rule, never its value', async () => {
    const r = await run('src/cli.ts', ['serve', '--no-demo'], { API_KEY: 'k3y-42!' });
    expect(r.status).toBe(2);
    expect(expectOneLine(r)).toBe('outage-radar: API_KEY: must be at least 8 characters');
  });

  it('names PORT, the value given and the rule', async () => {
    const r = await run('src/cli.ts', ['serve', '--no-demo'], { PORT: 'abc' });
    expect(r.status).toBe(2);
    expect(expectOneLine(r)).toBe('outage-radar: PORT="abc": must be a port number from 0 to 65535');
  });

  it("names a source's setting the same way, checked by the same schema", async () => {
    const r = await run('src/cli.ts', ['serve', '--no-demo'], { REPLAY_PATHS: 'data/sample', REPLAY_SPEED: 'fast' });
    expect(r.status).toBe(2);
    expect(expectOneLine(r)).toBe('outage-radar: REPLAY_SPEED="fast": must be a positive number or max');
  });

  it('ends a worker the same way', async () => {
    const r = await run('workers/classify.ts', [], { REDIS_URL: `http://:${PASSWORD}@127.0.0.1:6379` });
    expect(r.status).toBe(2);
    expect(expectOneLine(r)).toMatch(/^classify\[\d+\]: REDIS_URL="http:\/\/:\*\*\*@127\.0\.0\.1:6379": must start with redis:\/\/ or rediss:\/\/$/);
  });
});
