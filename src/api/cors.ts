// Cross-origin access for browser apps on the origins configured (CORS_ORIGINS), and for no other: without
// the setting no answer carries a CORS header, so browsers keep other sites' scripts out as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';

const ALLOWED_METHODS = 'GET, HEAD, POST';
const ALLOWED_HEADERS = 'Authorization, X-API-Key, Content-Type, X-Request-Id';
/** What a page may read of an answer besides the simple headers. */
const EXPOSED_HEADERS = 'X-Request-Id, RateLimit-Limit, RateLimit-Remaining, Retry-After, Location';
/** How long a browser may keep a preflight's answer (s). */
const PREFLIGHT_MAX_AGE = '600';

export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;
  private readonly anyOrigin: boolean;

  /** `origins`: exact origins (`https://status.example.com`), or `*` for any. */
  constructor(origins: readonly string[] = []) {
    this.anyOrigin = origins.includes('*');
    this.origins = new Set(origins.map((origin) => origin.replace(/\/+$/, '')));
  }

  get enabled(): boolean {
    return this.anyOrigin || this.origins.size > 0;
  }

  /** The request's Origin when it may read the answer. */
  private allowedOrigin(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return undefined;
    return this.anyOrigin || this.origins.has(origin) ? origin : undefined;
  }

  /** Sets the headers of an actual (not preflight) answer, on any Node response. */
  setHeaders(req: IncomingMessage, res: ServerResponse): void {
    if (!this.enabled) return;
    // Answers are cached publicly for a moment: a cache must keep them apart per origin.
    res.setHeader('Vary', 'Origin');
    const origin = this.allowedOrigin(req);
    if (origin === undefined) return;
    res.setHeader('Access-Control-Allow-Origin', this.anyOrigin ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }

  /** Answers preflights: 204 for an allowed origin, 403 naming the setting for any other; other requests pass. */
  preflight(): RequestHandler {
    return (req, res, next) => {
      if (req.method !== 'OPTIONS' || req.get('access-control-request-method') === undefined) return next();
      if (!this.enabled || this.allowedOrigin(req) === undefined) {
        return next(new ApiError(403, 'cors_origin_not_allowed', `origin ${JSON.stringify(req.get('origin') ?? '')} may not call this API from a browser: add it to CORS_ORIGINS`));
      }
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      res.status(204).end();
    };
  }
}
