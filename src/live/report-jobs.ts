// Batch reports started over the API: archive paths confined to the data directory, analysed in the
// background, results kept in the store so any API process can answer for them. A running job is kept
// alive by its process; one whose process stopped (crash, restart) is failed, not left running forever.
import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Store } from '../aggregate/store.ts';
import { expandInputs } from '../sources/archive/index.ts';
import { InputError } from '../model/errors.ts';
import type { ReportJob } from './radar.ts';
import { errorMessage } from '../util/error-message.ts';

export type Analyse = (absolutePaths: string[]) => Promise<unknown>;

const jobKey = (id: string) => `service:report:${id}`;
/** When the process running a job last said it was still at it. */
const aliveKey = (id: string) => `service:report:${id}:alive`;
const LATEST_KEY = 'service:report:latest';
/** Ids of the jobs started and not yet finished, for the sweep at start-up. */
const UNFINISHED_KEY = 'service:report:unfinished';

export interface ReportJobsOptions {
  /**
   * How often a running job's process renews its sign of life (ms).
   * @defaultValue 10_000
   */
  aliveEveryMs?: number;
  /**
   * A running job without a sign of life for this long has lost its process (ms).
   * @defaultValue 3 x aliveEveryMs
   */
  staleAfterMs?: number;
}

const INTERRUPTED = 'interrupted by a restart: the process running the report stopped before it was done; start it again with POST /v1/reports';

/** The real path of `path` (relative to `dataDir`) when it is a file or folder inside `dataDir`; else an InputError. */
export async function resolveUnder(dataDir: string, path: string, field: string): Promise<string> {
  if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
    throw new InputError(field, `"${path}" must be a path relative to the data directory, without ".."`);
  }
  const root = await realpath(dataDir);
  let real: string;
  try {
    real = await realpath(resolve(root, path));
    await stat(real);
  } catch {
    throw new InputError(field, `"${path}" does not exist under the data directory`);
  }
  const rel = relative(root, real);
  if (rel === '') throw new InputError(field, `"${path}" is the data directory itself; name a file or folder inside it`);
  // A symlink inside the data directory may still point outside it.
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new InputError(field, `"${path}" resolves outside the data directory`);
  }
  return real;
}

export class ReportJobs {
  private readonly running = new Map<string, Promise<void>>();
  private readonly aliveEveryMs: number;
  private readonly staleAfterMs: number;

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly analyse: Analyse,
    options: ReportJobsOptions = {},
  ) {
    this.aliveEveryMs = options.aliveEveryMs ?? 10_000;
    this.staleAfterMs = options.staleAfterMs ?? 3 * this.aliveEveryMs;
  }

  /**
   * Fails the jobs a stopped process left running (their sign of life is stale; `get` fails them);
   * called when the service opens. The others stay listed: a live process may still be at them.
   */
  async failInterrupted(): Promise<void> {
    const ids = (await this.store.getJson<string[]>(UNFINISHED_KEY)) ?? [];
    const jobs = await Promise.all(ids.map((id) => this.get(id)));
    const stillRunning = jobs.filter((job): job is ReportJob => job?.status === 'running').map((job) => job.id);
    await this.store.putJson(UNFINISHED_KEY, stillRunning);
  }

  async start(paths: string[]): Promise<ReportJob> {
    const fields = paths.map((_p, i) => (paths.length > 1 ? `body.path.${i}` : 'body.path'));
    const named = await Promise.all(paths.map((p, i) => resolveUnder(this.dataDir, p, fields[i])));
    const absolute = (await Promise.all(named.map((real, i) => this.archivesIn(real, paths[i], fields[i])))).flat();
    const job: ReportJob = { id: randomUUID(), status: 'running', paths, startedAt: new Date().toISOString() };
    await this.store.putJson(aliveKey(job.id), job.startedAt);
    await this.store.putJson(jobKey(job.id), job);
    await this.updateUnfinished((ids) => [...ids, job.id]);
    const run = this.run(job, absolute).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return job;
  }

  /** The archive files a path names: itself, or a folder's files (each of them confined to the data directory too). */
  private async archivesIn(real: string, path: string, field: string): Promise<string[]> {
    if (!(await stat(real)).isDirectory()) return [real];
    const root = await realpath(this.dataDir);
    const files = await expandInputs([real]);
    if (files.length === 0) throw new InputError(field, `"${path}" is a folder with no .jsonl, .json or .csv archive (optionally .gz) in it`);
    for (const file of files) {
      const rel = relative(root, await realpath(file));
      if (rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new InputError(field, `"${path}" holds ${relative(real, file)}, which resolves outside the data directory`);
    }
    return files;
  }

  /** The job; a running one whose process stopped is failed first. */
  async get(id: string): Promise<ReportJob | undefined> {
    const job = await this.store.getJson<ReportJob>(jobKey(id));
    if (job?.status !== 'running' || this.running.has(id) || !(await this.isStale(id))) return job;
    const failed: ReportJob = { ...job, status: 'failed', finishedAt: new Date().toISOString(), error: INTERRUPTED };
    await this.store.putJson(jobKey(id), failed);
    return failed;
  }

  private async isStale(id: string): Promise<boolean> {
    const alive = await this.store.getJson<string>(aliveKey(id));
    return alive === undefined || Date.now() - Date.parse(alive) > this.staleAfterMs;
  }

  /** Read-modify-write of the unfinished ids: a lost update (two processes at once) only delays a sweep to the job's next read. */
  private async updateUnfinished(change: (ids: string[]) => string[]): Promise<void> {
    await this.store.putJson(UNFINISHED_KEY, change((await this.store.getJson<string[]>(UNFINISHED_KEY)) ?? []));
  }

  async latest(): Promise<ReportJob | undefined> {
    const id = await this.store.getJson<string>(LATEST_KEY);
    return id === undefined ? undefined : this.get(id);
  }

  /** Resolves when every running report has finished. */
  async settled(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async run(job: ReportJob, absolute: string[]): Promise<void> {
    const alive = setInterval(() => void this.store.putJson(aliveKey(job.id), new Date().toISOString()).catch(() => undefined), this.aliveEveryMs);
    alive.unref();
    let finished: ReportJob;
    try {
      const report = await this.analyse(absolute);
      finished = { ...job, status: 'done', finishedAt: new Date().toISOString(), report };
    } catch (error) {
      finished = { ...job, status: 'failed', finishedAt: new Date().toISOString(), error: errorMessage(error) };
    } finally {
      clearInterval(alive);
    }
    await this.store.putJson(jobKey(job.id), finished);
    await this.updateUnfinished((ids) => ids.filter((id) => id !== job.id));
    if (finished.status === 'done') await this.store.putJson(LATEST_KEY, job.id);
  }
}
