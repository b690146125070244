// The Store on Redis: per-minute bucket hashes with retention, author and text sets, atomic claims and commits.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bucket } from '../model/types.ts';
import { DEFAULT_DEDUPE_MS, DEFAULT_RETENTION_MS, firstOccurrencesOnly, type BucketDelta, type BucketQuery, type Store } from './store.ts';
import { DEFAULT_EXAMPLES_PER_BUCKET, compareBuckets } from './tally.ts';
import { stringifyYielding } from './json-text.ts';
import { connectRedis } from '../util/connect-redis.ts';

export interface RedisStoreOptions {
  redisUrl: string;
  /** Key prefix, so several deployments (or tests) share one Redis. Default `or:`. */
  prefix?: string;
  /** EXPIRE of a bucket's keys after its last write (ms). Default 14 days. */
  retentionMs?: number;
  /** EXPIRE of claims and commits (ms). Default 2 days. */
  dedupeMs?: number;
  /** Complaint post ids kept per bucket. Default 5. */
  examplesPerBucket?: number;
}

/** Key prefix when none is given (STORE_PREFIX's default too). */
export const DEFAULT_STORE_PREFIX = 'or:';

const LANGUAGE_FIELD = 'lang:';
const SYMPTOM_FIELD = 'symptom:';
/** Buckets read per MULTI. */
const READ_CHUNK = 2000;

/**
 * Adds a whole set of deltas in one atomic step, at most once per commit id. Lua, because a commit
 * must be all-or-nothing even when the worker dies halfway, and the commit marker must be tested and
 * set in the same step as the counts it guards.
 * ARGV: commit key ('' for none), commit ttl seconds, bucket ttl seconds, max examples, cells key, deltas as JSON.
 */
const ADD_BUCKETS_LUA = `
local commitKey, commitTtl, ttl, maxExamples, cellsKey = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
if commitKey ~= '' and not redis.call('SET', commitKey, '1', 'NX', 'EX', commitTtl) then return 0 end
for _, d in ipairs(cjson.decode(ARGV[6])) do
  for i = 1, #d.f, 2 do redis.call('HINCRBY', d.h, d.f[i], d.f[i + 1]) end
  for _, author in ipairs(d.a) do redis.call('SADD', d.ak, author) end
  for _, text in ipairs(d.t) do redis.call('SADD', d.tk, text) end
  local kept = redis.call('LLEN', d.ek)
  for _, postId in ipairs(d.e) do
    if kept >= maxExamples then break end
    if not redis.call('LPOS', d.ek, postId) then
      redis.call('RPUSH', d.ek, postId)
      kept = kept + 1
    end
  end
  -- A bucket's keys expire together, even when this delta did not touch all of them.
  redis.call('EXPIRE', d.h, ttl)
  redis.call('EXPIRE', d.ak, ttl)
  redis.call('EXPIRE', d.ek, ttl)
  redis.call('EXPIRE', d.tk, ttl)
  redis.call('ZADD', d.zk, d.start, d.start)
  redis.call('EXPIRE', d.zk, ttl)
  redis.call('SADD', cellsKey, d.cell)
end
redis.call('EXPIRE', cellsKey, ttl)
return 1
`;

/**
 * Deletes the claims an owner holds, unless the owner committed: Lua, so a commit cannot slip in
 * between the check and the deletes. ARGV: commit key, owner, claim keys.
 */
const RELEASE_LUA = `
if redis.call('EXISTS', ARGV[1]) == 1 then return 0 end
local released = 0
for i = 3, #ARGV do
  if redis.call('GET', ARGV[i]) == ARGV[2] then
    redis.call('DEL', ARGV[i])
    released = released + 1
  end
end
return released
`;

type RedisWithScripts = Redis & {
  releaseClaims(commitKey: string, owner: string, ...claimKeys: string[]): Promise<number>;
  addBucketsAtomically(commitKey: string, commitTtlSeconds: number, ttlSeconds: number, maxExamples: number, cellsKey: string, deltas: string): Promise<number>;
};

interface BucketCell {
  service: string;
  region: string;
  start: number;
}

/** One delta as the Lua script reads it: key names and the hash increments, flattened. */
interface ScriptDelta {
  h: string;
  ak: string;
  ek: string;
  tk: string;
  zk: string;
  cell: string;
  start: string;
  f: Array<string | number>;
  a: string[];
  e: string[];
  t: string[];
}

export class RedisStore implements Store {
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly dedupeSeconds: number;
  private readonly examplesPerBucket: number;

  private constructor(private readonly redis: RedisWithScripts, options: RedisStoreOptions) {
    this.prefix = options.prefix ?? DEFAULT_STORE_PREFIX;
    this.ttlSeconds = Math.max(1, Math.ceil((options.retentionMs ?? DEFAULT_RETENTION_MS) / 1000));
    this.dedupeSeconds = Math.max(1, Math.ceil((options.dedupeMs ?? DEFAULT_DEDUPE_MS) / 1000));
    this.examplesPerBucket = options.examplesPerBucket ?? DEFAULT_EXAMPLES_PER_BUCKET;
  }

  /** Connects and checks that Redis answers, so a wrong URL fails here and not at the first post. */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const redis = (await connectRedis(options.redisUrl, 'the store')) as RedisWithScripts;
    redis.defineCommand('addBucketsAtomically', { numberOfKeys: 0, lua: ADD_BUCKETS_LUA });
    redis.defineCommand('releaseClaims', { numberOfKeys: 0, lua: RELEASE_LUA });
    // Failures reach callers through their commands' promises; the 'error' event would only repeat them.
    redis.on('error', () => {});
    return new RedisStore(redis, options);
  }

  async claim(keys: string[], owner: string = randomUUID()): Promise<boolean[]> {
    if (keys.length === 0) return [];
    // SET NX GET (Redis >= 7): atomic per key, and tells a repeat by the same owner from a loss.
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.call('SET', `${this.prefix}claim:${key}`, owner, 'NX', 'GET', 'EX', this.dedupeSeconds);
    const replies = await pipeline.exec();
    if (replies === null) throw new Error('Redis dropped the claim pipeline');
    const claimed = replies.map(([error, previousOwner]) => {
      if (error) throw error;
      return previousOwner === null || previousOwner === owner;
    });
    return firstOccurrencesOnly(keys, claimed);
  }

  async release(keys: string[], owner: string): Promise<number> {
    if (keys.length === 0) return 0;
    return this.redis.releaseClaims(`${this.prefix}commit:${owner}`, owner, ...keys.map((key) => `${this.prefix}claim:${key}`));
  }

  async addBuckets(buckets: BucketDelta[], commitId?: string): Promise<boolean> {
    const deltas = buckets.map((delta) => this.scriptDelta(delta));
    const commitKey = commitId === undefined ? '' : `${this.prefix}commit:${commitId}`;
    const applied = await this.redis.addBucketsAtomically(
      commitKey, this.dedupeSeconds, this.ttlSeconds, this.examplesPerBucket, this.cellsKey(), JSON.stringify(deltas),
    );
    return applied === 1;
  }

  async buckets(query: BucketQuery): Promise<Bucket[]> {
    const cells = await this.cellsMatching(query);
    if (cells.length === 0) return [];
    const starts = await this.execAll(cells.map(([service, region]) => ['zrangebyscore', this.indexKey(service, region), query.from, `(${query.to}`]));
    const found: BucketCell[] = [];
    cells.forEach(([service, region], i) => {
      for (const start of starts[i] as string[]) found.push({ service, region, start: Number(start) });
    });
    if (found.length === 0) return [];
    const out: Bucket[] = [];
    const stale: BucketCell[] = [];
    for (let i = 0; i < found.length; i += READ_CHUNK) {
      for (const [cell, bucket] of await this.readCells(found.slice(i, i + READ_CHUNK))) {
        if (bucket === undefined) stale.push(cell);
        else out.push(bucket);
      }
    }
    // Index entries outlive their expired buckets; they are pruned when a reader meets them.
    if (stale.length > 0) await this.execAll(stale.map(({ service, region, start }) => ['zrem', this.indexKey(service, region), String(start)]));
    return out.sort(compareBuckets);
  }

  /**
   * Reads cells in one MULTI, so the counts, authors and examples of a bucket are of the same instant
   * (callers read in chunks: a huge MULTI would stall Redis for everyone). Undefined: the bucket expired.
   */
  private async readCells(cells: BucketCell[]): Promise<Array<[BucketCell, Bucket | undefined]>> {
    const transaction = this.redis.multi();
    for (const { service, region, start } of cells) {
      const key = this.cellKey(service, region, start);
      transaction
        .hgetall(`${this.prefix}b:${key}`)
        .scard(`${this.prefix}a:${key}`)
        .lrange(`${this.prefix}e:${key}`, 0, -1)
        .smembers(`${this.prefix}tx:${key}`);
    }
    const replies = await transaction.exec();
    if (replies === null) throw new Error('Redis aborted the bucket read');
    return cells.map((cell, i) => {
      const [hashReply, authorsReply, examplesReply, textsReply] = replies.slice(i * 4, i * 4 + 4);
      for (const [error] of [hashReply, authorsReply, examplesReply, textsReply]) if (error) throw error;
      const hash = hashReply[1] as Record<string, string>;
      if (Object.keys(hash).length === 0) return [cell, undefined];
      return [cell, bucketFromHash(cell, hash, authorsReply[1] as number, examplesReply[1] as string[], textsReply[1] as string[])];
    });
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.redis.set(`${this.prefix}json:${key}`, await stringifyYielding(value));
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    const text = await this.redis.get(`${this.prefix}json:${key}`);
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private scriptDelta(delta: BucketDelta): ScriptDelta {
    const key = this.cellKey(delta.service, delta.region, delta.start);
    const fields: Array<string | number> = [
      'complaints', delta.complaints, 'news', delta.noise.news, 'joke', delta.noise.joke,
      'other', delta.noise.other, 'negative', delta.negative,
    ];
    for (const lang in delta.languages) fields.push(LANGUAGE_FIELD + lang, delta.languages[lang]);
    for (const symptom in delta.symptoms) fields.push(SYMPTOM_FIELD + symptom, delta.symptoms[symptom]);
    return {
      h: `${this.prefix}b:${key}`,
      ak: `${this.prefix}a:${key}`,
      ek: `${this.prefix}e:${key}`,
      tk: `${this.prefix}tx:${key}`,
      zk: this.indexKey(delta.service, delta.region),
      cell: JSON.stringify([delta.service, delta.region]),
      start: String(delta.start),
      f: fields,
      a: delta.authorIds,
      e: delta.examplePostIds.slice(0, this.examplesPerBucket),
      t: delta.textKeys ?? [],
    };
  }

  private async cellsMatching(query: BucketQuery): Promise<Array<[string, string]>> {
    if (query.service !== undefined && query.region !== undefined) return [[query.service, query.region]];
    const members = await this.redis.smembers(this.cellsKey());
    return members
      .map((member) => JSON.parse(member) as [string, string])
      .filter(([service, region]) => (query.service === undefined || service === query.service) && (query.region === undefined || region === query.region));
  }

  private async execAll(commands: Array<[string, ...Array<string | number>]>): Promise<unknown[]> {
    const replies = await this.redis.pipeline(commands).exec();
    if (replies === null) throw new Error('Redis dropped a pipeline');
    return replies.map(([error, reply]) => {
      if (error) throw error;
      return reply;
    });
  }

  /** Service and region are URI-encoded in key names, so a ':' inside them cannot make two cells collide. */
  private cellKey(service: string, region: string, start: number): string {
    return `${encodeURIComponent(service)}:${encodeURIComponent(region)}:${start}`;
  }

  private indexKey(service: string, region: string): string {
    return `${this.prefix}t:${encodeURIComponent(service)}:${encodeURIComponent(region)}`;
  }

  private cellsKey(): string {
    return `${this.prefix}cells`;
  }
}

function bucketFromHash(cell: BucketCell, hash: Record<string, string>, authors: number, examplePostIds: string[], textKeys: string[]): Bucket {
  const languages: Record<string, number> = {};
  const symptoms: Record<string, number> = {};
  for (const field in hash) {
    if (field.startsWith(LANGUAGE_FIELD)) languages[field.slice(LANGUAGE_FIELD.length)] = Number(hash[field]);
    else if (field.startsWith(SYMPTOM_FIELD)) symptoms[field.slice(SYMPTOM_FIELD.length)] = Number(hash[field]);
  }
  const bucket: Bucket = {
    service: cell.service,
    region: cell.region,
    start: cell.start,
    complaints: Number(hash.complaints ?? 0),
    noise: { news: Number(hash.news ?? 0), joke: Number(hash.joke ?? 0), other: Number(hash.other ?? 0) },
    negative: Number(hash.negative ?? 0),
    authors,
    languages,
    symptoms,
    examplePostIds,
  };
  if (textKeys.length > 0) bucket.textKeys = textKeys.sort();
  return bucket;
}
