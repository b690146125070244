// Writes the generated day as archive files, one per source format, streaming (gzip optional),
// plus a truth file: what the day contains and which incidents a detector should find.
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import { DAY_SOURCES, OUTAGE_DAY, generateOutageDay, outageDayTruth } from './outage-day.ts';
import { FLAW_SCHEDULE, encoderFor, type Encoder, type Flaw, type FlawCounts, type FormatName } from './formats.ts';
import type { TruthIncident } from './truth.ts';

export interface ArchiveOptions {
  seed: number;
  scale: number;
  /** Output folder (created if missing). */
  out: string;
  gzip: boolean;
  formats: readonly FormatName[];
}

export interface FormatSummary {
  file: string;
  posts: number;
  lines: number;
  bytes: number;
  flaws: FlawCounts;
}

export interface ArchiveSummary {
  seed: number;
  scale: number;
  date: string;
  posts: number;
  byKind: Record<string, number>;
  byLanguage: Record<string, number>;
  formats: Partial<Record<FormatName, FormatSummary>>;
  truth: TruthIncident[];
  truthFile: string;
  millis: number;
}

const FLUSH_BYTES = 256 * 1024;

export function archiveFileName(format: FormatName, gzip: boolean): string {
  const base = format === 'csv' ? `${OUTAGE_DAY.date}.csv` : `${OUTAGE_DAY.date}.${format}.jsonl`;
  return gzip ? `${base}.gz` : base;
}

/** One output file: buffered text into an optional gzip stream into the file, honouring back-pressure. */
class OutputFile {
  readonly path: string;
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly lineEnd: string;
  private buffer = '';
  lines = 0;

  constructor(path: string, gzip: boolean, lineEnd: string) {
    this.path = path;
    this.lineEnd = lineEnd;
    this.file = createWriteStream(path);
    this.gzip = gzip ? createGzip({ level: 6 }) : undefined;
    this.gzip?.pipe(this.file);
  }

  async write(lines: readonly string[]): Promise<void> {
    for (const line of lines) this.buffer += line + this.lineEnd;
    this.lines += lines.length;
    if (this.buffer.length >= FLUSH_BYTES) await this.flush();
  }

  async close(): Promise<number> {
    await this.flush();
    (this.gzip ?? this.file).end();
    await once(this.file, 'close');
    return this.file.bytesWritten;
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const target = this.gzip ?? this.file;
    const drained = target.write(this.buffer);
    this.buffer = '';
    if (!drained) await once(target, 'drain');
  }
}

interface FormatState {
  encoder: Encoder;
  output: OutputFile;
  flaws: { at: number; flaw: Flaw }[];
  posts: number;
}

/** Generates the 4 Oct 2021 day and writes it; same options, byte-identical files. */
export async function writeSampleArchive(options: ArchiveOptions): Promise<ArchiveSummary> {
  const started = Date.now();
  if (options.formats.length === 0) throw new Error('writeSampleArchive: choose at least one format (twitter, mastodon, csv)');
  mkdirSync(options.out, { recursive: true });
  const states: Record<string, FormatState> = {};
  const sources: Record<string, number> = {};
  for (const format of options.formats) {
    sources[format] = DAY_SOURCES[format];
    states[format] = {
      encoder: encoderFor(format, options.seed),
      // CSV line ends are CRLF (RFC 4180).
      output: new OutputFile(join(options.out, archiveFileName(format, options.gzip)), options.gzip, format === 'csv' ? '\r\n' : '\n'),
      flaws: FLAW_SCHEDULE[format].map(({ hour, flaw }) => ({ at: OUTAGE_DAY.start + hour * 3_600_000, flaw })).sort((a, b) => a.at - b.at),
      posts: 0,
    };
  }
  const byKind: Record<string, number> = {};
  const byLanguage: Record<string, number> = {};
  let posts = 0;
  for (const sample of generateOutageDay({ seed: options.seed, scale: options.scale, sources })) {
    const state = states[sample.post.source];
    const at = Date.parse(sample.post.createdAt);
    const flaw = state.flaws.length > 0 && state.flaws[0].at <= at ? state.flaws.shift()?.flaw : undefined;
    const lines = state.encoder.add(sample, flaw);
    await state.output.write(lines);
    state.posts++;
    posts++;
    byKind[sample.kind] = (byKind[sample.kind] ?? 0) + 1;
    const lang = sample.post.lang ?? 'und';
    byLanguage[lang] = (byLanguage[lang] ?? 0) + 1;
  }
  const formats: Partial<Record<FormatName, FormatSummary>> = {};
  for (const format of options.formats) {
    const state = states[format];
    await state.output.write(state.encoder.finish());
    const bytes = await state.output.close();
    formats[format] = { file: state.output.path, posts: state.posts, lines: state.output.lines, bytes, flaws: state.encoder.flaws };
  }
  const truth = outageDayTruth(options.scale);
  const truthFile = join(options.out, `${OUTAGE_DAY.date}.truth.json`);
  const summary: ArchiveSummary = {
    seed: options.seed, scale: options.scale, date: OUTAGE_DAY.date, posts, byKind, byLanguage, formats, truth, truthFile,
    millis: Date.now() - started,
  };
  writeFileSync(truthFile, `${JSON.stringify({
    date: OUTAGE_DAY.date,
    seed: options.seed,
    scale: options.scale,
    incidents: truth,
    posts,
    byKind: sortedRecord(byKind),
    byLanguage: sortedRecord(byLanguage),
    files: Object.fromEntries(Object.entries(formats).map(([format, entry]) => [format, {
      file: archiveFileName(format as FormatName, options.gzip), posts: entry.posts, lines: entry.lines, flaws: entry.flaws,
    }])),
  }, null, 2)}\n`);
  return summary;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
