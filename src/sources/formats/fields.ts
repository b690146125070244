// Small readers for untrusted JSON values: each returns a typed value or throws a FormatError
// that names the field.
import { FormatError } from './errors.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new FormatError(`${what} must be a JSON object, got ${describe(value)}`);
  return value;
}

export function requireString(obj: JsonObject, field: string): string {
  const value = obj[field];
  if (value === undefined) throw new FormatError(`field "${field}" is missing`);
  if (typeof value !== 'string') throw new FormatError(`field "${field}" must be a string, got ${describe(value)}`);
  return value;
}

/** A non-empty string, or undefined when absent/null/empty; other types are an error. */
export function optionalString(obj: JsonObject, field: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new FormatError(`field "${field}" must be a string, got ${describe(value)}`);
  return value;
}

export function optionalNumber(obj: JsonObject, field: string): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new FormatError(`field "${field}" must be a number, got ${describe(value)}`);
  }
  return n;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
