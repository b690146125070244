// Opens a Redis connection at start-up with a bounded wait, so a wrong or unreachable REDIS_URL ends
// the process with one line (password hidden) instead of a stack trace or an endless retry.
import { Redis, type RedisOptions } from 'ioredis';
import { UserError } from './error-message.ts';
import { redactUrl } from './redact.ts';

/** Longest wait for Redis to accept the connection and answer PING at start-up. */
export const REDIS_CONNECT_TIMEOUT_MS = 5000;

export class RedisUnreachableError extends UserError {
  override name = 'RedisUnreachableError';
}

/**
 * A connected client that has answered PING. `purpose` says what the connection is for in the error
 * ("the store", "the queue"); `timeoutMs` bounds the whole wait.
 */
export async function connectRedis(url: string, purpose: string, options: RedisOptions = {}, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<Redis> {
  const redis = new Redis(url, { ...options, lazyConnect: true, connectTimeout: timeoutMs });
  // ioredis rejects connect() with "Connection is closed."; the 'error' event carries the cause (ECONNREFUSED...).
  let cause: Error | undefined;
  const remember = (error: Error) => (cause = error);
  redis.on('error', remember);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), timedOut]);
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = (cause ?? (error as Error)).message;
    throw new RedisUnreachableError(`cannot reach Redis at ${redactUrl(url)} for ${purpose}: ${reason}; check REDIS_URL and that Redis is running`);
  } finally {
    clearTimeout(timer);
    redis.off('error', remember);
  }
}
