// What the store counted and what the batch analysis reports, in shapes both can give, to compare them.
import type { Bucket } from '../src/model/types.ts';
import type { Report } from '../src/report/schema.ts';

/** Per service x region totals, the shape both the store and the batch report can give. */
export function totalsFromBuckets(buckets: Bucket[]): Map<string, { mentions: number; complaints: number }> {
  const out = new Map<string, { mentions: number; complaints: number }>();
  for (const b of buckets) {
    const key = `${b.service}|${b.region}`;
    const t = out.get(key) ?? { mentions: 0, complaints: 0 };
    t.complaints += b.complaints;
    t.mentions += b.complaints + b.noise.news + b.noise.joke + b.noise.other;
    out.set(key, t);
  }
  return out;
}

export function totalsFromReport(report: Report): Map<string, { mentions: number; complaints: number }> {
  const out = new Map<string, { mentions: number; complaints: number }>();
  for (const s of report.services) for (const r of s.regions) out.set(`${s.id}|${r.region}`, { mentions: r.mentions, complaints: r.complaints });
  return out;
}

/** The GLOBAL complaints per minute of every service: from the store, and from the report's series. */
export function seriesFromBuckets(buckets: Bucket[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of buckets) if (b.complaints > 0) out.set(`${b.service}@${b.start}`, (out.get(`${b.service}@${b.start}`) ?? 0) + b.complaints);
  return out;
}

export function seriesFromReport(report: Report): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of report.services) {
    const start = Date.parse(s.series.start);
    s.series.complaints.forEach((n, i) => {
      if (n > 0) out.set(`${s.id}@${start + i * s.series.bucketMs}`, n);
    });
  }
  return out;
}
