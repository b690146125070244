// API key check for write routes: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';

/**
 * The configured key as its SHA-256 digest only, so the key is not kept in this object after start-up
 * (nothing to read back from a heap dump or a debugger); a presented key is compared by digest, in
 * constant time, and equal-length digests make the time tell nothing about the key's length either.
 */
export class ApiKeyDigest {
  private readonly digest: Buffer;

  constructor(key: string) {
    this.digest = sha256(key);
  }

  matches(given: string): boolean {
    return timingSafeEqual(sha256(given), this.digest);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function presentedKey(authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return bearer?.[1]?.trim() ?? apiKeyHeader?.trim();
}

/** Without a configured key the route is closed (503), so an unset API_KEY never means "open to all". */
export function requireApiKey(apiKey: string | undefined): RequestHandler {
  const expected = apiKey ? new ApiKeyDigest(apiKey) : undefined;
  return (req, _res, next) => {
    if (!expected) return next(new ApiError(503, 'ingest_disabled', 'post ingest is disabled: set API_KEY to enable it'));
    const given = presentedKey(req.get('authorization'), req.get('x-api-key'));
    if (!given) return next(new ApiError(401, 'unauthorized', 'missing API key: send Authorization: Bearer <key> or X-API-Key'));
    if (!expected.matches(given)) return next(new ApiError(403, 'forbidden', 'API key not accepted'));
    next();
  };
}
