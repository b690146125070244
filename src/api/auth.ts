// API keys and their scopes: `Authorization: Bearer <key>` or `X-API-Key: <key>`, each key allowed some
// of ingest, reports, admin, read. Keys are kept as digests and compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';
import { SCOPES, type ApiKeyConfig, type Scope } from '../model/access.ts';

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

/** A key the ring knows: `id` names it in rate limits (`key-1`, `key-2`: its place in the settings), never the key. */
export interface KnownKey {
  id: string;
  scopes: ReadonlySet<Scope>;
}

export class KeyRing {
  private readonly keys: Array<{ digest: ApiKeyDigest; known: KnownKey }>;

  constructor(configs: readonly ApiKeyConfig[]) {
    this.keys = configs.map(({ key, scopes }, i) => ({ digest: new ApiKeyDigest(key), known: { id: `key-${i + 1}`, scopes: new Set(scopes) } }));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The key `given` is, if any; every key is compared, so the time tells nothing about which one matched. */
  find(given: string): KnownKey | undefined {
    let found: KnownKey | undefined;
    for (const { digest, known } of this.keys) if (digest.matches(given) && !found) found = known;
    return found;
  }
}

/** The key a request presents, if it presents one. */
export function presentedKey(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const header = req.headers['x-api-key'];
  return bearer?.[1]?.trim() || (typeof header === 'string' ? header.trim() : undefined) || undefined;
}

/** The legacy API_KEY (every scope) and the API_KEYS entries, as one list. */
export function apiKeyConfigs(apiKey: string | undefined, apiKeys: readonly ApiKeyConfig[] = []): ApiKeyConfig[] {
  return [...(apiKey ? [{ key: apiKey, scopes: SCOPES }] : []), ...apiKeys];
}

const HOW_TO_SEND = 'send Authorization: Bearer <key> or X-API-Key';

/**
 * Lets a request on when it presents a key with `scope`: 401 without a key or with an unknown one, 403
 * for a key without the scope. With no key configured at all, `whenNoKeys` decides: `open` lets every
 * request on, `closed` answers 503 (so an unset key never means "open to all" for writes).
 */
export function requireScope(ring: KeyRing, scope: Scope, whenNoKeys: 'open' | 'closed', knownKey: (req: IncomingMessage) => KnownKey | undefined): RequestHandler {
  return (req, _res, next) => {
    if (ring.size === 0) {
      if (whenNoKeys === 'open') return next();
      return next(new ApiError(503, 'key_required_but_none_configured', `this route needs an API key with scope "${scope}" and none is configured: set API_KEYS (e.g. ${scope}:<key>) or API_KEY`));
    }
    if (presentedKey(req) === undefined) return next(new ApiError(401, 'unauthorized', `missing API key: this route needs a key with scope "${scope}"; ${HOW_TO_SEND}`));
    const key = knownKey(req);
    if (!key) return next(new ApiError(401, 'unauthorized', `API key not accepted: this route needs a key with scope "${scope}"; ${HOW_TO_SEND}`));
    if (!key.scopes.has(scope)) return next(new ApiError(403, 'forbidden', `this API key lacks scope "${scope}", which this route needs; its scopes: ${[...key.scopes].join(', ')}`));
    next();
  };
}
