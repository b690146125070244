// One service x region x bucket cell of the Aggregator, kept small: a batch analysis holds ~200k of
// them per 1M posts. Counts are plain fields; what describes complaints (authors, texts, languages,
// symptoms, examples) exists only once the cell has a complaint, and grows from a single value to an
// exact-size array to a Set, so that the many cells of one or two complaints cost ~300 bytes, not the
// ~1.2 KB of a Tally (two Sets and two dictionary objects even when empty).
import type { Label } from '../model/types.ts';
import type { BucketDelta } from './tally.ts';

/** Distinct values: one alone, a few in an exact-size array, then a Set. */
type Distinct<T> = T | T[] | Set<T>;

/** Values up to which a distinct list stays an array searched end to end. */
const ARRAY_LIMIT = 8;

/** A counter as [key, count, key, count, ...], in the order the keys came. */
type FlatCounter = (string | number)[];

export class CompactBucket {
  complaints = 0;
  news = 0;
  joke = 0;
  other = 0;
  negative = 0;
  private authors: Distinct<string> | undefined = undefined;
  private texts: Distinct<number> | undefined = undefined;
  private languages: FlatCounter | undefined = undefined;
  private symptoms: FlatCounter | undefined = undefined;
  private examples: string[] | undefined = undefined;

  constructor(
    readonly service: string,
    readonly region: string,
    readonly start: number,
  ) {}

  addNoise(label: Exclude<Label, 'complaint'>): void {
    this[label]++;
  }

  /** Counts one complaint; `textHash` is `complaintTextHash` of the post, `postId` an example while fewer than `maxExamples`. */
  addComplaint(author: string, textHash: number, lang: string, symptoms: readonly string[], postId: string, maxExamples: number): void {
    this.complaints++;
    this.authors = addDistinct(this.authors, author);
    this.texts = addDistinct(this.texts, textHash);
    this.languages = addCount(this.languages, lang);
    for (const symptom of symptoms) this.symptoms = addCount(this.symptoms, symptom);
    const examples = this.examples;
    if (examples === undefined) {
      if (maxExamples > 0) this.examples = [postId];
    } else if (examples.length < maxExamples) {
      this.examples = [...examples, postId];
    }
  }

  /** The cell as a delta, exactly as a Tally of the same posts would snapshot it (`snapshotDelta`). */
  toDelta(): BucketDelta {
    const delta = {
      service: this.service,
      region: this.region,
      start: this.start,
      complaints: this.complaints,
      noise: { news: this.news, joke: this.joke, other: this.other },
      negative: this.negative,
      authors: distinctSize(this.authors),
      languages: counterObject(this.languages),
      symptoms: counterObject(this.symptoms),
      examplePostIds: this.examples ? this.examples.slice() : [],
    } as BucketDelta;
    if (this.texts !== undefined) delta.textKeys = distinctValues(this.texts).map((hash) => hash.toString(36)).sort();
    delta.authorIds = distinctValues(this.authors);
    return delta;
  }
}

function addDistinct<T extends string | number>(distinct: Distinct<T> | undefined, value: T): Distinct<T> {
  if (distinct === undefined) return value;
  if (distinct instanceof Set) return distinct.add(value);
  if (!Array.isArray(distinct)) return distinct === value ? distinct : [distinct, value];
  if (distinct.includes(value)) return distinct;
  return distinct.length < ARRAY_LIMIT ? [...distinct, value] : new Set(distinct).add(value);
}

function distinctSize<T>(distinct: Distinct<T> | undefined): number {
  if (distinct === undefined) return 0;
  if (distinct instanceof Set) return distinct.size;
  return Array.isArray(distinct) ? distinct.length : 1;
}

/** In the order they came. */
function distinctValues<T>(distinct: Distinct<T> | undefined): T[] {
  if (distinct === undefined) return [];
  if (distinct instanceof Set) return Array.from(distinct);
  return Array.isArray(distinct) ? distinct.slice() : [distinct];
}

function addCount(counter: FlatCounter | undefined, key: string): FlatCounter {
  if (counter === undefined) return [key, 1];
  for (let i = 0; i < counter.length; i += 2) {
    if (counter[i] === key) {
      counter[i + 1] = (counter[i + 1] as number) + 1;
      return counter;
    }
  }
  return [...counter, key, 1];
}

function counterObject(counter: FlatCounter | undefined): Record<string, number> {
  const object: Record<string, number> = {};
  if (counter) for (let i = 0; i < counter.length; i += 2) object[counter[i] as string] = counter[i + 1] as number;
  return object;
}
