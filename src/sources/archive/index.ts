// Streaming readers for archived posts: JSONL/NDJSON, JSON (array, response page, NDJSON) and CSV,
// each optionally gzipped. Memory stays constant per file; only the dedupe set grows.
import { basename } from 'node:path';
import { LENIENT_REQUIRED_COLUMNS, REQUIRED_COLUMNS } from '../formats/row.ts';
import { CsvSplitter } from './csv.ts';
import { ArchiveError } from './errors.ts';
import { JsonFileSplitter, type TextSplitter } from './json-values.ts';
import { LineSplitter } from './lines.ts';
import { readTextChunks } from './open.ts';
import { RecordCollector, type ArchiveRecord } from './records.ts';

export { ArchiveError } from './errors.ts';
export { ARCHIVE_FILE, expandInputs } from './glob.ts';
export { dedupeKey, type ArchiveRecord } from './records.ts';

export interface ReadOptions {
  /**
   * Evaluation files (default false): a line needs only `text`; the id defaults to
   * `<file basename>:<line>` and createdAt to ''. Gold `label`/`sentiment` are read in both modes.
   */
  lenient?: boolean;
  /**
   * Read only the lines whose number n has n % count === index (1-based line numbers), so that
   * `count` readers of the same files share the parsing between them; lines of other partitions
   * are skipped before they are parsed. Duplicates are then only found within a partition.
   */
  partition?: { index: number; count: number };
  /** Report posts seen before as `duplicate` records (default true). A caller that deduplicates itself turns it off. */
  dedupe?: boolean;
}

/** Every record of one archive file. Throws an ArchiveError when the file cannot be read at all. */
export async function* readArchive(path: string, opts: ReadOptions = {}): AsyncGenerator<ArchiveRecord> {
  yield* readArchives([path], opts);
}

/** Every record of several archive files in order, a post seen in an earlier file being a duplicate. */
export async function* readArchives(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ArchiveRecord> {
  for await (const batch of readArchiveBatches(paths, opts)) yield* batch;
}

/**
 * The records of several archive files in batches (one per chunk read, about 64 KiB of text):
 * the fast way to consume an archive, since per-record async iteration costs more than parsing.
 */
export async function* readArchiveBatches(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ArchiveRecord[]> {
  const seen = new Set<string>();
  for (const path of paths) yield* fileBatches(path, opts, seen);
}

async function* fileBatches(file: string, opts: ReadOptions, seen: Set<string>): AsyncGenerator<ArchiveRecord[]> {
  const format = formatOf(file);
  const lenient = opts.lenient ?? false;
  const context = {
    source: format === 'csv' ? 'csv' : 'jsonl',
    lenient,
    baseName: basename(file),
    partition: opts.partition,
    dedupe: opts.dedupe ?? true,
  } as const;
  const collector = new RecordCollector(file, context, seen);
  const splitter = splitterFor(format, collector, lenient);
  for await (const chunk of readTextChunks(file)) {
    splitter.push(chunk);
    if (collector.batch.length > 0) yield collector.take();
  }
  splitter.end();
  if (collector.batch.length > 0) yield collector.take();
}

type ArchiveFormat = 'lines' | 'json' | 'csv';

function formatOf(file: string): ArchiveFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'lines';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  throw new ArchiveError(file, 'unsupported archive type: expected .jsonl, .ndjson, .json or .csv, optionally .gz');
}

function splitterFor(format: ArchiveFormat, collector: RecordCollector, lenient: boolean): TextSplitter {
  const json = (text: string, line: number) => collector.json(text, line);
  const broken = (reason: string, line: number) => collector.malformed(reason, line);
  if (format === 'lines') return new LineSplitter(json, broken);
  if (format === 'json') return new JsonFileSplitter(json, broken);
  return csvSplitter(collector, lenient);
}

/** The first CSV record names the columns; each later record becomes a row keyed by them. */
function csvSplitter(collector: RecordCollector, lenient: boolean): CsvSplitter {
  let columns: string[] | undefined;
  return new CsvSplitter(
    (fields, line) => {
      if (!columns) {
        columns = checkedHeader(collector.file, fields, lenient);
        return;
      }
      if (fields.length !== columns.length) {
        collector.malformed(`CSV row has ${fields.length} fields, the header has ${columns.length}`, line);
        return;
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]] = fields[i];
      collector.fields(row, line);
    },
    (reason, line) => collector.malformed(reason, line),
  );
}

function checkedHeader(file: string, fields: string[], lenient: boolean): string[] {
  const columns = fields.map((field) => field.trim().toLowerCase());
  const required: readonly string[] = lenient ? LENIENT_REQUIRED_COLUMNS : REQUIRED_COLUMNS;
  const missing = required.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new ArchiveError(file, `CSV header must name the columns ${required.join(', ')}; missing ${missing.join(', ')} (found: ${columns.join(', ')})`);
  }
  return columns;
}

