// The project's own Post JSON shape (what `ingest`/`analyse` write and read back).
import { z } from 'zod';
import type { Post } from '../../model/types.ts';
import { FormatError } from './errors.ts';
import { goldSchema } from './gold.ts';
import { normaliseLang } from './lang.ts';
import { toIsoTime } from './time.ts';

const optionalText = z.string().optional();

export const postSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  text: z.string(),
  createdAt: z.union([z.string(), z.number()]),
  lang: optionalText,
  author: z
    .object({ id: z.string().min(1), location: optionalText, followers: z.number().optional(), timezone: optionalText })
    .optional(),
  place: z.object({ countryCode: optionalText, name: optionalText }).optional(),
  geo: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  url: optionalText,
  gold: goldSchema.optional(),
});

/** True when a JSON object has the fields that mark the project's own shape. */
export function isProjectPost(obj: Record<string, unknown>): boolean {
  return typeof obj.source === 'string' && 'createdAt' in obj && 'id' in obj;
}

/** A project Post from untrusted JSON: unknown keys dropped, time normalised to ISO UTC, lang normalised. */
export function parseProjectPost(value: unknown): Post {
  const parsed = postSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FormatError(`field "${issue.path.join('.') || 'post'}": ${issue.message}`);
  }
  const { lang, createdAt, ...rest } = parsed.data;
  const post: Post = { ...rest, createdAt: toIsoTime(createdAt, 'createdAt') };
  const normalised = normaliseLang(lang);
  if (normalised) post.lang = normalised;
  return post;
}
