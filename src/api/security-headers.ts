// Headers every answer carries: its request id, no MIME sniffing, and no caching unless the route is
// a read whose answer is meant to be shared for a moment.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { ANSWER_FRESH_MS } from '../live/answer-cache.ts';
import { requestId } from './request-id.ts';

/** Answers, errors, /metrics, /readyz: each one is about now, and may carry what the caller alone may see. */
export const NO_STORE = 'no-store';

/** The cached reads: the service itself answers them from a cache fresh for ANSWER_FRESH_MS, so may anyone. */
export const CACHED_READ = `public, max-age=${Math.floor(ANSWER_FRESH_MS / 1000)}`;

/** Sets the headers on any Node response (the read path's as well as Express's); a route may then widen Cache-Control. */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  requestId(req, res);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', NO_STORE);
}

export const securityHeaders: RequestHandler = (req, res, next) => {
  setSecurityHeaders(req, res);
  next();
};
