// The queue a process uses: in-process, or BullMQ when a Redis URL is configured.
import type { ServiceEnv } from '../config/service-env.ts';
import type { PostQueue, QueueConfig } from './queue.ts';

/** The in-process queue, or BullMQ when a Redis URL is configured. */
export async function createQueue(config: QueueConfig = {}): Promise<PostQueue> {
  if (config.redisUrl) {
    const { BullmqQueue } = await import('./bullmq-queue.ts');
    return BullmqQueue.connect({ ...config, redisUrl: config.redisUrl });
  }
  const { InProcessQueue } = await import('./in-process-queue.ts');
  return new InProcessQueue(config);
}

/** The queue a worker process connects to, as the environment names it. */
export function workerQueueConfig(env: ServiceEnv): QueueConfig {
  return {
    redisUrl: env.REDIS_URL,
    name: env.QUEUE_NAME,
    prefix: env.QUEUE_PREFIX,
    lockDurationMs: env.QUEUE_LOCK_MS,
    stalledIntervalMs: env.QUEUE_STALLED_MS,
  };
}
