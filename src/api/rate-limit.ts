// Fixed-window request limits per API key (or, without one, per client address), one budget for reads
// and another for writes: enough to stop one client from starving the rest, and a reader from ingest.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Caller, CallerOf } from './caller.ts';
import { ApiError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests allowed per client per window. Default 600. */
  max?: number;
  /** Window length in ms. Default 60 000. */
  windowMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

/** What one counted request may do, and the headers that say so. */
export interface RateDecision {
  allowed: boolean;
  headers: { 'RateLimit-Limit': string; 'RateLimit-Remaining': string };
  /** Seconds until the window reopens (when not allowed). */
  retryAfter: number;
}

/** The counts of the current window, shared by every path a request can take through the API. */
export class RateLimiter {
  readonly max: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private windowStart: number;
  private counts = new Map<string, number>();

  constructor(options: RateLimitOptions = {}) {
    this.max = options.max ?? 600;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.windowStart = this.now();
  }

  /** True when a request of `client` would be allowed now; counts nothing. */
  wouldAllow(client: string): boolean {
    return this.used(client, this.now()) < this.max;
  }

  /** Counts one request of `client`. */
  take(client: string): RateDecision {
    const at = this.now();
    const used = this.used(client, at) + 1;
    this.counts.set(client, used);
    return {
      allowed: used <= this.max,
      headers: { 'RateLimit-Limit': String(this.max), 'RateLimit-Remaining': String(Math.max(0, this.max - used)) },
      retryAfter: Math.max(1, Math.ceil((this.windowStart + this.windowMs - at) / 1000)),
    };
  }

  /** Requests of `client` in the window that contains `at`, starting a new window when it is due. */
  private used(client: string, at: number): number {
    if (at - this.windowStart >= this.windowMs) {
      this.windowStart = at - ((at - this.windowStart) % this.windowMs);
      this.counts = new Map();
    }
    return this.counts.get(client) ?? 0;
  }
}

/** Writes the decision's RateLimit-* headers (on any Node response, Express's or not). */
export function setRateHeaders(res: ServerResponse, decision: RateDecision): void {
  for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
}

/** The two budgets: reads (GET, HEAD) and writes (every other method: ingest, reports, classify). */
export interface RateBudgets {
  reads: RateLimiter;
  writes: RateLimiter;
}

export function budgetFor(budgets: RateBudgets, req: IncomingMessage): { limiter: RateLimiter; kind: 'read' | 'write' } {
  return req.method === 'GET' || req.method === 'HEAD' ? { limiter: budgets.reads, kind: 'read' } : { limiter: budgets.writes, kind: 'write' };
}

/** Whose budget a request spends: its key's when it presents a known one, its address's otherwise. */
export function budgetHolder(caller: Caller): string {
  return caller.key ? `key:${caller.key.id}` : `address:${caller.address}`;
}

export function rateLimit(budgets: RateBudgets, callerOf: CallerOf): RequestHandler {
  return (req, res, next) => {
    const caller = callerOf(req);
    const { limiter, kind } = budgetFor(budgets, req);
    const decision = limiter.take(budgetHolder(caller));
    setRateHeaders(res, decision);
    if (decision.allowed) return next();
    const holder = caller.key ? 'this API key' : 'this address';
    next(new ApiError(429, 'rate_limited', `more than ${limiter.max} ${kind} requests in ${limiter.windowMs / 1000} s from ${holder}; retry in ${decision.retryAfter} s`, undefined, {
      'Retry-After': String(decision.retryAfter),
    }));
  };
}
