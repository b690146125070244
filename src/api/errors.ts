// Every error the API answers with has one JSON shape: {"error": {"code", "message", "field"?}}.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { InputError, UnavailableError } from '../model/errors.ts';
import { fatalMessage } from '../util/error-message.ts';
import type { Log } from '../observe/log.ts';
import { firstIssue, type ZodIssueLike } from './zod-issues.ts';
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

/** The first zod issue as a 400, naming the field by its path under `where` ("query.from", "body.posts.2.text"). */
export function fromZodError(error: { readonly issues: readonly ZodIssueLike[] }, where: string): ApiError {
  const issue = firstIssue(error);
  const field = [where, ...(issue?.path ?? []).map(String)].join('.');
  return new ApiError(400, 'invalid_request', issue ? `${field}: ${issue.message}` : `${where} is invalid`, field);
}

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
