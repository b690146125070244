// `outage-radar serve`: the live service and its HTTP API in one process.
import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { webhookOptionsFromEnv } from '../alerts/webhooks.ts';
import { createApp } from '../api/app.ts';
import { createSourcesFromEnv } from '../sources/index.ts';
import { describeSourceEvent, type Source } from '../sources/source.ts';
import { demoSource, sampleArchives } from './demo.ts';
import { readServiceEnv } from './env.ts';
import { isolatedAnalyse } from './isolated-analyse.ts';
import { LiveService } from './live-service.ts';
import { onShutdown } from './shutdown.ts';
import { createLog, type LogFormat } from '../util/log.ts';
import { redactUrl } from '../util/redact.ts';
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
  const dataDir = resolve(env.DATA_DIR);
  const runsWorkers = options.workers === true || !env.REDIS_URL;
  const sources: Source[] = runsWorkers
    ? createSourcesFromEnv(process.env, {
        onMalformed: (reason) => log(`malformed post skipped: ${reason}`),
        onEvent: (event) => log(describeSourceEvent(event)),
      })
    : [];
  const demoPaths = runsWorkers && sources.length === 0 && options.demo ? await sampleArchives() : [];
  // The demo counts into its own store, emptied at every start, so each run shows the outage anew.
  const storeDir = demoPaths.length > 0 && !env.REDIS_URL ? join(dataDir, 'demo') : dataDir;
  if (storeDir !== dataDir) await rm(storeDir, { recursive: true, force: true });

  const webhooks = webhookOptionsFromEnv(env);
  const service = await LiveService.open({
    dataDir,
    storeDir,
    redisUrl: env.REDIS_URL,
    storePrefix: env.STORE_PREFIX,
    queueName: env.QUEUE_NAME,
    queuePrefix: env.QUEUE_PREFIX,
    latenessMs: env.LATENESS_MS,
    batchSize: env.BATCH_SIZE,
    queueMaxWaiting: env.QUEUE_MAX_WAITING,
    classifyInProcess: runsWorkers,
    classifyConcurrency: env.CLASSIFY_CONCURRENCY,
    webhooks,
    alertUpdates: { minIntervalMs: env.OUTAGE_RADAR_WEBHOOK_UPDATE_MINUTES * 60_000 },
    analyse: isolatedAnalyse({ memoryMb: env.REPORT_MEMORY_MB }),
    log,
  });
  // After the store and the queue: an unreachable Redis is reported as theirs, as documented.
  if (env.REDIS_URL) await checkPersistence(env.REDIS_URL, { require: env.REDIS_REQUIRE_PERSISTENCE, warn: log });
  const app = createApp(service, {
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
  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = app.listen(env.PORT, env.HOST, (error?: Error) => (error ? reject(error) : resolveServer(s)));
  });
  const mode = env.REDIS_URL ? `Redis ${redactUrl(env.REDIS_URL)}${runsWorkers ? ' (ingest and classify here too)' : ' (ingest and classify in workers/)'}` : `embedded store in ${storeDir}`;
  // PORT=0 asks the system for a free port: say the one it gave.
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : env.PORT;
  log(`listening on http://${env.HOST}:${port} with ${mode}`);
  if (service.alerts) {
    const { minIntervalMs, confidenceStep } = service.alerts.policy;
    log(`incident webhooks: ${webhooks?.urls.length} URL(s); updates on a new region or +${confidenceStep} peak confidence, at most every ${minIntervalMs / 60_000} min`);
  }
  if (!env.API_KEY && env.API_KEYS.length === 0) log('neither API_KEY nor API_KEYS is set: POST /v1/posts and POST /v1/reports are disabled', { level: 'warn' });
  // The API answers while the demo reads the sample once to find where to slow down.
  const demo = demoPaths.length > 0 ? await demoSource(demoPaths) : undefined;
  service.start(demo ? [demo] : sources);
  if (demo) log(`no source configured: replaying the bundled sample (${demo.name}); try curl http://localhost:${port}/v1/outages`);
  else if (sources.length > 0) log(`sources: ${sources.map((s) => s.name).join(', ')}`);
  else if (runsWorkers) log('no source configured and no sample to replay: POST /v1/posts is the only way in');

  onShutdown(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await service.stop();
  }, log);
}
