// Reads a folder laid out as the Numenta Anomaly Benchmark: data/<category>/<name>.csv (timestamp,value),
// labels/combined_windows.json, config/profiles.json; and one detector's raw results folder.
import { readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One data file with its labelled windows as inclusive row ranges. */
export interface NabFile {
  /** `<category>/<name>.csv`, as in combined_windows.json. */
  name: string;
  timestamps: string[];
  values: number[];
  windows: [number, number][];
}

export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export type Profiles = Record<string, CostMatrix>;

/** Raised when the folder is not a NAB layout or a file in it cannot be parsed. */
export class NabFormatError extends Error {
  override name = 'NabFormatError';
}

interface Csv {
  header: string[];
  rows: string[][];
}

function readCsv(path: string): Csv {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length === 0) throw new NabFormatError(`${path}: empty file`);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function column(csv: Csv, name: string, path: string): number {
  const i = csv.header.indexOf(name);
  if (i < 0) throw new NabFormatError(`${path}: no "${name}" column (header: ${csv.header.join(',')})`);
  return i;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new NabFormatError(`${path} is missing: is this a NAB folder?`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new NabFormatError(`${path}: not JSON (${(e as Error).message})`);
  }
}

/** Reads every file named in labels/combined_windows.json, with its windows mapped to rows. */
export function readCorpus(dir: string): NabFile[] {
  const windowsPath = join(dir, 'labels', 'combined_windows.json');
  const labels = readJson(windowsPath);
  if (typeof labels !== 'object' || labels === null) throw new NabFormatError(`${windowsPath}: expected an object of file -> windows`);
  return Object.entries(labels as Record<string, unknown>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, windows]) => {
      const path = join(dir, 'data', name);
      if (!existsSync(path)) throw new NabFormatError(`${path} is missing (named in ${windowsPath})`);
      const csv = readCsv(path);
      const t = column(csv, 'timestamp', path);
      const v = column(csv, 'value', path);
      const timestamps = csv.rows.map((r, i) => {
        if (Number.isNaN(Date.parse(`${r[t]?.replace(' ', 'T')}Z`))) {
          throw new NabFormatError(`${path}:${i + 2}: timestamp "${r[t]}" is not like 2014-04-01 00:00:00`);
        }
        return r[t];
      });
      const values = csv.rows.map((r, i) => {
        const x = Number(r[v]);
        if (!Number.isFinite(x)) throw new NabFormatError(`${path}:${i + 2}: value "${r[v]}" is not a number`);
        return x;
      });
      if (!Array.isArray(windows)) throw new NabFormatError(`${windowsPath}: "${name}" is not a list of windows`);
      return { name, timestamps, values, windows: windows.map((w) => windowRows(w, timestamps, `${windowsPath} "${name}"`)) };
    });
}

/** Maps a [start, end] window of timestamps to the inclusive row range it covers. */
function windowRows(window: unknown, timestamps: string[], where: string): [number, number] {
  if (!Array.isArray(window) || window.length !== 2 || typeof window[0] !== 'string' || typeof window[1] !== 'string') {
    throw new NabFormatError(`${where}: window ${JSON.stringify(window)} is not [start, end]`);
  }
  const start = window[0].slice(0, 19);
  const end = window[1].slice(0, 19);
  let left = timestamps.findIndex((ts) => ts >= start);
  let right = timestamps.length - 1;
  while (right >= 0 && timestamps[right] > end) right--;
  if (left < 0 || right < left) throw new NabFormatError(`${where}: window ${start}..${end} covers no row`);
  return [left, right];
}

export function readProfiles(dir: string): Profiles {
  const path = join(dir, 'config', 'profiles.json');
  const raw = readJson(path) as Record<string, { CostMatrix?: Partial<CostMatrix> }>;
  const profiles: Profiles = {};
  for (const [name, p] of Object.entries(raw)) {
    const m = p.CostMatrix;
    if (!m || typeof m.tpWeight !== 'number' || typeof m.fpWeight !== 'number' || typeof m.fnWeight !== 'number') {
      throw new NabFormatError(`${path}: profile "${name}" lacks CostMatrix tpWeight / fpWeight / fnWeight`);
    }
    profiles[name] = { tpWeight: m.tpWeight, fpWeight: m.fpWeight, fnWeight: m.fnWeight };
  }
  return profiles;
}

/**
 * Reads one detector's raw results (`<dir>/<category>/<detector>_<name>.csv`, column anomaly_score) for
 * the corpus files; the detector's name is the folder's name.
 */
export function readResults(dir: string, files: NabFile[]): { detector: string; scores: number[][] } {
  const detector = basename(dir.replace(/[/\\]+$/, ''));
  const scores = files.map((f) => {
    const [category, name] = f.name.split('/');
    const path = join(dir, category, `${detector}_${name}`);
    if (!existsSync(path)) throw new NabFormatError(`${path} is missing: results for ${f.name}`);
    const csv = readCsv(path);
    const s = column(csv, 'anomaly_score', path);
    if (csv.rows.length !== f.values.length) {
      throw new NabFormatError(`${path}: ${csv.rows.length} rows, but the data file has ${f.values.length}`);
    }
    return csv.rows.map((r, i) => {
      const x = Number(r[s]);
      if (!Number.isFinite(x)) throw new NabFormatError(`${path}:${i + 2}: anomaly_score "${r[s]}" is not a number`);
      return x;
    });
  });
  return { detector, scores };
}
