// Buckets for detector tests: `complaints` complaints by as many authors, a third as much other noise.
import type { Bucket } from '../src/model/types.ts';

export function bucket(service: string, region: string, start: number, complaints: number, extra: Partial<Bucket> = {}): Bucket {
  return {
    service,
    region,
    start,
    complaints,
    noise: { news: 0, joke: 0, other: Math.round(complaints * 0.3) },
    negative: Math.round(complaints * 0.7),
    authors: complaints,
    languages: complaints > 0 ? { en: complaints } : {},
    symptoms: complaints > 0 ? { login: Math.ceil(complaints / 2) } : {},
    ...extra,
  };
}
