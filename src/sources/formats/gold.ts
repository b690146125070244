// Gold labels carried by evaluation files: `label` and `sentiment` (a name or 0/1/2).
import { z } from 'zod';
import { LABELS, SENTIMENTS, type Post } from '../../model/types.ts';
import { FormatError } from './errors.ts';

/** Sentiment as a name, or as the common 0 = negative, 1 = neutral, 2 = positive encoding. */
const sentimentSchema = z.union([
  z.enum(SENTIMENTS),
  z.union([z.literal(0), z.literal(1), z.literal(2)]).transform((n) => SENTIMENTS[n]),
]);

export const goldSchema = z.object({
  label: z.enum(LABELS).optional(),
  sentiment: sentimentSchema.optional(),
});

export type Gold = NonNullable<Post['gold']>;

/**
 * Gold labels from loose values (CSV cells are strings, '' means absent), or undefined when
 * neither is present. An unknown label or sentiment is a FormatError: an evaluation that
 * silently dropped it would score the wrong thing.
 */
export function goldFromFields(label: unknown, sentiment: unknown): Gold | undefined {
  const loose = { label: blankToUndefined(label), sentiment: digitToNumber(blankToUndefined(sentiment)) };
  if (loose.label === undefined && loose.sentiment === undefined) return undefined;
  const parsed = goldSchema.safeParse(loose);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? 'gold');
    throw new FormatError(`field "${field}" must be one of ${field === 'label' ? LABELS.join('|') : `${SENTIMENTS.join('|')}|0|1|2`}, got ${JSON.stringify(field === 'label' ? label : sentiment)}`);
  }
  const gold: Gold = {};
  if (parsed.data.label) gold.label = parsed.data.label;
  if (parsed.data.sentiment) gold.sentiment = parsed.data.sentiment;
  return gold;
}

function blankToUndefined(value: unknown): unknown {
  return value === null || value === '' ? undefined : typeof value === 'string' ? value.trim().toLowerCase() : value;
}

function digitToNumber(value: unknown): unknown {
  return typeof value === 'string' && /^[0-2]$/.test(value) ? Number(value) : value;
}
