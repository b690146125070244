// A flat record: a CSV row or a flat JSON line with the archive columns
// `id, created_at, text` (required) and `author_id, lang, user_location, country_code, lat, lon, label, sentiment`.
import type { Post, SourceName } from '../../model/types.ts';
import { FormatError } from './errors.ts';
import { optionalNumber, optionalString, requireString, type JsonObject } from './fields.ts';
import { goldFromFields } from './gold.ts';
import { normaliseLang } from './lang.ts';
import { toIsoTime } from './time.ts';

export const REQUIRED_COLUMNS = ['id', 'created_at', 'text'] as const;
export const LENIENT_REQUIRED_COLUMNS = ['text'] as const;

export interface RowContext {
  source: SourceName;
  /**
   * Evaluation files: only `text` is required; a missing id becomes `fallbackId` and a missing or
   * invalid `created_at` becomes ''.
   */
  lenient: boolean;
  fallbackId: string;
}

export function postFromRow(row: JsonObject, context: RowContext): Post {
  const post: Post = {
    id: context.lenient ? (rowId(row) ?? context.fallbackId) : requireId(row),
    source: context.source,
    text: requireString(row, 'text'),
    createdAt: context.lenient ? lenientTime(row.created_at) : toIsoTime(required(row, 'created_at'), 'created_at'),
  };
  const lang = normaliseLang(row.lang);
  if (lang) post.lang = lang;
  const authorId = optionalString(row, 'author_id');
  const location = optionalString(row, 'user_location');
  // Without an author_id column each post stands for its own author (distinct-author counts then
  // equal post counts), which keeps the profile location usable for region resolution.
  if (authorId || location) post.author = { id: authorId ?? `anonymous:${post.id}`, ...(location && { location }) };
  const countryCode = optionalString(row, 'country_code');
  if (countryCode) post.place = { countryCode: countryCode.toUpperCase() };
  const lat = optionalNumber(row, 'lat');
  const lon = optionalNumber(row, 'lon');
  if (lat !== undefined && lon !== undefined) post.geo = checkedPoint(lat, lon);
  const gold = goldFromFields(row.label, row.sentiment);
  if (gold) post.gold = gold;
  return post;
}

function rowId(row: JsonObject): string | undefined {
  const id = row.id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return optionalString(row, 'id');
}

function requireId(row: JsonObject): string {
  const id = rowId(row);
  if (id === undefined) throw new FormatError('field "id" is missing or empty');
  return id;
}

function required(row: JsonObject, field: string): unknown {
  const value = row[field];
  if (value === undefined || value === null || value === '') throw new FormatError(`field "${field}" is missing or empty`);
  return value;
}

function lenientTime(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  try {
    return toIsoTime(value, 'created_at');
  } catch {
    return '';
  }
}

function checkedPoint(lat: number, lon: number): { lat: number; lon: number } {
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new FormatError(`lat/lon out of range: ${lat}, ${lon}`);
  return { lat, lon };
}
