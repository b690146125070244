// API key check for write routes: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedKey(authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return bearer?.[1]?.trim() ?? apiKeyHeader?.trim();
}

/** Without a configured key the route is closed (503), so an unset API_KEY never means "open to all". */
export function requireApiKey(apiKey: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!apiKey) return next(new ApiError(503, 'ingest_disabled', 'post ingest is disabled: set API_KEY to enable it'));
    const given = presentedKey(req.get('authorization'), req.get('x-api-key'));
    if (!given) return next(new ApiError(401, 'unauthorized', 'missing API key: send Authorization: Bearer <key> or X-API-Key'));
    if (!sameKey(given, apiKey)) return next(new ApiError(403, 'forbidden', 'API key not accepted'));
    next();
  };
}
