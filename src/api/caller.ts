// Who a request comes from: its client's address (the socket's, or behind a trusted proxy the one it
// forwards) and the API key it presents. Worked out once per request, for auth and rate limits alike,
// on the cached read path as well as through Express.
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import { presentedKey, type KeyRing, type KnownKey } from './auth.ts';

export interface Caller {
  address: string;
  /** The configured key the request presents; undefined without one or with an unknown one. */
  key?: KnownKey;
}

export type CallerOf = (req: IncomingMessage) => Caller;

/**
 * The caller of a request. The address is what Express's `req.ip` gives under the app's `trust proxy`
 * setting, computed by Express's own getter, so both paths of a request agree on it.
 */
export function callerOf(app: Express, ring: KeyRing): CallerOf {
  const seen = new WeakMap<IncomingMessage, Caller>();
  const ipGetter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.request) as object, 'ip')?.get;
  const socketAddress = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';
  const addressOf = (req: IncomingMessage): string => {
    // Trusting no proxy, Express's answer is the socket's: asking Express costs more than the rest of a cached read.
    if (app.get('trust proxy') === false) return socketAddress(req);
    const ip: unknown = ipGetter?.call(Object.create(req, { app: { value: app } }));
    return typeof ip === 'string' && ip ? ip : socketAddress(req);
  };
  return (req) => {
    let caller = seen.get(req);
    if (caller === undefined) {
      const given = presentedKey(req);
      const key = given === undefined ? undefined : ring.find(given);
      caller = { address: addressOf(req), ...(key ? { key } : {}) };
      seen.set(req, caller);
    }
    return caller;
  };
}
