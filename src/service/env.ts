// The environment variables the service and its workers read, parsed once with errors that name the variable.
import { z } from 'zod';
import type { QueueConfig } from '../queue/queue.ts';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./var'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  API_KEY: z.string().min(8, 'must be at least 8 characters').optional().or(z.literal('').transform(() => undefined)),
  STORE_PREFIX: z.string().min(1).default('or:'),
  QUEUE_NAME: z.string().min(1).default('posts'),
  QUEUE_PREFIX: z.string().min(1).default('or:bull'),
  CLASSIFY_CONCURRENCY: positiveInt(4),
  BATCH_SIZE: positiveInt(200),
  LATENESS_MS: z.coerce.number().int().min(0).default(120_000),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb').default('1mb'),
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** BullMQ: how long a silent worker keeps its batch, and how often stalled batches are looked for (ms). */
  QUEUE_LOCK_MS: positiveInt(30_000),
  QUEUE_STALLED_MS: positiveInt(30_000),
  /** Least minutes (event time) between two webhook messages about one incident; open and close always go. */
  OUTAGE_RADAR_WEBHOOK_UPDATE_MINUTES: z.coerce.number().min(0).default(15),
  /** Workers: serve /metrics and /healthz on this port when set. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
});

export type ServiceEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

export function readServiceEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k]]));
  const result = envSchema.safeParse(known);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new EnvError(`${name}=${JSON.stringify(env[name] ?? '')}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
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
