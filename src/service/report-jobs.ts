// Batch reports started over the API: archive paths confined to the data directory, analysed in the
// background, results kept in the store so any API process can answer for them.
import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Store } from '../aggregate/store.ts';
import { expandInputs } from '../sources/archive/index.ts';
import { InputError } from './errors.ts';
import type { ReportJob } from './radar.ts';

export type Analyse = (absolutePaths: string[]) => Promise<unknown>;

const jobKey = (id: string) => `service:report:${id}`;
const LATEST_KEY = 'service:report:latest';

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

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly analyse: Analyse,
  ) {}

  async start(paths: string[]): Promise<ReportJob> {
    const fields = paths.map((_p, i) => (paths.length > 1 ? `body.path.${i}` : 'body.path'));
    const named = await Promise.all(paths.map((p, i) => resolveUnder(this.dataDir, p, fields[i])));
    const absolute = (await Promise.all(named.map((real, i) => this.archivesIn(real, paths[i], fields[i])))).flat();
    const job: ReportJob = { id: randomUUID(), status: 'running', paths, startedAt: new Date().toISOString() };
    await this.store.putJson(jobKey(job.id), job);
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

  get(id: string): Promise<ReportJob | undefined> {
    return this.store.getJson<ReportJob>(jobKey(id));
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
    let finished: ReportJob;
    try {
      const report = await this.analyse(absolute);
      finished = { ...job, status: 'done', finishedAt: new Date().toISOString(), report };
    } catch (error) {
      finished = { ...job, status: 'failed', finishedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) };
    }
    await this.store.putJson(jobKey(job.id), finished);
    if (finished.status === 'done') await this.store.putJson(LATEST_KEY, job.id);
  }
}
