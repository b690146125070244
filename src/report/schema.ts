// The JSON report of a batch analysis: the schema that docs/report.md describes and tests validate.
import { z } from 'zod';
import { LABELS, SENTIMENTS } from '../model/types.ts';
import { GLOBAL_REGION } from '../model/constants.ts';

const isoTime = z.string().datetime({ offset: true });
const count = z.number().int().nonnegative();
const unit = z.number().min(0).max(1);
const counts = z.record(z.string(), count);

export const malformedExampleSchema = z.object({
  file: z.string(),
  line: count,
  reason: z.string(),
});

/** A post left out for its time: where it is, the time it claims, and why that time is implausible. */
export const outOfRangeExampleSchema = z.object({
  file: z.string(),
  line: count,
  createdAt: z.string(),
  reason: z.string(),
});

export const fileStatsSchema = z.object({
  path: z.string(),
  lines: count,
  posts: count,
  malformed: count,
  duplicates: count,
});

export const inputStatsSchema = z.object({
  files: z.array(fileStatsSchema),
  lines: count,
  parsed: count,
  malformed: count,
  duplicates: count,
  /**
   * Parsed posts outside the requested time range, at an impossible time, or far from the bulk of the
   * posts (see src/batch/event-range.ts): parsed = analysed + outOfRange.
   */
  outOfRange: count,
  /** Posts in range that were classified and counted. */
  analysed: count,
  /** Analysed posts that name at least one (selected) service. */
  withService: count,
  malformedExamples: z.array(malformedExampleSchema),
  /** The first posts, in reading order, left out for an implausible time (not those outside --from/--to). */
  outOfRangeExamples: z.array(outOfRangeExampleSchema),
  languages: counts,
  labels: z.object(Object.fromEntries(LABELS.map((l) => [l, count])) as Record<(typeof LABELS)[number], typeof count>),
  regionSources: counts,
});

/** A region's own episode within a service's incident. */
export const regionEpisodeSchema = z.object({
  region: z.string(),
  start: isoTime,
  peak: isoTime,
  end: isoTime.optional(),
  peakConfidence: unit,
  complaints: count,
});

/** One outage of one service: `region` is always 'GLOBAL', its regions' episodes are in `episodes`. */
export const incidentSchema = z.object({
  id: z.string(),
  service: z.string(),
  region: z.literal(GLOBAL_REGION),
  start: isoTime,
  peak: isoTime,
  end: isoTime.optional(),
  peakConfidence: unit,
  complaints: count,
  regions: z.array(z.string()),
  languages: z.array(z.string()),
  topSymptoms: z.array(z.string()),
  examplePostIds: z.array(z.string()),
  episodes: z.array(regionEpisodeSchema),
});

export const seriesSchema = z.object({
  /** ISO time of the first bucket; bucket i starts at start + i * bucketMs. */
  start: isoTime,
  bucketMs: z.number().int().positive(),
  complaints: z.array(count),
  baseline: z.array(z.number().nonnegative()),
  confidence: z.array(unit),
  /** Share of negative-sentiment posts among the service's mentions in the bucket (0 when none). */
  negativeShare: z.array(unit),
});

export const complaintExampleSchema = z.object({
  postId: z.string(),
  source: z.string(),
  createdAt: z.string(),
  text: z.string(),
  lang: z.string(),
  region: z.string(),
  /** P(complaint) the classifier gave. */
  score: unit,
  symptoms: z.array(z.string()),
  /** The features that decided the verdict, most important first. */
  why: z.array(z.string()),
});

/** The labels other than complaint, each with a few example posts in a service's `labelExamples`. */
export const NON_COMPLAINT_LABELS = ['news', 'joke', 'other'] as const;

/**
 * A few posts of each other label (at most 3), the least complaint-like first (lowest P(complaint),
 * ties by post id), in the same form as the complaint examples: `score` is still P(complaint).
 */
export const labelExamplesSchema = z.object(
  Object.fromEntries(NON_COMPLAINT_LABELS.map((l) => [l, z.array(complaintExampleSchema)])) as Record<(typeof NON_COMPLAINT_LABELS)[number], z.ZodArray<typeof complaintExampleSchema>>,
);

/** Complaints per bucket that name one symptom, aligned with the service's `series`. */
export const symptomSeriesSchema = z.object({
  symptom: z.string(),
  counts: z.array(count),
});

export const serviceReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  totals: z.object({
    mentions: count,
    ...(Object.fromEntries(LABELS.map((l) => [l, count])) as Record<(typeof LABELS)[number], typeof count>),
  }),
  sentiment: z.object(
    Object.fromEntries(SENTIMENTS.map((s) => [s, count])) as Record<(typeof SENTIMENTS)[number], typeof count>,
  ),
  regions: z.array(
    z.object({
      region: z.string(),
      mentions: count,
      complaints: count,
      distinctAuthors: count,
      peakConfidence: unit,
    }),
  ),
  topSymptoms: z.array(z.object({ symptom: z.string(), count })),
  /** The service's most confident complaints, with the features that decided them. */
  examples: z.array(complaintExampleSchema),
  /** Example news, jokes and other posts; absent in reports written before it was added. */
  labelExamples: labelExamplesSchema.optional(),
  /** The service's series summed over all regions, with the detector's GLOBAL confidence. */
  series: seriesSchema,
  /**
   * Only for services with an incident: its top symptoms (as `topSymptoms`) per bucket, the rise of
   * each during the outage. Kept to those services because a series per symptom per minute for every
   * service would double the report.
   */
  symptomSeries: z.array(symptomSeriesSchema).optional(),
  incidents: z.array(incidentSchema),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: isoTime,
  params: z.object({
    inputs: z.array(z.string()),
    from: isoTime.optional(),
    to: isoTime.optional(),
    services: z.array(z.string()).optional(),
    bucketMs: z.number().int().positive(),
  }),
  input: inputStatsSchema,
  timing: z.object({
    seconds: z.number().nonnegative(),
    postsPerSecond: z.number().nonnegative(),
    /** Where the seconds went: reading, classifying and counting the posts; then detecting and reporting. */
    phases: z.object({ reading: z.number().nonnegative(), detection: z.number().nonnegative() }).optional(),
  }),
  /** Services with at least one mention, most complaints first. */
  services: z.array(serviceReportSchema),
  /** Every incident of every service (one per service and outage), by start time. */
  incidents: z.array(incidentSchema),
});

export type Report = z.infer<typeof reportSchema>;
export type ServiceReport = z.infer<typeof serviceReportSchema>;
export type InputStats = z.infer<typeof inputStatsSchema>;
export type ComplaintExample = z.infer<typeof complaintExampleSchema>;
export type LabelExamples = z.infer<typeof labelExamplesSchema>;
export type SymptomSeries = z.infer<typeof symptomSeriesSchema>;
export type FileStats = z.infer<typeof fileStatsSchema>;
export type OutOfRangeExample = z.infer<typeof outOfRangeExampleSchema>;
