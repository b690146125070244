// Constants every layer shares: time units, the default bucket, the region of a service's sums.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The default bucket of the aggregation and the detector: one minute. */
export const DEFAULT_BUCKET_MS = MINUTE_MS;

/** The region of a service's sums over all regions; reserved for the detector, no post is placed there. */
export const GLOBAL_REGION = 'GLOBAL';
