// The shapes requests must have, parsed once at the edge into typed values (zod); /openapi.json is derived from them.
import { datetimeRegex } from 'zod';
import { z } from 'zod/v4';
import type { Post } from '../model/types.ts';
import { MAX_POST_TEXT_CHARS } from '../text/cap.ts';

/** ISO 8601 time or epoch milliseconds, as epoch milliseconds. */
const instant = z
  .string()
  .trim()
  .min(1, { message: 'must be an ISO 8601 time or epoch milliseconds', abort: true })
  .transform((value, ctx) => {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isFinite(ms)) {
      ctx.issues.push({ code: 'custom', input: value, message: `"${value}" is not an ISO 8601 time or epoch milliseconds` });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ description: 'ISO 8601 time or epoch milliseconds' });

const region = z
  .string()
  .trim()
  .regex(/^([A-Za-z]{2}|GLOBAL|global)$/, { message: 'must be an ISO 3166-1 alpha-2 country code, ZZ or GLOBAL', abort: true })
  .transform((r) => r.toUpperCase())
  .meta({ description: 'ISO 3166-1 alpha-2 country code, ZZ (unknown) or GLOBAL (all regions summed)' });

/** Point width: `<n>m` or `<n>h`, from one minute to one day. */
const bucket = z
  .string()
  .trim()
  .regex(/^\d+[mh]$/, { message: 'must look like 1m, 5m, 15m or 1h', abort: true })
  .transform((value) => Number(value.slice(0, -1)) * (value.endsWith('h') ? 3_600_000 : 60_000))
  .refine((ms) => ms >= 60_000 && ms <= 86_400_000, 'must be between 1m and 24h')
  .meta({ description: 'Point width: 1m..24h, a multiple of the minute bucket', example: '5m' });

const inOrder = ({ from, to }: { from?: number; to?: number }) => from === undefined || to === undefined || from < to;

function timeRange<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      from: instant.optional().meta({ description: 'ISO 8601 time or epoch milliseconds; default: six hours before `to` on a signal' }),
      to: instant.optional().meta({ description: 'ISO 8601 time or epoch milliseconds, exclusive; default: the end of the latest closed minute' }),
      ...shape,
    })
    .strict()
    .refine((q) => inOrder(q as { from?: number; to?: number }), {
      message: 'must be before to',
      path: ['from'],
    });
}

export const outagesQuery = z.object({ threshold: z.coerce.number().min(0).max(1).default(0.5) }).strict();

export const signalQuery = timeRange({
  region: region.default('GLOBAL'),
  bucket: bucket.prefault('1m'),
});

export const incidentsQuery = timeRange({ service: z.string().trim().min(1).optional().meta({ description: 'A service id of /v1/services' }) });

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const deliveriesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    status: z.enum(DELIVERY_STATUSES).optional(),
  })
  .strict();

/** GET /v1/deadletters: bounded, so an answer stays small however many batches failed. */
export const deadLettersQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();

export const serviceParams = z.object({ id: z.string().trim().min(1).max(100).meta({ description: 'Service id from /v1/services' }) });

const classifyItem = z
  .object({
    text: z.string().min(1, 'must not be empty').max(MAX_POST_TEXT_CHARS),
    lang: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639-1 code such as "en"').optional(),
  })
  .strict();

const classifyMany = z.object({ posts: z.array(classifyItem).min(1, 'must hold at least one post').max(1000) }).strict();

/** What POST /v1/classify takes, as documented; classifyBodyFor picks the branch that names the right field. */
export const classifyBody = z.union([classifyMany, classifyItem]);

/** `{posts: [{text, lang?}]}` or one `{text, lang?}`, chosen by the presence of `posts` so that errors name the right field. */
export function classifyBodyFor(body: unknown) {
  const many = typeof body === 'object' && body !== null && 'posts' in body;
  return many ? classifyMany.transform((b) => b.posts) : classifyItem.transform((item) => [item]);
}

export const MAX_POSTS_PER_REQUEST = 5000;

// zod 3's rule, which takes offsets without a colon (+0200) as senders write them; zod 4's does not.
const isoTime = z
  .string()
  .regex(datetimeRegex({ offset: true }), { message: 'Invalid datetime', abort: true })
  .transform((t) => new Date(t).toISOString())
  .meta({ format: 'date-time' });

/** One pushed post: the project's own Post shape; `source` defaults to "api". */
export const postSchema: z.ZodType<Post, unknown> = z
  .object({
    id: z.string().trim().min(1).max(200),
    source: z.string().trim().min(1).max(50).default('api'),
    text: z.string().min(1).max(MAX_POST_TEXT_CHARS),
    createdAt: isoTime,
    lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
    author: z
      .object({
        id: z.string().min(1).max(200),
        location: z.string().max(500).optional(),
        followers: z.number().int().nonnegative().optional(),
        timezone: z.string().max(100).optional(),
      })
      .optional(),
    place: z.object({ countryCode: z.string().regex(/^[A-Za-z]{2}$/).optional(), name: z.string().max(200).optional() }).optional(),
    geo: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
    url: z.string().url().optional(),
  })
  .strip();

const postsOf = <T extends z.ZodType>(post: T) =>
  z.object({ posts: z.array(post).min(1, 'must hold at least one post').max(MAX_POSTS_PER_REQUEST) }).strict();

/** The envelope of POST /v1/posts: its items are parsed one by one (postSchema), so that one bad post rejects only itself. */
export const postsBody = postsOf(z.unknown());

/** POST /v1/posts as documented: the envelope with its items' shape. */
export const postsBodyDocumented = postsOf(postSchema);

/** Archive paths relative to the data directory; traversal is rejected again after resolving. */
export const reportBody = z
  .object({
    path: z.union([z.string().min(1).max(500), z.array(z.string().min(1).max(500)).min(1).max(50)]),
  })
  .strict()
  .transform((b) => ({ paths: Array.isArray(b.path) ? b.path : [b.path] }));

export const reportParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a report id') });
