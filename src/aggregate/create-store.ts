// The store a process uses: the embedded file store, or Redis when a Redis URL is configured.
import type { Store, StoreConfig } from './store.ts';

/** The embedded store, or the Redis store when a Redis URL is configured. */
export async function createStore(config: StoreConfig): Promise<Store> {
  if (config.redisUrl) {
    const { RedisStore } = await import('./redis-store.ts');
    return RedisStore.connect({ ...config, redisUrl: config.redisUrl });
  }
  const { EmbeddedStore } = await import('./embedded-store.ts');
  return EmbeddedStore.open(config);
}
