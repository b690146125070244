import { spawn } from 'node:child_process';
import { appendFile, copyFile, mkdtemp, readdir, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate/aggregator.ts';
import { EMBEDDED_STORE_FILE, EMBEDDED_STORE_JOURNAL, EmbeddedStore, type EmbeddedStoreOptions } from '../src/aggregate/embedded-store.ts';
import type { BucketDelta } from '../src/aggregate/tally.ts';
import type { ClassifiedPost } from '../src/model/types.ts';

const T0 = Date.parse('2024-11-02T08:15:00Z');
const everything = { from: 0, to: Number.MAX_SAFE_INTEGER };
/** Saves only when a test calls flush() or close(). */
const NEVER = 3_600_000;

function complaint(id: string, author: string, secondsAfter: number, service = 'psn', country = 'GB'): ClassifiedPost {
  return {
    post: { id, source: 'bluesky', text: `${service} down again, cannot sign in ${id}`, createdAt: new Date(T0 + secondsAfter * 1000).toISOString(), lang: 'en', author: { id: author } },
    verdict: {
      postId: id, services: [service], label: 'complaint', score: 0.92, sentiment: { label: 'negative', score: -0.8 },
      symptoms: ['login'], lang: 'en', region: { country, source: 'timezone', confidence: 0.5 }, why: ['outage:down'],
    },
  };
}

function deltas(posts: ClassifiedPost[]): BucketDelta[] {
  const aggregator = new Aggregator();
  for (const post of posts) aggregator.add(post);
  return aggregator.takeBefore(Infinity);
}

/**
 * A store file's content at `now`, with every list in one order: two stores that hold the same state give
 * the same value. Entries expired by `now` are left out: a store that had nothing to save at close kept them in its file.
 */
async function savedState(dataDir: string, now: number): Promise<unknown> {
  const saved = JSON.parse(await readFile(join(dataDir, EMBEDDED_STORE_FILE), 'utf8')) as {
    buckets: Array<{ service: string; region: string; start: number; authorIds: string[]; expiresAt: number }>;
    claims: Array<[string, number, string[]]>;
    commits: Array<[string, number]>;
    json: Array<[string, unknown]>;
  };
  const byText = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  return {
    buckets: saved.buckets.filter((b) => b.expiresAt > now).map((b) => ({ ...b, authorIds: [...b.authorIds].sort() })).sort(byText),
    claims: saved.claims.filter(([, expiresAt]) => expiresAt > now).flatMap(([owner, expiresAt, keys]) => keys.map((key) => [key, owner, expiresAt])).sort(byText),
    commits: saved.commits.filter(([, expiresAt]) => expiresAt > now).sort(byText),
    json: [...saved.json].sort(byText),
  };
}

/** A small deterministic generator, so that a failing sequence can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('EmbeddedStore persistence: snapshot plus journal', () => {
  let dataDir: string;
  /** A store with batch-1 saved in the first snapshot and batch-2 saved in the journal after it. */
  async function twoSaves(): Promise<{ store: EmbeddedStore; journal: string }> {
    const store = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    await store.addBuckets(deltas([complaint('a', 'u1', 0)]), 'batch-1');
    await store.flush();
    await store.addBuckets(deltas([complaint('b', 'u2', 0)]), 'batch-2');
    await store.flush();
    return { store, journal: join(dataDir, EMBEDDED_STORE_JOURNAL) };
  }
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'outage-radar-journal-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens a store file written before the journal existed and keeps counting on top of it', async () => {
    await copyFile(join(import.meta.dirname, 'fixtures/embedded-store-v1', EMBEDDED_STORE_FILE), join(dataDir, EMBEDDED_STORE_FILE));
    const now = () => T0 + 3_600_000;
    const store = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now });
    expect((await store.buckets(everything)).map((b) => [b.service, b.start, b.complaints, b.authors, b.examplePostIds])).toEqual([
      ['psn', T0, 2, 2, ['a1', 'a2']],
      ['steam', T0, 1, 1, ['s1']],
      ['psn', T0 + 60_000, 1, 1, ['a3']],
    ]);
    expect(await store.getJson('detector:state')).toEqual({ open: ['psn/GB'], lastAt: T0 });
    expect(await store.claim(['bluesky:a1', 'bluesky:s1', 'bluesky:new'], 'batch-3')).toEqual([false, false, true]);
    expect(await store.addBuckets(deltas([complaint('a1', 'alice', 5)]), 'batch-1')).toBe(false);
    // alice is one of the minute's authors already: the exact author list came back from the old file.
    expect(await store.addBuckets(deltas([complaint('new', 'alice', 10)]), 'batch-3')).toBe(true);
    await store.flush();
    expect(store.persistence().lastSave?.kind).toBe('snapshot');

    const reopened = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now });
    const [minute] = await reopened.buckets({ service: 'psn', from: T0, to: T0 + 1 });
    expect([minute.complaints, minute.authors]).toEqual([3, 2]);
    await reopened.close();
    await store.close();
  });

  it('between full snapshots, saves append only the changes to the journal and leave the snapshot file alone', async () => {
    const store = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    await store.addBuckets(deltas([complaint('a', 'u1', 0)]), 'batch-1');
    await store.flush();
    const snapshot = await readFile(join(dataDir, EMBEDDED_STORE_FILE));
    await store.claim(['bluesky:b'], 'batch-2');
    await store.addBuckets(deltas([complaint('b', 'u2', 0)]), 'batch-2');
    await store.putJson('detector:state', { open: [] });
    await store.flush();

    const { lastSave, journalBytes } = store.persistence();
    expect(lastSave?.kind).toBe('journal');
    expect(journalBytes).toBe((await stat(join(dataDir, EMBEDDED_STORE_JOURNAL))).size);
    expect(await readFile(join(dataDir, EMBEDDED_STORE_FILE))).toEqual(snapshot);
    const reopened = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    expect(await reopened.buckets(everything)).toEqual(await store.buckets(everything));
    expect(await reopened.getJson('detector:state')).toEqual({ open: [] });
    expect(await reopened.claim(['bluesky:b'], 'batch-3')).toEqual([false]);
    await reopened.close();
    await store.close();
  });

  it('holds after any sequence of writes, expiries, saves and restarts what a store that never restarted holds', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const next = random(seed);
      const pick = <T,>(items: T[]): T => items[Math.floor(next() * items.length)];
      let clock = T0;
      const options = (dir: string, extra: Partial<EmbeddedStoreOptions>): EmbeddedStoreOptions =>
        ({ dataDir: dir, flushMs: NEVER, retentionMs: 20 * 60_000, dedupeMs: 8 * 60_000, now: () => clock, compactMinBytes: 0, ...extra });
      // Journal and compaction at a random ratio; the same with a full rewrite at every save (the behaviour before the journal); never restarted.
      const dirs = [join(dataDir, `journal-${seed}`), join(dataDir, `rewrite-${seed}`), join(dataDir, `continuous-${seed}`)];
      const settings: Array<Partial<EmbeddedStoreOptions>> = [{ compactRatio: 0.2 + next() }, { compactRatio: 0 }, {}];
      const stores = await Promise.all(dirs.map((dir, i) => EmbeddedStore.open(options(dir, settings[i]))));
      const same = async <T,>(call: (store: EmbeddedStore) => Promise<T>): Promise<T> => {
        const answers = await Promise.all(stores.map(call));
        expect(answers[0]).toEqual(answers[2]);
        expect(answers[1]).toEqual(answers[2]);
        return answers[2];
      };
      const posts = Array.from({ length: 40 }, (_, i) => i);
      for (let step = 0; step < 300; step++) {
        const action = next();
        if (action < 0.3) {
          const batch = `batch-${Math.floor(next() * 60)}`;
          const chosen = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(posts));
          const keys = chosen.map((p) => `bluesky:p${p}`);
          const won = await same((s) => s.claim(keys, batch));
          const classified = chosen.filter((_, i) => won[i]).map((p) => complaint(`p${p}`, `u${p % 7}`, Math.floor(next() * 1800), pick(['psn', 'steam']), pick(['GB', 'FR'])));
          await same((s) => s.addBuckets(deltas(classified), batch));
        } else if (action < 0.4) {
          const keys = Array.from({ length: 3 }, () => `bluesky:p${pick(posts)}`);
          await same((s) => s.release(keys, `batch-${Math.floor(next() * 60)}`));
        } else if (action < 0.5) {
          const value = { step, open: [pick(['psn/GB', 'steam/FR'])] };
          const key = pick(['detector:state', 'signals "7" \\ é', 'recent:psn']);
          await same((s) => s.putJson(key, value));
        } else if (action < 0.65) {
          clock += Math.floor(next() * 4 * 60_000);
        } else if (action < 0.85) {
          await Promise.all(stores.map((s) => s.flush()));
        } else {
          // A restart: a clean close, or a kill right after a save (the store is left without closing).
          const clean = next() < 0.5;
          for (const i of [0, 1]) {
            if (clean) await stores[i].close();
            else await stores[i].flush();
            stores[i] = await EmbeddedStore.open(options(dirs[i], settings[i]));
          }
        }
        if (step % 10 === 0) {
          await same((s) => s.buckets(everything));
          for (const key of ['detector:state', 'signals "7" \\ é', 'recent:psn']) await same((s) => s.getJson(key));
        }
      }
      await Promise.all(stores.map((s) => s.close()));
      const [journaled, rewritten, continuous] = await Promise.all(dirs.map((dir) => savedState(dir, clock)));
      expect(journaled).toEqual(continuous);
      expect(rewritten).toEqual(continuous);
    }
  });

  it('keeps a JSON value of megabytes intact, characters outside the Basic Multilingual Plane included', async () => {
    const store = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    await store.addBuckets(deltas([complaint('a', 'u1', 0)]), 'batch-1');
    await store.flush();
    // The journal encodes long texts in pieces of 2^19 characters: after the record's 27 characters before the text, this emoji's two halves lie on both sides of the first cut.
    const value = { text: `${'x'.repeat((1 << 19) - 28)}😀${'y'.repeat(1 << 20)}😀` };
    await store.putJson('history', value);
    await store.flush();
    expect(store.persistence().lastSave?.kind).toBe('journal');
    const reopened = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    expect(await reopened.getJson('history')).toEqual(value);
    await reopened.close();
    await store.close();
  });

  it('starts from the changes before a torn last record, says so and counts it, and appends after them cleanly', async () => {
    const { store, journal } = await twoSaves();
    const whole = (await stat(journal)).size;
    await store.addBuckets(deltas([complaint('c', 'u3', 0)]), 'batch-3');
    await store.flush();
    // The process was killed while appending batch-3: only part of its record reached the disk.
    await truncate(journal, (whole + (await stat(journal)).size) >> 1);

    const logged: string[] = [];
    const log = console.error;
    console.error = (line: string) => logged.push(line);
    let reopened: EmbeddedStore;
    try {
      reopened = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    } finally {
      console.error = log;
    }
    expect(logged).toEqual([expect.stringMatching(new RegExp(`${journal}: ignored a torn record at byte ${whole}`))]);
    expect(reopened.persistence().ignoredJournalRecords).toBe(1);
    expect((await stat(journal)).size).toBe(whole);
    expect((await reopened.buckets(everything))[0].complaints).toBe(2);
    expect(await reopened.addBuckets(deltas([complaint('c', 'u3', 0)]), 'batch-3')).toBe(true);
    await reopened.flush();
    await appendFile(journal, Buffer.from([7, 0, 0, 0, 1, 2, 3]));

    const again = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
    expect((await again.buckets(everything))[0].complaints).toBe(3);
    expect(again.persistence().ignoredJournalRecords).toBe(1);
    await again.close();
    await reopened.close();
    await store.close();
  });

  /** The store reopened from disk with its one ERROR line (a torn or stale journal) kept off the test output. */
  const openQuietly = async (): Promise<EmbeddedStore> => {
    const log = console.error;
    console.error = () => {};
    return EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 }).finally(() => (console.error = log));
  };

  /** One more complaint saved through `store`, then the store opened again from disk. */
  const addOneAndReopen = async (store: EmbeddedStore): Promise<EmbeddedStore> => {
    await store.addBuckets(deltas([complaint('c', 'u3', 0)]), 'batch-3');
    await store.flush();
    return EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0 });
  };

  it('starts cleanly when the first record of a journal is torn, and counts it', async () => {
    const { store, journal } = await twoSaves();
    await truncate(journal, 20);

    const reopened = await openQuietly();
    expect(reopened.persistence().ignoredJournalRecords).toBe(1);
    expect((await reopened.buckets(everything))[0].complaints).toBe(1);
    const again = await addOneAndReopen(reopened);
    expect((await again.buckets(everything))[0].complaints).toBe(2);
    await again.close();
    await reopened.close();
    await store.close();
  });

  it('ignores a journal of the previous snapshot, left behind when a compaction stopped before deleting it', async () => {
    const { store, journal } = await twoSaves();
    await copyFile(journal, `${journal}.old`);
    await store.close();
    await rename(`${journal}.old`, journal);

    const reopened = await openQuietly();
    expect((await reopened.buckets(everything))[0].complaints).toBe(2);
    const again = await addOneAndReopen(reopened);
    expect((await again.buckets(everything))[0].complaints).toBe(3);
    await again.close();
    await reopened.close();
  });

  it('compacts the journal into a new snapshot once it outgrows its share of the snapshot, so the files stay bounded', async () => {
    const store = await EmbeddedStore.open({ dataDir, flushMs: NEVER, now: () => T0, compactRatio: 0.5, compactMinBytes: 0 });
    for (let i = 0; i < 20; i++) await store.putJson(`history:${i}`, { points: Array.from({ length: 500 }, (_, j) => j * i) });
    await store.flush();
    let largestAppend = 0;
    for (let i = 0; i < 200; i++) {
      await store.putJson(`history:${i % 20}`, { points: Array.from({ length: 500 }, (_, j) => j + i) });
      await store.addBuckets(deltas([complaint(`p${i}`, `u${i}`, i)]), `batch-${i}`);
      await store.flush();
      const { snapshotBytes, journalBytes, lastSave } = store.persistence();
      if (lastSave?.kind === 'journal') largestAppend = Math.max(largestAppend, lastSave.bytes);
      const files = await readdir(dataDir);
      const onDisk = (await Promise.all(files.map((f) => stat(join(dataDir, f))))).reduce((sum, s) => sum + s.size, 0);
      expect(onDisk).toBe(snapshotBytes + journalBytes);
      expect(journalBytes).toBeLessThan(0.5 * snapshotBytes + largestAppend);
    }
    expect(store.persistence().snapshots).toBeGreaterThan(5);
    expect(store.persistence().journalAppends).toBeGreaterThan(100);
    await store.close();
  });

  it('loses at most the changes after the last save when the process writing it is killed (SIGKILL) mid-write, and starts cleanly', async () => {
    // Each round, a writer saves four times (five one-complaint batches and an 8 MB JSON value each), then
    // sends itself SIGKILL at a write call of its fifth save: a journal append cut after 1 or 5 of its
    // 512 KB writes, or the full snapshot that close() writes, at its first write.
    const rounds = [{ killAfterWrites: 1, close: false }, { killAfterWrites: 5, close: false }, { killAfterWrites: 0, close: true }];
    for (const [round, { killAfterWrites, close }] of rounds.entries()) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
        import { open } from 'node:fs/promises';
        import { Aggregator } from './src/aggregate/aggregator.ts';
        import { EmbeddedStore } from './src/aggregate/embedded-store.ts';
        const complaint = ${complaint.toString()};
        const T0 = ${T0};
        const probe = await open(process.execPath, 'r');
        const fileHandle = Object.getPrototypeOf(probe);
        await probe.close();
        const write = fileHandle.write;
        let writesLeft = Infinity;
        fileHandle.write = function (...args) {
          if (writesLeft-- <= 0) process.kill(process.pid, 'SIGKILL');
          return write.apply(this, args);
        };
        const store = await EmbeddedStore.open({ dataDir: ${JSON.stringify(dataDir)}, flushMs: ${NEVER}, now: () => T0, compactMinBytes: 100_000_000 });
        let batch = (await store.getJson('progress'))?.last ?? 0;
        for (let save = 1; ; save++) {
          for (let i = 0; i < 5; i++) {
            batch++;
            await store.claim(['bluesky:p' + batch], 'batch-' + batch);
            const aggregator = new Aggregator();
            aggregator.add(complaint('p' + batch, 'u' + batch, batch % 600));
            await store.addBuckets(aggregator.takeBefore(Infinity), 'batch-' + batch);
          }
          await store.putJson('progress', { last: batch, pad: 'x'.repeat(8_000_000) + batch });
          if (save === 5) writesLeft = ${killAfterWrites};
          await (save === 5 && ${close} ? store.close() : store.flush());
          console.log('saved ' + batch);
        }
      `], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      let saved = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/saved (\d+)/g)) saved = Number(match[1]);
      });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, killedBy) => resolve(killedBy)));
      expect(signal).toBe('SIGKILL');

      const store = await openQuietly();
      expect(store.persistence().ignoredJournalRecords).toBe(close ? 0 : 1);
      // Each change is whole or absent: the batches committed are 1..committed, every one counted once.
      let committed = 0;
      while (!(await store.addBuckets([], `batch-${committed + 1}`))) committed++;
      for (let i = committed + 2; i < committed + 20; i++) expect(await store.addBuckets([], `batch-${i}`)).toBe(true);
      // Every batch of the four confirmed saves is there; of the fifth, those whose records were written before the cut.
      expect(saved).toBe(20 * (round + 1));
      expect(committed).toBeGreaterThanOrEqual(saved);
      expect(committed).toBeLessThanOrEqual(saved + 5);
      if (close) expect(committed).toBe(saved);
      expect((await store.buckets(everything)).reduce((sum, b) => sum + b.complaints, 0)).toBe(committed);
      // A claim may have been saved without its batch's commit: the batch's retry wins it again (countBatch).
      const keys = Array.from({ length: committed + 20 }, (_, i) => `bluesky:p${i + 1}`);
      const claimedBefore = (await store.claim(keys, 'checker')).indexOf(true);
      expect([committed, committed + 1]).toContain(claimedBefore);
      expect((await store.getJson<{ last: number }>('progress'))!.last).toBe(saved);
      // Left without saving: the next writer finds the files as the killed one left them.
    }
  }, 60_000);
});
