// Whether Redis still holds what this deployment wrote. A Redis that restarts without persistence (or
// is flushed) comes back empty, and every process only sees a connection drop and come back: measured,
// 15-45 of 222 posts gone without a line. So each process keeps a marker key (no TTL, it lives as long
// as the data) and checks it on every reconnect and every few seconds.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis } from '../util/connect-redis.ts';
import { errorMessage } from '../util/error-message.ts';
import type { Log } from '../observe/log.ts';
import { readPersistence, type PersistenceMode } from '../util/redis-persistence.ts';

/** How often the marker is checked besides every reconnect, so a FLUSHALL without a reconnect is found too. */
export const MARKER_CHECK_MS = 5000;

/**
 * Creates the marker when it is missing (with a new epoch), adds one to its sequence, and answers
 * both: one step, so two processes that find it gone together agree on the new epoch.
 * KEYS: the marker. ARGV: a new epoch, the time it is written (ISO).
 */
const TOUCH_MARKER_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'createdAt', ARGV[2]) end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
return {redis.call('HGET', KEYS[1], 'epoch'), seq}
`;

type RedisWithMarker = Redis & { touchMarker(key: string, epoch: string, now: string): Promise<[string, number]> };

/** `emptied`: the marker was gone (its epoch changed); `rolled_back`: its sequence went back (an older snapshot). */
export type DataLossKind = 'emptied' | 'rolled_back';

export interface DataLoss {
  kind: DataLossKind;
  /** When this process found it. */
  at: Date;
  /** When this process last found the marker as it left it; undefined if never. */
  lastKeptAt: Date | undefined;
}

export interface RedisMarkerOptions {
  /** The marker's key, one per deployment: `redisMarkerKey(STORE_PREFIX)`. */
  key: string;
  log: Log;
  /** Called once per loss found, after the ERROR line. */
  onLost?: (loss: DataLoss) => void;
  /** @defaultValue MARKER_CHECK_MS */
  checkEveryMs?: number;
}

/** The deployment's marker key: under the store's prefix, which every process of a deployment shares. */
export function redisMarkerKey(storePrefix: string): string {
  return `${storePrefix}redis-marker`;
}

export class RedisMarker {
  /** The last loss this process found, for /readyz. */
  lastLoss: DataLoss | undefined;
  lossCount = 0;
  private seen: { epoch: string; seq: number } | undefined;
  private lastKeptAt: Date | undefined;
  private checking: Promise<DataLoss | undefined> | undefined;
  private readonly timer: NodeJS.Timeout;

  private constructor(private readonly redis: RedisWithMarker, private readonly options: RedisMarkerOptions) {
    this.timer = setInterval(() => void this.checkQuietly(), options.checkEveryMs ?? MARKER_CHECK_MS).unref();
    // 'ready' again after the first: a reconnect, the moment a restarted Redis shows what it kept.
    redis.on('ready', () => void this.checkQuietly());
  }

  /** Connects, writes the marker (or reads the one another process wrote) and starts watching it. */
  static async open(url: string, options: RedisMarkerOptions): Promise<RedisMarker> {
    // No offline queue: a check while Redis is down fails at once; the reconnect runs the next one.
    const redis = (await connectRedis(url, 'the data marker', { enableOfflineQueue: false })) as RedisWithMarker;
    redis.defineCommand('touchMarker', { numberOfKeys: 1, lua: TOUCH_MARKER_LUA });
    // Connection trouble shows in /readyz and the store's and queue's errors; here it would only repeat them.
    redis.on('error', () => {});
    const marker = new RedisMarker(redis, options);
    try {
      await marker.check();
    } catch (error) {
      options.log(`WARNING: cannot write the Redis marker ${options.key} (${errorMessage(error)}): until it can, a Redis that comes back empty is not detected`, { level: 'warn' });
    }
    return marker;
  }

  /** Touches the marker; a loss found is logged, counted by `onLost`, and returned. One check at a time. */
  check(): Promise<DataLoss | undefined> {
    this.checking ??= this.compare().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** What /readyz shows once a loss was found: when, how often, where to look. */
  lossSummary(): string | undefined {
    const loss = this.lastLoss;
    if (loss === undefined) return undefined;
    const what = loss.kind === 'emptied' ? 'came back empty' : 'came back older';
    const times = this.lossCount === 1 ? 'once' : `${this.lossCount} times`;
    return `Redis ${what} at ${loss.at.toISOString()} (found ${times} since this process started): what it held before is lost, counts of that time are short; the ERROR line in the log says what to do`;
  }

  close(): void {
    clearInterval(this.timer);
    this.redis.disconnect();
  }

  private async checkQuietly(): Promise<void> {
    // A check that fails found Redis down: /readyz says so, and the reconnect checks again.
    await this.check().catch(() => undefined);
  }

  private async compare(): Promise<DataLoss | undefined> {
    const [epoch, seq] = await this.redis.touchMarker(this.options.key, randomUUID(), new Date().toISOString());
    const at = new Date();
    const before = this.seen;
    this.seen = { epoch, seq };
    const kind: DataLossKind | undefined = before === undefined ? undefined : epoch !== before.epoch ? 'emptied' : seq <= before.seq ? 'rolled_back' : undefined;
    if (kind === undefined) {
      this.lastKeptAt = at;
      return undefined;
    }
    const loss: DataLoss = { kind, at, lastKeptAt: this.lastKeptAt };
    const persistence = await readPersistence(this.redis);
    this.lastLoss = loss;
    this.lossCount++;
    this.options.log(describeDataLoss(loss, this.options.key, persistence.mode), { level: 'error' });
    this.options.onLost?.(loss);
    return loss;
  }
}

const CAUSES: Record<DataLossKind, Record<PersistenceMode, string>> = {
  emptied: {
    none: 'Redis restarted without persistence (appendonly no, save ""), or was flushed (FLUSHALL, FLUSHDB)',
    rdb: 'Redis restarted from an RDB snapshot older than the marker, or was flushed (FLUSHALL, FLUSHDB)',
    aof: 'Redis has AOF on, so it was flushed (FLUSHALL, FLUSHDB), lost its data files, or the marker was deleted or evicted',
    unknown: 'Redis restarted without persistence, was flushed (FLUSHALL, FLUSHDB), or the marker was deleted or evicted',
  },
  rolled_back: {
    none: 'Redis went back to an older state (an older RDB file was loaded, or a replica with less data took over)',
    rdb: 'Redis restarted from an RDB snapshot taken before its last writes',
    aof: 'Redis lost its last AOF writes (with appendfsync everysec, a crash of the machine loses up to the last second)',
    unknown: 'Redis went back to an older state (an older snapshot or replica)',
  },
};

/** The ERROR line: what was found, why it happens, what went with it, and what to do. No URL, so no password. */
export function describeDataLoss(loss: DataLoss, key: string, persistence: PersistenceMode): string {
  const found = loss.kind === 'emptied' ? `came back empty: the marker key ${key} is gone` : `came back older: the marker key ${key} counts fewer checks than this process saw`;
  const kept = loss.lastKeptAt ? `, last seen intact at ${loss.lastKeptAt.toISOString()}` : '';
  const since = loss.kind === 'emptied' && persistence === 'none' ? 'everything it held' : 'what was written since its last persistence point';
  const prevent = persistence === 'aof'
    ? 'find what flushed Redis or removed the key (rename-command FLUSHALL "" and FLUSHDB "" forbid a flush)'
    : 'turn on appendonly yes (REDIS_REQUIRE_PERSISTENCE=true refuses to start without)';
  return (
    `ERROR: Redis ${found}${kept}. ${CAUSES[loss.kind][persistence]}. ` +
    `Lost with it, ${since}: the queued batches (waiting, in flight, retrying), though ingest saw them acknowledged; the dead letters; ` +
    `the posts' claims; the counts, the detector's saved state and the report jobs. ` +
    `To do: ${prevent}; the counts before ${loss.at.toISOString()} are short until their posts are sent again ` +
    `(REPLAY_PATHS with the archives of that time, or POST /v1/posts). Counted in outage_radar_redis_data_lost_total.`
  );
}
