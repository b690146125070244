// The default PostQueue: batches stay in this process (not durable), with the same retry and dead-letter rules as BullMQ.
import { randomUUID } from 'node:crypto';
import type { Post } from '../model/types.ts';
import { backoffDelay } from '../util/backoff.ts';
import { errorMessage } from '../util/error-message.ts';
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

interface Job {
  id: string;
  posts: Post[];
  /** Deliveries so far. */
  attempts: number;
}

interface Consumer {
  handler: BatchHandler;
  concurrency: number;
  active: number;
}

export class InProcessQueue implements PostQueue {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly waiting: Job[] = [];
  private waitingHead = 0;
  private readonly retrying = new Map<string, NodeJS.Timeout>();
  private readonly dead: DeadLetter[] = [];
  private readonly consumers: Consumer[] = [];
  private readonly running = new Set<Promise<void>>();
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(config: Pick<QueueConfig, 'maxAttempts' | 'backoffMs'> = {}) {
    this.maxAttempts = config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffMs = config.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  async publish(batch: Post[]): Promise<void> {
    if (this.closed) throw new Error('cannot publish: the in-process queue is closed');
    if (batch.length === 0) return;
    this.waiting.push({ id: randomUUID(), posts: batch, attempts: 0 });
    this.dispatch();
  }

  async consume(handler: BatchHandler, options: ConsumeOptions = {}): Promise<void> {
    if (this.closed) throw new Error('cannot consume: the in-process queue is closed');
    this.consumers.push({ handler, concurrency: Math.max(1, options.concurrency ?? 1), active: 0 });
    this.dispatch();
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.dead.slice(-limit).reverse();
  }

  async depth(): Promise<QueueDepth> {
    return {
      waiting: this.waiting.length - this.waitingHead,
      active: this.running.size,
      failed: this.retrying.size,
      deadLettered: this.dead.length,
    };
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retrying.values()) clearTimeout(timer);
    this.retrying.clear();
    while (this.running.size > 0) await Promise.all(this.running);
    this.notifyIfIdle();
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const consumer of this.consumers) {
      while (consumer.active < consumer.concurrency && this.waitingHead < this.waiting.length) {
        const job = this.waiting[this.waitingHead++];
        this.compactWaiting();
        const run = this.run(consumer, job).finally(() => {
          this.running.delete(run);
          consumer.active--;
          this.dispatch();
          this.notifyIfIdle();
        });
        consumer.active++;
        this.running.add(run);
      }
    }
  }

  private async run(consumer: Consumer, job: Job): Promise<void> {
    job.attempts++;
    try {
      await consumer.handler(job.posts, { id: job.id, attempt: job.attempts, final: job.attempts >= this.maxAttempts });
    } catch (error) {
      this.fail(job, error);
    }
  }

  private fail(job: Job, error: unknown): void {
    // After close no retry will run: the batch stays visible as a dead letter instead of vanishing.
    if (job.attempts >= this.maxAttempts || this.closed) {
      this.dead.push({ id: job.id, posts: job.posts.length, error: errorMessage(error), attempts: job.attempts, failedAt: new Date().toISOString() });
      return;
    }
    // As BullMQ's exponential backoff does it: backoffMs * 2^(attempts - 1), neither capped nor jittered.
    const timer = setTimeout(() => {
      this.retrying.delete(job.id);
      this.waiting.push(job);
      this.dispatch();
    }, backoffDelay(job.attempts - 1, { initialMs: this.backoffMs, maxMs: Infinity, jitter: 0 }));
    this.retrying.set(job.id, timer);
  }

  /** Drops consumed slots from the front now and then, so the array does not grow forever. */
  private compactWaiting(): void {
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
  }

  private isIdle(): boolean {
    return this.waitingHead === this.waiting.length && this.running.size === 0 && this.retrying.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle() && !this.closed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
