// Report jobs run isolated: a report that runs out of memory fails alone, with an error that says what
// to do, while the service keeps answering; a job a stopped process left `running` is failed, not left
// running forever. (Before: one report over the sample plus a post dated 1970 took `serve` down with a
// heap out of memory, and after the restart the job stayed `running`.)
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../src/aggregate/create-store.ts';
import { createApp } from '../src/api/app.ts';
import { isolatedAnalyse } from '../src/live/isolated-analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import { ReportJobs } from '../src/live/report-jobs.ts';
import type { ReportJob } from '../src/live/radar.ts';
import { close, listen } from './service-fixtures.ts';

const API_KEY = 'test-key-123456';
const SAMPLE = new URL('../data/sample/2021-10-04.twitter.jsonl.gz', import.meta.url).pathname;

let dataDir: string;
let service: LiveService | undefined;
let server: Server | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'or-report-jobs-'));
});

afterEach(async () => {
  if (server) await close(server);
  await service?.stop();
  server = service = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

/** A job as a process that stopped mid-report left it in the store: running, its last sign of life an hour ago. */
async function leaveRunningJob(id: string): Promise<void> {
  const store = await createStore({ dataDir });
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  await store.putJson(`service:report:${id}`, { id, status: 'running', paths: ['archives'], startedAt: hourAgo } satisfies ReportJob);
  await store.putJson(`service:report:${id}:alive`, hourAgo);
  await store.putJson('service:report:unfinished', [id]);
  await store.close();
}

describe('report jobs', () => {
  it('fails a report that runs out of memory with an error that says so, while the service keeps answering', async () => {
    await mkdir(join(dataDir, 'archives'));
    await copyFile(SAMPLE, join(dataDir, 'archives', 'sample.jsonl.gz'));
    service = await LiveService.open({ dataDir, latenessMs: 0, analyse: isolatedAnalyse({ memoryMb: 32 }) });
    const api = await listen(createApp(service, { apiKey: API_KEY }));
    server = api.server;
    const started = await fetch(`${api.base}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ path: 'archives' }),
    });
    expect(started.status).toBe(202);
    let job = (await started.json()) as ReportJob;
    const statuses = new Set<number>();
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      statuses.add((await fetch(`${api.base}/v1/services`)).status);
      job = (await (await fetch(`${api.base}/v1/reports/${job.id}`)).json()) as ReportJob;
    }
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/ran out of memory \(its limit is REPORT_MEMORY_MB=32\): raise REPORT_MEMORY_MB/);
    statuses.add((await fetch(`${api.base}/v1/services`)).status);
    expect([...statuses]).toEqual([200]);
  });

  it('still completes a report within its memory cap', async () => {
    await mkdir(join(dataDir, 'archives'));
    await copyFile(SAMPLE, join(dataDir, 'archives', 'sample.jsonl.gz'));
    const store = await createStore({ dataDir });
    const jobs = new ReportJobs(store, dataDir, isolatedAnalyse({ memoryMb: 1024 }));
    const started = await jobs.start(['archives']);
    await jobs.settled();
    const job = await jobs.get(started.id);
    await store.close();
    expect(job?.status).toBe('done');
    expect((job?.report as { input: { parsed: number } }).input.parsed).toBeGreaterThan(40_000);
  });

  it('marks a job left running by an earlier process failed when the service opens', async () => {
    await leaveRunningJob('left-running');
    service = await LiveService.open({ dataDir, latenessMs: 0, analyse: isolatedAnalyse({ memoryMb: 64 }) });
    const job = await service.report('left-running');
    expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted by a restart/) });
    const store = service.store;
    expect(await store.getJson<ReportJob>('service:report:left-running')).toMatchObject({ status: 'failed' });
    expect(await store.getJson<string[]>('service:report:unfinished')).toEqual([]);
  });

  it('leaves running a job whose process is still alive, and fails it once that process stops renewing it', async () => {
    const store = await createStore({ dataDir });
    let finish: () => void = () => undefined;
    const blocked = new ReportJobs(store, dataDir, () => new Promise((resolve) => (finish = () => resolve({}))), { aliveEveryMs: 1_000_000 });
    await mkdir(join(dataDir, 'archives'));
    await copyFile(SAMPLE, join(dataDir, 'archives', 'sample.jsonl.gz'));
    const started = await blocked.start(['archives']);
    // Another process on the same store (as with Redis), starting while the first one is at the job.
    const other = new ReportJobs(store, dataDir, isolatedAnalyse({ memoryMb: 64 }), { aliveEveryMs: 50, staleAfterMs: 200 });
    await other.failInterrupted();
    expect((await other.get(started.id))?.status).toBe('running');
    await new Promise((r) => setTimeout(r, 300));
    expect(await other.get(started.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/) });
    finish();
    await blocked.settled();
    await store.close();
  });
});
