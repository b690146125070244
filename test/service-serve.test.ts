// `outage-radar serve` as a user runs it: a real process, no source configured, so it replays the
// bundled sample; the sample's outage must show in /v1/outages within a minute, and SIGTERM must
// end the process cleanly with its store saved.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
// The lead registers the command in src/cli.ts; this runs the same registration on its own.
const RUN_SERVE = "import { Command } from 'commander'; import { registerServeCommand } from './src/service/command.ts'; const p = new Command('outage-radar'); registerServeCommand(p); await p.parseAsync(process.argv);";

let dir: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-serve-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('shows the bundled sample\'s outage within a minute of start, and stops cleanly on SIGTERM', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dir };
  for (const name of ['REDIS_URL', 'API_KEY', 'TWITTER_BEARER_TOKEN', 'MASTODON_URL', 'JETSTREAM_URL', 'REPLAY_PATHS']) delete env[name];
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUN_SERVE, 'outage-radar', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    let services: string[] = [];
    while (Date.now() - started < 60_000 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 250));
      const answer = await fetch(`http://127.0.0.1:${port}/v1/outages`).then((r) => r.json() as Promise<{ outages: Array<{ service: string }> }>, () => undefined);
      services = answer?.outages.map((o) => o.service) ?? [];
      if (services.includes('whatsapp')) break;
    }
    expect(services, `exit code ${child.exitCode}; log:\n${log}`).toContain('whatsapp');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(log).toMatch(/replaying the bundled sample/);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited, log).toBe(0);
  expect(existsSync(join(dir, 'demo', 'store.json'))).toBe(true);
}, 90_000);
