import { FormatError } from './errors.ts';
import { describe } from './fields.ts';

// Epoch numbers below this are seconds, below MICROS_FROM milliseconds, above it microseconds
// (Jetstream's time_us). 1e11 s is the year 5138; 1e11 ms is 1973.
const MILLIS_FROM = 1e11;
const MICROS_FROM = 1e14;
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * Event time as ISO 8601 UTC. Accepts ISO strings, Twitter's v1.1 format
 * ("Wed Oct 10 20:19:24 +0000 2018") and epoch seconds, milliseconds or microseconds,
 * as numbers or digit strings.
 */
export function toIsoTime(value: unknown, field: string): string {
  // Already canonical (what the project itself writes): checked, not re-formatted.
  if (typeof value === 'string' && CANONICAL.test(value) && !Number.isNaN(Date.parse(value))) return value;
  let date: Date;
  if (value === undefined || value === null || value === '') throw new FormatError(`field "${field}" is missing`);
  if (typeof value === 'number') date = fromEpoch(value);
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) date = fromEpoch(Number(value));
  else if (typeof value === 'string') date = new Date(value);
  else throw new FormatError(`field "${field}" must be a timestamp, got ${describe(value)}`);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new FormatError(`field "${field}" is not a valid date: ${describe(value)}`);
  return date.toISOString();
}

function fromEpoch(n: number): Date {
  if (n >= MICROS_FROM) return new Date(n / 1000);
  return new Date(n >= MILLIS_FROM ? n : n * 1000);
}
