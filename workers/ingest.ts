// Ingest worker: reads the configured sources (TWITTER_BEARER_TOKEN, MASTODON_URL, JETSTREAM_URL,
// REPLAY_PATHS; see docs/sources.md) and publishes their posts in batches to the BullMQ queue.
// `REDIS_URL=redis://127.0.0.1:6379 REPLAY_PATHS=data/sample npm run ingest` (a folder's files merged by event time)
// SIGTERM: stops reading, publishes the posts already read, then exits. A replay exits when it ends.
// One event clock over all its sources drops posts dated far from their bulk (no `late`: the detector runs elsewhere).
import type { Server } from 'node:http';
import { EventClock } from '../src/pipeline/event-clock.ts';
import { createQueue, workerQueueConfig } from '../src/queue/create-queue.ts';
import { readLogFormat, readServiceEnv } from '../src/config/service-env.ts';
import { pumpSource } from '../src/live/pump.ts';
import { countRedisDataLoss, createServiceMetrics, recordQueueDepth } from '../src/live/service-metrics.ts';
import { onShutdown } from '../src/commands/shutdown.ts';
import { serveWorkerMetrics } from '../src/commands/worker-metrics.ts';
import { createSourcesFromEnv } from '../src/sources/index.ts';
import { enlargeYoungGeneration } from '../src/commands/heap.ts';
import { errorMessage, exitOnFatalError } from '../src/util/error-message.ts';
import { createLog } from '../src/observe/log.ts';
import { RedisMarker, redisMarkerKey } from '../src/aggregate/redis-marker.ts';
import { checkPersistence } from '../src/util/redis-persistence.ts';

enlargeYoungGeneration();

const log = createLog(`ingest[${process.pid}]`, readLogFormat());
exitOnFatalError(log);
const env = readServiceEnv();
if (!env.REDIS_URL) {
  log('REDIS_URL is not set: without Redis, `npm start` ingests in its own process and needs no worker');
  process.exit(2);
}
const sources = createSourcesFromEnv(process.env, { onMalformed: (reason) => log(`malformed post skipped: ${reason}`) });
if (sources.length === 0) {
  log('no source configured: set TWITTER_BEARER_TOKEN, MASTODON_URL, JETSTREAM_URL or REPLAY_PATHS');
  process.exit(2);
}

const metrics = createServiceMetrics();
const queue = await createQueue(workerQueueConfig(env));
await checkPersistence(env.REDIS_URL, { require: env.REDIS_REQUIRE_PERSISTENCE, warn: log });
// Under the store's prefix although ingest has no store: one marker for the whole deployment.
const marker = await RedisMarker.open(env.REDIS_URL, { key: redisMarkerKey(env.STORE_PREFIX), log, onLost: countRedisDataLoss(metrics) });
const abort = new AbortController();
let server: Server | undefined;
if (env.METRICS_PORT !== undefined) {
  server = await serveWorkerMetrics({
    port: env.METRICS_PORT,
    host: env.HOST,
    metricsText: async () => {
      recordQueueDepth(metrics, await queue.depth());
      for (const source of sources) metrics.set('outage_radar_posts_malformed_total', source.stats.malformed, { source: source.name });
      return metrics.render();
    },
    log,
  });
}

const clock = new EventClock();
const pumps = sources.map((source) => {
  log(`reading ${source.name}`);
  return pumpSource(source, queue, { batchSize: env.BATCH_SIZE, maxWaiting: env.QUEUE_MAX_WAITING, metrics, clock, signal: abort.signal, log }).then((posts) => {
    const outOfRange = (['ahead', 'late', 'impossible'] as const).reduce((n, reason) => n + metrics.get('outage_radar_posts_out_of_range_total', { source: source.name, reason }), 0);
    const lost = metrics.get('outage_radar_posts_lost_total', { source: source.name });
    log(`${source.name}: ${posts} posts published (acknowledged by the queue), ${lost} lost, ${source.stats.malformed} malformed, ${source.stats.duplicates} duplicates, ${outOfRange} out of range`);
  });
});

const stop = async () => {
  abort.abort();
  await Promise.allSettled(pumps);
  server?.close();
  marker.close();
  await queue.close();
};
onShutdown(stop, log);

const results = await Promise.allSettled(pumps);
const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
for (const failure of failed) log(`source failed: ${errorMessage(failure.reason)}`);
if (!abort.signal.aborted) {
  await stop();
  log('all sources ended');
  process.exit(failed.length > 0 ? 1 : 0);
}
