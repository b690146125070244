// The environment variables the service and its workers read, parsed once with errors that name the variable.
import { isIP } from 'node:net';
import { z } from 'zod';
import { SCOPES, type ApiKeyConfig, type Scope } from '../api/auth.ts';
import type { QueueConfig } from '../queue/queue.ts';
import { UserError } from '../util/error-message.ts';
import type { LogFormat } from '../util/log.ts';
import { shownValue } from '../util/redact.ts';

const wholeNumber = 'must be a whole number';
const positiveInt = (fallback: number) => z.coerce.number({ invalid_type_error: wholeNumber }).int(wholeNumber).positive('must be above 0').default(fallback);
const port = () => z.coerce.number({ invalid_type_error: 'must be a port number from 0 to 65535' }).int('must be a port number from 0 to 65535').min(0, 'must be a port number from 0 to 65535').max(65_535, 'must be a port number from 0 to 65535');

/** A setting given as blanks is not given; others are trimmed. */
const blankIsUnset = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);
const optionalText = z.preprocess(blankIsUnset, z.string().optional());
const positiveNumber = z.coerce.number({ invalid_type_error: 'must be a positive number' }).positive('must be a positive number');
const optionalPositive = z.preprocess(blankIsUnset, positiveNumber.optional());
const positiveOr = (fallback: number) => z.preprocess(blankIsUnset, positiveNumber.default(fallback));
const oneOf = <T extends string>(values: readonly [T, ...T[]], fallback: T) =>
  z.preprocess(blankIsUnset, z.enum(values, { errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) }).default(fallback as never));
const commaList = optionalText.transform((list) => (list ?? '').split(',').map((item) => item.trim()).filter(Boolean));
const yesNo = optionalText.transform((value) => ['1', 'true', 'yes'].includes((value ?? '').toLowerCase()));

/** The live sources' settings (docs/sources.md); a source runs when its first variable is set. */
const sourceShape = {
  TWITTER_BEARER_TOKEN: optionalText,
  TWITTER_MODE: oneOf(['search', 'stream', 'both'], 'search'),
  TWITTER_API_URL: optionalText,
  TWITTER_QUERY: optionalText,
  TWITTER_RULE_LENGTH: positiveOr(512),
  TWITTER_MAX_RULES: positiveOr(25),
  TWITTER_POLL_SECONDS: positiveOr(30),
  TWITTER_BACKFILL_MINUTES: optionalPositive,
  MASTODON_URL: optionalText,
  MASTODON_TOKEN: optionalText,
  MASTODON_LOCAL: yesNo,
  MASTODON_HASHTAGS: commaList,
  JETSTREAM_URL: optionalText,
  JETSTREAM_CURSOR: optionalPositive,
  REPLAY_PATHS: commaList,
  /** Times faster than real time, or `max` (the default): as fast as it can. */
  REPLAY_SPEED: z.preprocess(
    (value) => (blankIsUnset(value) === 'max' ? Infinity : blankIsUnset(value)),
    z.coerce.number({ invalid_type_error: 'must be a positive number or max' }).positive('must be a positive number or max').default(Infinity),
  ),
  REPLAY_TIMESTAMPS: oneOf(['original', 'shift', 'wallclock'], 'original'),
};

const sourceEnvSchema = z.object(sourceShape);

const KEY_ENTRY = 'must be comma-separated scope1+scope2:key entries';
/** `ingest+reports:key1,admin:key2`: each key with the scopes it has (docs/api.md, "Security"). */
const apiKeyList = commaList.transform((items, context): ApiKeyConfig[] =>
  items.map((item, index) => {
    const colon = item.indexOf(':');
    const scopes = item.slice(0, Math.max(colon, 0)).split('+');
    const key = item.slice(colon + 1);
    const unknown = scopes.find((scope) => !(SCOPES as readonly string[]).includes(scope));
    if (colon < 0 || unknown !== undefined) {
      // The wrong part is not shown: a key written first would be.
      context.addIssue({ code: 'custom', path: [index], message: `${KEY_ENTRY}, each scope one of ${SCOPES.join(', ')}` });
    } else if (key.length < 8) {
      context.addIssue({ code: 'custom', path: [index], message: 'each key must be at least 8 characters' });
    }
    return { key, scopes: scopes as Scope[] };
  }),
);

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
/** Express's `trust proxy`: true, a number of hops, or addresses / subnets / names of the trusted proxies. */
const trustProxy = optionalText.transform((value, context): boolean | number | string => {
  const text = (value ?? 'false').toLowerCase();
  if (text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const wrong = text.split(',').map((item) => item.trim()).find((item) => !PROXY_NAMES.includes(item) && isIP(item.replace(/\/\d+$/, '')) === 0);
  if (wrong !== undefined) context.addIssue({ code: 'custom', message: `must be true, false, a number of proxies, or proxy addresses/subnets (or ${PROXY_NAMES.join(', ')}), not "${wrong}"` });
  return text;
});

const envSchema = z.object({
  ...sourceShape,
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
  /** Heap cap (MB) of the worker thread a report job runs in; a report that needs more fails alone. */
  REPORT_MEMORY_MB: positiveInt(2048),
  /** BullMQ: how long a silent worker keeps its batch, and how often stalled batches are looked for (ms). */
  QUEUE_LOCK_MS: positiveInt(30_000),
  QUEUE_STALLED_MS: positiveInt(30_000),
  /** Waiting batches above which sources pause and POST /v1/posts answers 503 with Retry-After (docs/reliability.md). */
  QUEUE_MAX_WAITING: positiveInt(1000),
  /** `true`: with Redis, refuse to start when it keeps nothing across a restart (no AOF, no RDB) or cannot say; otherwise warn. */
  REDIS_REQUIRE_PERSISTENCE: yesNo,
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
  /** Keys with scopes, beside API_KEY (which has every scope). */
  API_KEYS: apiKeyList,
  /** Reads need a key with scope `read`; default public. */
  READ_REQUIRES_KEY: yesNo,
  /** Writes (POST) per minute per key or address; RATE_LIMIT_PER_MINUTE is the reads' budget. */
  WRITE_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  TRUST_PROXY: trustProxy,
  /** Origins a browser app may call the API from; `*` for any. */
  CORS_ORIGINS: commaList,
  /** `text`: a line per message; `json`: one JSON object per line. */
  LOG_FORMAT: oneOf(['text', 'json'], 'text'),
});

export type ServiceEnv = z.infer<typeof envSchema>;
export type SourceEnv = z.infer<typeof sourceEnvSchema>;

export class EnvError extends UserError {
  override name = 'EnvError';
}

/**
 * The settings, parsed; an invalid one throws an EnvError naming the variable and its rule. The value
 * is shown only when it is no secret (API_KEY, *_TOKEN, *_SECRET are not; a URL without its password).
 */
export function readServiceEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  return readEnv(envSchema, env);
}

/**
 * LOG_FORMAT alone, for the log a process needs before it reads (and may fail on) the rest of the
 * settings; an invalid value is `text` here and the error of readServiceEnv later.
 */
export function readLogFormat(env: NodeJS.ProcessEnv = process.env): LogFormat {
  const format = envSchema.shape.LOG_FORMAT.safeParse(env.LOG_FORMAT);
  return format.success && format.data === 'json' ? 'json' : 'text';
}

/** The sources' part of the settings alone, with the same rules and errors. */
export function readSourceEnv(env: NodeJS.ProcessEnv = process.env): SourceEnv {
  return readEnv(sourceEnvSchema, env);
}

function readEnv<S extends z.AnyZodObject>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const known = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k]]));
  const result = schema.safeParse(known);
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
