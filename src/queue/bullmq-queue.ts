// The PostQueue on Redis with BullMQ: durable batches, retries with exponential backoff, failed set as dead letters.
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Post } from '../model/types.ts';
import { connectRedis } from '../util/connect-redis.ts';
import {
  DEFAULT_BACKOFF_MS,
  DEFAULT_MAX_ATTEMPTS,
  type BatchHandler,
  type ConsumeOptions,
  type DeadLetter,
  type PostQueue,
  type QueueConfig,
  type QueueDepth,
} from './queue.ts';

/** A job's data: an object, not a bare array, so fields can be added later without a migration. */
interface BatchData {
  posts: Post[];
}

const JOB_NAME = 'batch';
const IDLE_POLL_MS = 50;

/**
 * Dead letters are BullMQ's own failed set (`removeOnFail: false`): BullMQ moves a job there in the
 * same Lua step that records its last error, so no crash can lose a dead letter between two queues.
 */
export class BullmqQueue implements PostQueue {
  private readonly workers: Worker<BatchData>[] = [];
  private readonly workerConnections: Redis[] = [];

  private constructor(
    private readonly config: QueueConfig & { redisUrl: string },
    private readonly connection: Redis,
    private readonly queue: Queue<BatchData>,
  ) {}

  static async connect(config: QueueConfig & { redisUrl: string }): Promise<BullmqQueue> {
    const connection = await connectRedis(config.redisUrl, 'the queue', { maxRetriesPerRequest: null });
    const queue = new Queue<BatchData>(config.name ?? 'posts', {
      connection,
      prefix: config.prefix ?? 'or:bull',
      defaultJobOptions: {
        attempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        // BullMQ's built-in exponential (delay * 2^(attempts - 1)), which util/backoff.ts's backoffDelay gives the
        // in-process queue: a custom strategy would fail jobs taken by a worker of an older release during a rollout.
        backoff: { type: 'exponential', delay: config.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete: true,
        removeOnFail: false,
      },
    });
    await queue.waitUntilReady();
    return new BullmqQueue(config, connection, queue);
  }

  async publish(batch: Post[]): Promise<void> {
    if (batch.length === 0) return;
    // Our own unique id: BullMQ's counter restarts when a queue is obliterated, and the id is the counting owner.
    await this.queue.add(JOB_NAME, { posts: batch }, { jobId: randomUUID() });
  }

  async consume(handler: BatchHandler, options: ConsumeOptions = {}): Promise<void> {
    const connection = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnections.push(connection);
    const worker = new Worker<BatchData>(
      this.queue.name,
      (job: Job<BatchData>) => handler(job.data.posts, { id: jobId(job), attempt: job.attemptsMade + 1, final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
      {
        connection,
        prefix: this.queue.opts.prefix,
        concurrency: Math.max(1, options.concurrency ?? 1),
        lockDuration: this.config.lockDurationMs ?? 30_000,
        stalledInterval: this.config.stalledIntervalMs ?? 30_000,
      },
    );
    const log = this.config.log ?? ((message: string) => process.stderr.write(`outage-radar: ${message}\n`));
    // Job failures are expected (they retry); an 'error' listener keeps connection trouble from crashing the process.
    worker.on('error', (error) => log(`queue worker error: ${error.message}`));
    // Without this a stalled batch looks active for up to lock + stalled interval (measured 35-49 s) with nothing said.
    worker.on('stalled', (id) => log(`queue batch ${id} stalled: its worker went silent for longer than QUEUE_LOCK_MS; it is delivered again`));
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: jobId(job),
      posts: job.data.posts.length,
      error: job.failedReason,
      attempts: job.attemptsMade,
      failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
    }));
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      failed: counts.delayed ?? 0,
      deadLettered: counts.failed ?? 0,
    };
  }

  async idle(): Promise<void> {
    for (;;) {
      const depth = await this.depth();
      if (depth.waiting === 0 && depth.active === 0 && depth.failed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  }

  async close(): Promise<void> {
    // Worker.close() waits for the jobs in flight; jobs not yet taken stay in Redis for the next worker.
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.queue.close();
    await Promise.all([this.connection, ...this.workerConnections].map((connection) => connection.quit()));
  }
}

function jobId(job: Job<BatchData>): string {
  if (job.id === undefined) throw new Error(`BullMQ job "${job.name}" has no id`);
  return job.id;
}
