// Ground truth of generated samples: the incidents a detector should find, and nothing else.

export interface TruthIncident {
  service: string;
  /** ISO 3166-1 alpha-2 codes of the countries where it is felt. */
  regions: string[];
  /** ISO time the complaints start rising. */
  riseStart: string;
  /** ISO time the service is back. */
  end: string;
  /** Expected complaints an hour (all regions) at the peak. */
  complaintsPerHourAtPeak: number;
}

/** After the service is back, complaints trail off for up to this long (the generator's fall and decay). */
export const COMPLAINT_TAIL_MS = 60 * 60_000;

/** The bucket starts at which the outage is under way: from the bucket holding its rise start, up to its end (epoch ms, `to` excluded). */
export function outageBuckets(truth: TruthIncident, bucketMs: number): { from: number; to: number } {
  return { from: Math.floor(Date.parse(truth.riseStart) / bucketMs) * bucketMs, to: Date.parse(truth.end) };
}
