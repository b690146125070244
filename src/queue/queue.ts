// The PostQueue: batches of posts travel from sources to the classify workers, with retries and dead letters.
import type { Post } from '../model/types.ts';

/** What a handler knows about the job it runs. */
export interface BatchJob {
  /** Unique per batch and the same on every delivery of it: use it as the counting owner (`countBatch`). */
  id: string;
  /** 1 on the first delivery. */
  attempt: number;
  /** True when no retry follows if this delivery fails: the batch then dead-letters. */
  final: boolean;
}

/** Processes one batch; throwing makes the batch retry with backoff, until it dead-letters. */
export type BatchHandler = (batch: Post[], job: BatchJob) => Promise<void>;

export interface ConsumeOptions {
  /** Batches processed at once by this consumer. Default 1. */
  concurrency?: number;
}

/** A batch that failed all its attempts, kept with its last error. */
export interface DeadLetter {
  id: string;
  /** Posts in the batch. */
  posts: number;
  error: string;
  attempts: number;
  /** ISO time of the last failure. */
  failedAt: string;
}

export interface QueueDepth {
  waiting: number;
  active: number;
  /** Batches whose last attempt failed and that wait for their retry. */
  failed: number;
  /** Batches out of attempts. */
  deadLettered: number;
}

export interface PostQueue {
  /** Posts travel in batches: one job per batch. */
  publish(batch: Post[]): Promise<void>;
  /** Starts processing; resolves once the consumer runs. */
  consume(handler: BatchHandler, options?: ConsumeOptions): Promise<void>;
  /** Most recent dead letters first. Default limit 100. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  depth(): Promise<QueueDepth>;
  /** Resolves when no batch waits, runs or waits for a retry. */
  idle(): Promise<void>;
  /** Graceful: stops taking batches and lets the in-flight ones finish. */
  close(): Promise<void>;
}

export interface QueueConfig {
  /** When set, BullMQ on this Redis carries the batches; otherwise they stay in this process. */
  redisUrl?: string;
  /** Queue name. Default `posts`. */
  name?: string;
  /** Redis key prefix of BullMQ. Default `or:bull`. */
  prefix?: string;
  /** Deliveries of a batch before it dead-letters. Default 5. */
  maxAttempts?: number;
  /** First retry delay (ms); each further retry waits twice as long. Default 1000. */
  backoffMs?: number;
  /** How long a BullMQ worker may go silent before its batch is handed to another worker (ms). Default 30000. */
  lockDurationMs?: number;
  /** How often BullMQ workers look for batches of silent workers (ms). Default 30000. */
  stalledIntervalMs?: number;
  /** Where BullMQ workers tell of connection errors and stalled batches. Default: stderr. */
  log?: (message: string) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
/** Waiting batches above which sources pause and the ingest route turns posts away (env QUEUE_MAX_WAITING). */
export const DEFAULT_MAX_WAITING = 1000;
