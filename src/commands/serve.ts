// `outage-radar serve`: the live service and its HTTP API in one process, the pipeline on a thread of its own.
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../api/app.ts';
import { readServiceEnv } from '../config/service-env.ts';
import { PipelineThread } from '../live/pipeline-thread.ts';
import { onShutdown } from './shutdown.ts';
import { createLog, type LogFormat } from '../observe/log.ts';
import { checkPersistence } from '../util/redis-persistence.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  workers?: boolean;
  demo: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the live service: sources -> queue -> classify -> store -> detector, and the HTTP API')
    .option('-p, --port <port>', 'HTTP port (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('-d, --data-dir <dir>', 'data directory: embedded store, report inputs (env DATA_DIR, default ./var)')
    .option('--workers', 'with REDIS_URL, also ingest and classify in this process (default: only without REDIS_URL)')
    .option('--no-demo', 'with no source configured, do not replay the bundled sample')
    .addHelpText(
      'after',
      '\nSources come from the environment (TWITTER_BEARER_TOKEN, MASTODON_URL, JETSTREAM_URL, REPLAY_PATHS; see docs/sources.md).\n' +
        'With none set, the bundled sample archive is replayed: fast through its quiet hours, slowly around its outage.\n' +
        'REDIS_URL moves store and queue to Redis; run workers/ingest.ts and workers/classify.ts beside it (docs/api.md).',
    )
    .action((options: ServeOptions) => serve(options));
}

async function serve(options: ServeOptions): Promise<void> {
  const env = readServiceEnv({
    ...process.env,
    ...(options.port !== undefined ? { PORT: options.port } : {}),
    ...(options.host !== undefined ? { HOST: options.host } : {}),
    ...(options.dataDir !== undefined ? { DATA_DIR: options.dataDir } : {}),
  });
  const log = createLog('outage-radar', env.LOG_FORMAT as LogFormat);
  // The live pipeline runs in a thread of its own; this thread answers HTTP (docs/reliability.md, "Reads during ingest").
  const pipeline = await PipelineThread.start({
    settings: { env, dataDir: resolve(env.DATA_DIR), runsWorkers: options.workers === true || !env.REDIS_URL, demo: options.demo },
    log,
  });
  // A signal from here on stops the pipeline thread too: its store is saved and the thread ends.
  let server: Server | undefined;
  onShutdown(async () => {
    if (server) await new Promise<void>((done) => server?.close(() => done()));
    await pipeline.stop();
  }, log);
  // After the store and the queue: an unreachable Redis is reported as theirs, as documented.
  if (env.REDIS_URL) await checkPersistence(env.REDIS_URL, { require: env.REDIS_REQUIRE_PERSISTENCE, warn: log });
  const api = createApp(pipeline, {
    apiKey: env.API_KEY,
    apiKeys: env.API_KEYS,
    readRequiresKey: env.READ_REQUIRES_KEY,
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    bodyLimit: env.BODY_LIMIT,
    rateLimit: { max: env.RATE_LIMIT_PER_MINUTE },
    writeRateLimit: { max: env.WRITE_RATE_LIMIT_PER_MINUTE },
    log,
  });
  const listening = createServer(api);
  await new Promise<void>((resolveListen, reject) => {
    listening.once('error', reject);
    listening.listen(env.PORT, env.HOST, () => resolveListen());
  });
  server = listening;
  // PORT=0 asks the system for a free port: say the one it gave.
  const address = listening.address();
  const port = address !== null && typeof address === 'object' ? address.port : env.PORT;
  log(`listening on http://${env.HOST}:${port} with ${pipeline.mode}`);
  if (!env.API_KEY && env.API_KEYS.length === 0) log('neither API_KEY nor API_KEYS is set: POST /v1/posts and POST /v1/reports are disabled', { level: 'warn' });
  pipeline.begin(port);
}
