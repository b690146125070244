// The pipeline thread: sources -> queue -> classify -> store -> detector loop, snapshots, reports and
// webhooks, i.e. the whole LiveService, in a worker thread of `serve`. It answers the Radar calls the
// HTTP thread forwards, and tells it when minutes close, so that no work here ever holds up a read.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { webhookOptionsFromEnv } from '../alerts/webhooks.ts';
import { createSourcesFromEnv } from '../sources/index.ts';
import { describeSourceEvent, type Source } from '../sources/source.ts';
import type { Log } from '../observe/log.ts';
import { redactUrl } from '../util/redact.ts';
import { demoSource, sampleArchives } from './demo.ts';
import { isolatedAnalyse } from './isolated-analyse.ts';
import { LiveService } from './live-service.ts';
import { errorData, type CallName, type Forwarded, type FromPipeline, type PipelineSettings, type ToPipeline } from './pipeline-protocol.ts';
import { errorMessage } from '../util/error-message.ts';

/** Opens the live service as `serve` configures it, then serves `port` until told to stop. */
export async function runPipeline(port: MessagePort, settings: PipelineSettings): Promise<void> {
  const post = (message: FromPipeline) => port.postMessage(message);
  const log: Log = (message, fields) => post({ type: 'log', message, ...(fields ? { fields } : {}) });
  let opened: Opened;
  try {
    opened = await open(settings, log, (lastClosed) => post({ type: 'closed', lastClosed }));
  } catch (error) {
    post({ type: 'open-failed', error: errorData(error) });
    port.close();
    return;
  }
  const { service } = opened;
  port.on('message', (message: ToPipeline) => {
    if (message.type === 'call') {
      const failed = (error: unknown) => post({ type: 'failed', id: message.id, error: errorData(error) });
      answer(service, message.method, message.args).then((value) => {
        try {
          post({ type: 'answer', id: message.id, value });
        } catch (error) {
          // An answer that cannot be cloned fails its call, not the thread.
          failed(error);
        }
      }, failed);
    } else if (message.type === 'start') {
      void begin(opened, message.port, log);
    } else if (message.type === 'stop') {
      service
        .stop()
        .catch((error: unknown) => log(`pipeline: stopping failed: ${errorMessage(error)}`, { level: 'error' }))
        .finally(() => {
          post({ type: 'stopped' });
          port.close();
        });
    }
  });
  post({ type: 'opened', bucketMs: service.bucketMs, mode: opened.mode });
}

async function open(settings: PipelineSettings, log: Log, onClosed: (lastClosed: number) => void) {
  const { env, dataDir, runsWorkers } = settings;
  const sources: Source[] = runsWorkers
    ? createSourcesFromEnv(process.env, {
        onMalformed: (reason) => log(`malformed post skipped: ${reason}`),
        onEvent: (event) => log(describeSourceEvent(event)),
      })
    : [];
  const demoPaths = runsWorkers && sources.length === 0 && settings.demo ? await sampleArchives() : [];
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
    tickMs: settings.tickMs,
    webhooks,
    alertUpdates: { minIntervalMs: env.OUTAGE_RADAR_WEBHOOK_UPDATE_MINUTES * 60_000 },
    analyse: isolatedAnalyse({ memoryMb: env.REPORT_MEMORY_MB }),
    onMinutesClosed: onClosed,
    log,
  });
  const mode = env.REDIS_URL ? `Redis ${redactUrl(env.REDIS_URL)}${runsWorkers ? ' (ingest and classify here too)' : ' (ingest and classify in workers/)'}` : `embedded store in ${storeDir}`;
  return { service, sources, demoPaths, runsWorkers, webhookUrls: webhooks?.urls.length ?? 0, mode };
}

type Opened = Awaited<ReturnType<typeof open>>;

/** Starts the detector loop and the sources, once the API listens. */
async function begin({ service, sources, demoPaths, runsWorkers, webhookUrls }: Opened, port: number, log: Log): Promise<void> {
  if (service.alerts) {
    const { minIntervalMs, confidenceStep } = service.alerts.policy;
    log(`incident webhooks: ${webhookUrls} URL(s); updates on a new region or +${confidenceStep} peak confidence, at most every ${minIntervalMs / 60_000} min`);
  }
  // The API answers while the demo reads the sample once to find where to slow down.
  const demo = demoPaths.length > 0 ? await demoSource(demoPaths) : undefined;
  service.start(demo ? [demo] : sources);
  if (demo) log(`no source configured: replaying the bundled sample (${demo.name}); try curl http://localhost:${port}/v1/outages`);
  else if (sources.length > 0) log(`sources: ${sources.map((s) => s.name).join(', ')}`);
  else if (runsWorkers) log('no source configured and no sample to replay: POST /v1/posts is the only way in');
}

function answer(service: Forwarded, method: CallName, args: unknown[]): Promise<unknown> {
  // The method names are the Radar's own (Forwarded's keys); the arguments are what the HTTP thread passed them.
  const call = service[method] as (...given: unknown[]) => unknown;
  return Promise.resolve().then(() => call.apply(service, args));
}

if (parentPort) await runPipeline(parentPort, workerData as PipelineSettings);
