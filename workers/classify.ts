// Classify worker: takes batches from the BullMQ queue, classifies them and counts them into the Redis
// store exactly once. Run any number of them: `REDIS_URL=redis://127.0.0.1:6379 npm run classify`.
// SIGTERM: stops taking batches, finishes the in-flight ones, then exits.
import type { Server } from 'node:http';
import { createStore } from '../src/aggregate/create-store.ts';
import { createPostClassifier } from '../src/pipeline/classify-post.ts';
import { createQueue, workerQueueConfig } from '../src/queue/create-queue.ts';
import { createClassifyStage } from '../src/live/classify-stage.ts';
import { readLogFormat, readServiceEnv } from '../src/config/service-env.ts';
import { countRedisDataLoss, createServiceMetrics, recordQueueDepth } from '../src/live/service-metrics.ts';
import { onShutdown } from '../src/commands/shutdown.ts';
import { serveWorkerMetrics } from '../src/commands/worker-metrics.ts';
import { enlargeYoungGeneration } from '../src/commands/heap.ts';
import { exitOnFatalError } from '../src/util/error-message.ts';
import { createLog } from '../src/observe/log.ts';
import { RedisMarker, redisMarkerKey } from '../src/aggregate/redis-marker.ts';
import { checkPersistence } from '../src/util/redis-persistence.ts';

enlargeYoungGeneration();

const log = createLog(`classify[${process.pid}]`, readLogFormat());
exitOnFatalError(log);
const env = readServiceEnv();
if (!env.REDIS_URL) {
  log('REDIS_URL is not set: without Redis, `npm start` classifies in its own process and needs no worker');
  process.exit(2);
}

const metrics = createServiceMetrics();
const store = await createStore({ redisUrl: env.REDIS_URL, dataDir: env.DATA_DIR, prefix: env.STORE_PREFIX });
const queue = await createQueue({ ...workerQueueConfig(env), log });
await checkPersistence(env.REDIS_URL, { require: env.REDIS_REQUIRE_PERSISTENCE, warn: log });
const marker = await RedisMarker.open(env.REDIS_URL, { key: redisMarkerKey(env.STORE_PREFIX), log, onLost: countRedisDataLoss(metrics) });
const stage = createClassifyStage({ store, classify: createPostClassifier(), metrics });
let server: Server | undefined;
// Installed before consuming, so a SIGTERM never finds a batch in flight without a handler.
onShutdown(async () => {
  server?.close();
  await queue.close();
  marker.close();
  await store.close();
  log('stopped');
}, log);
await queue.consume(stage, { concurrency: env.CLASSIFY_CONCURRENCY });
log(`consuming queue "${env.QUEUE_NAME}" with concurrency ${env.CLASSIFY_CONCURRENCY}`);

if (env.METRICS_PORT !== undefined) {
  server = await serveWorkerMetrics({
    port: env.METRICS_PORT,
    host: env.HOST,
    metricsText: async () => {
      recordQueueDepth(metrics, await queue.depth());
      return metrics.render();
    },
    log,
  });
}

