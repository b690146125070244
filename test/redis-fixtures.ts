// The local Redis the integration tests share, and how they clean up after themselves.
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A connection for setting up and inspecting; each test file quits it in its afterAll. */
export const admin = new Redis(REDIS_URL);

/** Deletes every key under a test's own prefix. */
export async function deleteKeys(prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
