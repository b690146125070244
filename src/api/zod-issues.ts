// Which issue of a failed parse a client is told about, and in which words: zod 3's, as the API has
// always answered, now that the request schemas are zod 4's (for their JSON Schema output).
import type { z } from 'zod/v4';

/** What fromZodError reads of an issue, in zod 3 and zod 4 alike. */
export interface ZodIssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** invalid_union (zod 4): the issues of each option. */
  readonly errors?: readonly (readonly ZodIssueLike[])[];
}

/** Issues after which zod 3 gave up on a value; others left it "dirty" (its shape right, a rule broken). */
const FATAL_ISSUES = new Set(['invalid_type', 'invalid_union', 'invalid_value']);

/**
 * The issue a client is told about. Of a union none of whose options matched, the first issue of the
 * first option whose shape matched (a path too long, rather than "invalid input"), as the API always answered.
 */
function issueToTell(issue: ZodIssueLike): ZodIssueLike {
  const typeMatched = issue.errors?.find((option) => !option.some((inner) => FATAL_ISSUES.has(inner.code ?? '')));
  const inner = typeMatched?.[0];
  return inner ? { ...inner, path: [...issue.path, ...inner.path] } : issue;
}

/** The first issue of a failed parse, as the client is told about it. */
export function firstIssue(error: { readonly issues: readonly ZodIssueLike[] }): ZodIssueLike | undefined {
  return error.issues[0] && issueToTell(error.issues[0]);
}

const quoted = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value));

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  return typeof value;
}

function sizeMessage(origin: string, bound: 'min' | 'max', limit: unknown, inclusive: boolean | undefined, exact: boolean | undefined): string {
  const within = bound === 'min' ? { number: 'greater than', most: 'at least', over: 'more than', chars: 'over' } : { number: 'less than', most: 'at most', over: 'less than', chars: 'under' };
  if (origin === 'array') return `Array must contain ${exact ? 'exactly' : inclusive ? within.most : within.over} ${String(limit)} element(s)`;
  if (origin === 'string') return `String must contain ${exact ? 'exactly' : inclusive ? within.most : within.chars} ${String(limit)} character(s)`;
  return `Number must be ${exact ? 'exactly equal to ' : `${within.number}${inclusive ? ' or equal to' : ''} `}${String(limit)}`;
}

/** zod 4 refuses ±Infinity as a number, where zod 3 went on to the number's own rules: the message of the rule it broke. */
function infinityMessage(input: number, schema: z.core.$ZodType | z.core.$ZodCheck<never> | undefined): string {
  const bag: { format?: unknown; minimum?: unknown; maximum?: unknown } = schema && 'bag' in schema._zod ? schema._zod.bag : {};
  if (bag.format === 'safeint') return 'Expected integer, received float';
  return input > 0 ? sizeMessage('number', 'max', bag.maximum, true, false) : sizeMessage('number', 'min', bag.minimum, true, false);
}

/**
 * The messages of the issues zod raises without one of ours, worded as the API has always worded them
 * (zod 3's): clients and their tests read them.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Required';
      if (issue.expected === 'int') return 'Expected integer, received float';
      if (issue.expected === 'number' && typeof issue.input === 'number' && !Number.isNaN(issue.input)) return infinityMessage(issue.input, issue.inst);
      return `Expected ${issue.expected}, received ${typeName(issue.input)}`;
    case 'too_small':
      return sizeMessage(issue.origin, 'min', issue.minimum, issue.inclusive, issue.exact);
    case 'too_big':
      return sizeMessage(issue.origin, 'max', issue.maximum, issue.inclusive, issue.exact);
    case 'invalid_format':
      return issue.format === 'regex' ? 'Invalid' : `Invalid ${issue.format}`;
    case 'unrecognized_keys':
      return `Unrecognized key(s) in object: ${issue.keys.map(quoted).join(', ')}`;
    case 'invalid_value':
      if (typeof issue.input !== 'string') return `Expected ${issue.values.map(quoted).join(' | ')}, received ${typeName(issue.input)}`;
      return `Invalid enum value. Expected ${issue.values.map(quoted).join(' | ')}, received ${quoted(issue.input)}`;
    default:
      return 'Invalid input';
  }
};
