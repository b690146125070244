// A fixed-window request limit per client address: enough to stop one client from starving the rest.
import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests allowed per client per window. Default 600. */
  max?: number;
  /** Window length in ms. Default 60 000. */
  windowMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

export function rateLimit(options: RateLimitOptions = {}): RequestHandler {
  const max = options.max ?? 600;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = now();
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const at = now();
    if (at - windowStart >= windowMs) {
      windowStart = at - ((at - windowStart) % windowMs);
      counts = new Map();
    }
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const used = (counts.get(client) ?? 0) + 1;
    counts.set(client, used);
    res.set('RateLimit-Limit', String(max));
    res.set('RateLimit-Remaining', String(Math.max(0, max - used)));
    if (used <= max) return next();
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000));
    next(new ApiError(429, 'rate_limited', `more than ${max} requests in ${windowMs / 1000} s; retry in ${retryAfter} s`, undefined, {
      'Retry-After': String(retryAfter),
    }));
  };
}
