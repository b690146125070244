// The environment variables the service and its workers read, parsed once with errors that name the variable.
import { isIP } from 'node:net';
import { z } from 'zod';
import { SCOPES, type ApiKeyConfig, type Scope } from '../model/access.ts';
import type { LogFormat } from '../observe/log.ts';
import { commaList, EnvError, oneOf, optionalText, readEnv, sourceShape, webhookShape, yesNo } from './env-schema.ts';

const wholeNumber = 'must be a whole number';
const positiveInt = (fallback: number) => z.coerce.number({ invalid_type_error: wholeNumber }).int(wholeNumber).positive('must be above 0').default(fallback);
const port = () => z.coerce.number({ invalid_type_error: 'must be a port number from 0 to 65535' }).int('must be a port number from 0 to 65535').min(0, 'must be a port number from 0 to 65535').max(65_535, 'must be a port number from 0 to 65535');

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
  /** Workers: serve /metrics and /healthz on this port when set. */
  METRICS_PORT: port().optional(),
  ...webhookShape,
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

export { EnvError };

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
