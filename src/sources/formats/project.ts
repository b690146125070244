// The project's own Post JSON shape (what `ingest`/`analyse` write and read back).
//
// Parsed by hand rather than with a zod schema: this runs once per archive line on the batch hot
// path, and a zod object schema made reading project JSONL ~3x slower (93k vs 300k+ lines/s).
import type { Author, Post } from '../../model/types.ts';
import { FormatError } from './errors.ts';
import { describe, expectObject, isObject, optionalNumber, optionalString, requireString, type JsonObject } from './fields.ts';
import { goldFromFields } from './gold.ts';
import { normaliseLang } from './lang.ts';
import { toIsoTime } from './time.ts';

/** True when a JSON object has the fields that mark the project's own shape (no wire format has a `source` string). */
export function isProjectPost(obj: JsonObject): boolean {
  return typeof obj.source === 'string' && 'id' in obj;
}

/**
 * A project Post from untrusted JSON: unknown keys dropped, time normalised to ISO UTC, lang
 * normalised; a wrong field is a FormatError naming it.
 */
export function parseProjectPost(value: unknown): Post {
  const obj = expectObject(value, 'post');
  const post: Post = {
    id: requireNonEmpty(obj, 'id'),
    source: requireNonEmpty(obj, 'source'),
    text: requireString(obj, 'text'),
    createdAt: toIsoTime(obj.createdAt, 'createdAt'),
  };
  const lang = normaliseLang(obj.lang);
  if (lang) post.lang = lang;
  if (obj.author !== undefined) post.author = authorOf(expectObject(obj.author, 'field "author"'));
  if (obj.place !== undefined) {
    const place = expectObject(obj.place, 'field "place"');
    post.place = {};
    const countryCode = optionalString(place, 'countryCode');
    if (countryCode) post.place.countryCode = countryCode;
    const name = optionalString(place, 'name');
    if (name) post.place.name = name;
  }
  if (obj.geo !== undefined) post.geo = pointOf(expectObject(obj.geo, 'field "geo"'));
  const url = optionalString(obj, 'url');
  if (url) post.url = url;
  if (isObject(obj.gold)) {
    const gold = goldFromFields(obj.gold.label, obj.gold.sentiment);
    if (gold) post.gold = gold;
  }
  return post;
}

function requireNonEmpty(obj: JsonObject, field: string): string {
  const value = requireString(obj, field);
  if (value.length === 0) throw new FormatError(`field "${field}" must not be empty`);
  return value;
}

function authorOf(raw: JsonObject): Author {
  const author: Author = { id: requireNonEmpty(raw, 'id') };
  const location = optionalString(raw, 'location');
  if (location) author.location = location;
  const followers = optionalNumber(raw, 'followers');
  if (followers !== undefined) author.followers = followers;
  const timezone = optionalString(raw, 'timezone');
  if (timezone) author.timezone = timezone;
  return author;
}

function pointOf(raw: JsonObject): { lat: number; lon: number } {
  const { lat, lon } = raw;
  if (typeof lat !== 'number' || typeof lon !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new FormatError(`field "geo" must be { lat, lon } in range, got lat ${describe(lat)}, lon ${describe(lon)}`);
  }
  return { lat, lon };
}
