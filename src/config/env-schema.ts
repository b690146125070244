// The environment variables shared by more than one part, as one zod schema: the sources' and the
// incident webhooks' settings, the rules they are written with, and the one way they are read (one
// line naming the variable and its rule, never the value of a secret).
import { z } from 'zod';
import { UserError } from '../util/error-message.ts';
import { shownValue } from '../util/redact.ts';

/** A setting given as blanks is not given; others are trimmed. */
const blankIsUnset = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);
export const optionalText = z.preprocess(blankIsUnset, z.string().optional());
const positiveNumber = z.coerce.number({ invalid_type_error: 'must be a positive number' }).positive('must be a positive number');
const optionalPositive = z.preprocess(blankIsUnset, positiveNumber.optional());
const positiveOr = (fallback: number) => z.preprocess(blankIsUnset, positiveNumber.default(fallback));
export const oneOf = <T extends string>(values: readonly [T, ...T[]], fallback: T) =>
  z.preprocess(blankIsUnset, z.enum(values, { errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) }).default(fallback as never));
export const commaList = optionalText.transform((list) => (list ?? '').split(',').map((item) => item.trim()).filter(Boolean));
export const yesNo = optionalText.transform((value) => ['1', 'true', 'yes'].includes((value ?? '').toLowerCase()));

/** The live sources' settings (docs/sources.md); a source runs when its first variable is set. */
export const sourceShape = {
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

/** The incident webhooks' settings (docs/api.md, "Incident webhooks"). */
export const webhookShape = {
  /** Comma-separated http(s) URLs, and the secret that signs their bodies. */
  OUTAGE_RADAR_WEBHOOKS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((url) => url.trim()).filter((url) => url.length > 0))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^\s]+$/i, 'each URL must start with http:// or https://'))),
  OUTAGE_RADAR_WEBHOOK_SECRET: z.string().optional(),
  /** Least minutes (event time) between two webhook messages about one incident; open and close always go. */
  OUTAGE_RADAR_WEBHOOK_UPDATE_MINUTES: z.coerce.number().min(0).default(15),
};

const sourceEnvSchema = z.object(sourceShape);

export type SourceEnv = z.infer<typeof sourceEnvSchema>;
export type WebhookEnv = z.infer<z.ZodObject<typeof webhookShape>>;

export class EnvError extends UserError {
  override name = 'EnvError';
}

/**
 * The variables of `schema`, parsed; an invalid one throws an EnvError naming the variable and its
 * rule. The value is shown only when it is no secret (API_KEY, *_TOKEN, *_SECRET are not; a URL
 * without its password; an item of a list by its place in it).
 */
export function readEnv<S extends z.AnyZodObject>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
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

/** The sources' settings alone. */
export function readSourceEnv(env: NodeJS.ProcessEnv = process.env): SourceEnv {
  return readEnv(sourceEnvSchema, env);
}
