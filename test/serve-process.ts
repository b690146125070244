// `outage-radar serve` as a user runs it, in a child process on a free port of 127.0.0.1, with no
// source configured (so it replays the bundled sample) unless the environment given says otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const ROOT = new URL('..', import.meta.url).pathname;
// The lead registers the command in src/cli.ts; this runs the same registration on its own.
const RUN_SERVE = "import { Command } from 'commander'; import { registerServeCommand } from './src/commands/serve.ts'; const p = new Command('outage-radar'); registerServeCommand(p); await p.parseAsync(process.argv);";

export interface ServeProcess {
  child: ChildProcess;
  base: string;
  /** What the process wrote to stderr so far. */
  log(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServe(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  for (const name of ['REDIS_URL', 'API_KEY', 'TWITTER_BEARER_TOKEN', 'MASTODON_URL', 'JETSTREAM_URL', 'REPLAY_PATHS']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUN_SERVE, 'outage-radar', 'serve'], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, base: `http://127.0.0.1:${port}`, log: () => log, exited };
}

/**
 * fetch, tried twice: a pooled keep-alive socket the server closes after its idle timeout, just as a
 * request goes out on it, ends in ECONNRESET although the server is fine.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init).catch(() => fetch(url, init));
  return (await response.json()) as T;
}

/** Polls /v1/outages until `service` is in it or `timeoutMs` passes; the services seen last. */
export async function waitForOutage(serve: ServeProcess, service: string, timeoutMs: number): Promise<string[]> {
  const started = Date.now();
  let services: string[] = [];
  while (Date.now() - started < timeoutMs && serve.child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 250));
    const answer = await fetchJson<{ outages: Array<{ service: string }> }>(`${serve.base}/v1/outages`).catch(() => undefined);
    services = answer?.outages.map((o) => o.service) ?? [];
    if (services.includes(service)) break;
  }
  return services;
}
