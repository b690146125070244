// The environment variables the service and its workers read, parsed once with errors that name the variable.
import { z } from 'zod';
import type { QueueConfig } from '../queue/queue.ts';
import { UserError } from '../util/error-message.ts';
import { shownValue } from '../util/redact.ts';

const wholeNumber = 'must be a whole number';
const positiveInt = (fallback: number) => z.coerce.number({ invalid_type_error: wholeNumber }).int(wholeNumber).positive('must be above 0').default(fallback);
const port = () => z.coerce.number({ invalid_type_error: 'must be a port number from 0 to 65535' }).int('must be a port number from 0 to 65535').min(0, 'must be a port number from 0 to 65535').max(65_535, 'must be a port number from 0 to 65535');

const envSchema = z.object({
  PORT: port().default(8080),
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
  LATENESS_MS: z.coerce.number({ invalid_type_error: wholeNumber }).int(wholeNumber).min(0, 'must be 0 or more').default(120_000),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb').default('1mb'),
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** BullMQ: how long a silent worker keeps its batch, and how often stalled batches are looked for (ms). */
  QUEUE_LOCK_MS: positiveInt(30_000),
  QUEUE_STALLED_MS: positiveInt(30_000),
  /** Least minutes (event time) between two webhook messages about one incident; open and close always go. */
  OUTAGE_RADAR_WEBHOOK_UPDATE_MINUTES: z.coerce.number().min(0).default(15),
  /** Workers: serve /metrics and /healthz on this port when set. */
  METRICS_PORT: port().optional(),
  /** Incident webhooks: comma-separated http(s) URLs, and the secret that signs their bodies. */
  OUTAGE_RADAR_WEBHOOKS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((url) => url.trim()).filter((url) => url.length > 0))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^\s]+$/i, 'each URL must start with http:// or https://'))),
  OUTAGE_RADAR_WEBHOOK_SECRET: z.string().optional(),
});

export type ServiceEnv = z.infer<typeof envSchema>;

export class EnvError extends UserError {
  override name = 'EnvError';
}

/**
 * The settings, parsed; an invalid one throws an EnvError naming the variable and its rule. The value
 * is shown only when it is no secret (API_KEY, *_TOKEN, *_SECRET are not; a URL without its password).
 */
export function readServiceEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k]]));
  const result = envSchema.safeParse(known);
  if (!result.success) {
    const issue = result.error.issues[0];
    const [name = 'environment', ...where] = (issue?.path ?? []).map(String);
    const shown = shownValue(name, env[name] ?? '');
    const item = where.length > 0 ? ` (item ${Number(where[0]) + 1})` : '';
    throw new EnvError(`${name}${shown === undefined ? '' : `=${shown}`}${item}: ${issue?.message ?? 'invalid'}`);
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
