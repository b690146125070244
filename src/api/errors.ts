// Every error the API answers with has one JSON shape: {"error": {"code", "message", "field"?}}.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { z } from 'zod/v4';
import { InputError, UnavailableError } from '../service/errors.ts';
import { fatalMessage } from '../util/error-message.ts';
import type { Log } from '../util/log.ts';
import { requestId } from './request-id.ts';
import { NO_STORE } from './security-headers.ts';

export interface ErrorBody {
  /** requestId: the X-Request-Id of the answer, to find the request in the logs. */
  error: { code: string; message: string; field?: string; requestId?: string };
}

/** An error meant for the client: its status, a stable code, and the field at fault when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(requestId?: string): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(requestId ? { requestId } : {}) } };
  }
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', what);
}

/** What fromZodError reads of an issue, in zod 3 and zod 4 alike. */
interface ZodIssueLike {
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

/** The first zod issue as a 400, naming the field by its path under `where` ("query.from", "body.posts.2.text"). */
export function fromZodError(error: { readonly issues: readonly ZodIssueLike[] }, where: string): ApiError {
  const issue = firstIssue(error);
  const field = [where, ...(issue?.path ?? []).map(String)].join('.');
  return new ApiError(400, 'invalid_request', issue ? `${field}: ${issue.message}` : `${where} is invalid`, field);
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

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no route ${req.method} ${req.path}`));
};

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** body-parser and friends throw http-errors; map the ones a client can cause to our JSON shape. */
function fromHttpError(error: HttpErrorLike): ApiError | undefined {
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (error.type === 'entity.too.large') return new ApiError(413, 'payload_too_large', error.message ?? 'request body too large', 'body');
  if (error.type === 'entity.parse.failed') return new ApiError(400, 'invalid_json', `body is not valid JSON: ${error.message ?? ''}`.trim(), 'body');
  return new ApiError(status, 'bad_request', error.expose === false ? 'bad request' : (error.message ?? 'bad request'));
}

export function errorHandler(log: Log = (m) => process.stderr.write(`${m}\n`)): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const id = requestId(req, res);
    res.set('Cache-Control', NO_STORE);
    const apiError =
      err instanceof ApiError ? err
      : err instanceof ZodError ? fromZodError(err, 'request')
      : err instanceof InputError ? new ApiError(400, 'invalid_request', `${err.field}: ${err.message}`, err.field)
      : err instanceof UnavailableError ? new ApiError(503, 'unavailable', err.message, undefined, { 'Retry-After': String(err.retryAfterSeconds) })
      : typeof err === 'object' && err !== null ? fromHttpError(err as HttpErrorLike)
      : undefined;
    if (apiError) {
      res.status(apiError.status).set(apiError.headers).json(apiError.body(id));
      return;
    }
    log(`api: internal error in request ${id}: ${fatalMessage(err)}`, { level: 'error', requestId: id });
    res.status(500).json({ error: { code: 'internal', message: `internal error; the log has its details under request ${id}`, requestId: id } } satisfies ErrorBody);
  };
}
