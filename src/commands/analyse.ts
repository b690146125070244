// `outage-radar analyse <files or globs...> --out report.json`: batch analysis of archives into a JSON report.
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { CATALOGUE_FILE, loadCatalogue } from '../classify/catalogue.ts';
import { expandInputs } from '../sources/archive/index.ts';
import { errorLine, isUserError, USER_ERROR_EXIT, UserError } from '../util/error-message.ts';
import { assertWritableFile } from '../util/writable-file.ts';
import { analyseArchives, type AnalyseOptions } from '../batch/analyse.ts';
import type { Report } from '../report/schema.ts';
import { renderPage } from '../page/page-html.ts';
import { MINUTE_MS } from '../model/constants.ts';

interface AnalyseFlags {
  out: string;
  html?: string;
  from?: string;
  to?: string;
  services?: string;
  bucket: string;
  progress: boolean;
  workers?: string;
}

/** A flag the user can fix; printed without a stack trace. */
class UsageError extends UserError {}

export function registerAnalyseCommand(program: Command): void {
  program
    .command('analyse')
    .alias('analyze')
    .description('analyse archived posts (JSONL/JSON/CSV, optionally .gz) and write a JSON report')
    .argument('<inputs...>', 'archive files, directories or globs (e.g. "data/sample/*.gz")')
    .option('-o, --out <file>', 'where to write the report', 'report.json')
    .option('--html <file>', 'also write a page that draws the report as charts')
    .option('--from <time>', 'only posts at or after this ISO time')
    .option('--to <time>', 'only posts before this ISO time')
    .option('--services <ids>', 'comma-separated service ids to report (default: all)')
    .option('--bucket <minutes>', 'bucket size in minutes', '1')
    .option('--workers <n>', 'worker threads for parsing and classifying (default: one per core for large inputs)')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (inputs: string[], flags: AnalyseFlags) => {
      try {
        await runAnalyse(inputs, flags);
      } catch (err) {
        if (isUserError(err)) {
          process.stderr.write(`analyse: ${errorLine(err)}\n`);
          process.exitCode = USER_ERROR_EXIT;
          return;
        }
        throw err;
      }
    });
}

async function runAnalyse(inputs: string[], flags: AnalyseFlags): Promise<void> {
  const options = parseFlags(flags);
  // Checked before the analysis, which can take minutes, rather than after it.
  await assertWritableFile(flags.out, '--out');
  if (flags.html) await assertWritableFile(flags.html, '--html');
  const paths = await expandInputs(inputs);
  if (paths.length === 0) {
    throw new UsageError(`no archive file matches ${inputs.map((i) => `"${i}"`).join(' ')}; give .jsonl, .json or .csv files (optionally .gz), directories or globs`);
  }
  const bar = flags.progress && process.stderr.isTTY ? progressBar() : undefined;
  const report = await analyseArchives(paths, { ...options, onProgress: bar?.update });
  bar?.done();
  await writeOutput(flags.out, '--out', JSON.stringify(report, null, 1) + '\n');
  if (flags.html) await writeOutput(flags.html, '--html', renderPage(report));
  process.stderr.write(summaryLine(report, flags.out) + '\n');
}

function parseFlags(flags: AnalyseFlags): AnalyseOptions {
  const minutes = Number(flags.bucket);
  if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isInteger(minutes * 60)) {
    throw new UsageError(`--bucket must be a positive number of minutes, got "${flags.bucket}"`);
  }
  const workers = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) {
    throw new UsageError(`--workers must be a whole number from 0 (no threads) to 64, got "${flags.workers}"`);
  }
  return {
    workers,
    bucketMs: Math.round(minutes * MINUTE_MS),
    from: parseTime('--from', flags.from),
    to: parseTime('--to', flags.to),
    services: parseServices(flags.services),
  };
}

/** The ids of --services, each one a service of the catalogue: an unknown id would silently report nothing. */
function parseServices(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const catalogue = loadCatalogue();
  const unknown = ids.filter((id) => !catalogue.byId(id));
  if (unknown.length > 0 || ids.length === 0) {
    const named = unknown.length > 0 ? `unknown service id${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}` : 'no service id given';
    throw new UsageError(`--services: ${named}; valid ids are the "id" fields of ${relative(process.cwd(), CATALOGUE_FILE) || CATALOGUE_FILE} (e.g. ${catalogue.services.slice(0, 3).map((s) => s.id).join(', ')}), also listed by GET /v1/services`);
  }
  return ids;
}

/** Writes an output file; a failure (disk full, permissions changed meanwhile) names the flag and the file. */
async function writeOutput(path: string, flag: string, content: string): Promise<void> {
  await writeFile(path, content).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${flag} ${path}: cannot write (${error.code ?? error.message}); choose another path or free the disk`);
  });
}

function parseTime(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`${flag} must be an ISO time like 2021-10-04T15:00:00Z, got "${value}"`);
  return t;
}

export function summaryLine(report: Report, out: string): string {
  const { input, timing } = report;
  const names = [...new Set(report.incidents.map((i) => i.service))];
  return (
    `${input.parsed} posts (${input.malformed} malformed, ${input.duplicates} duplicates` +
    (input.outOfRange > 0 ? `, ${input.outOfRange} out of range` : '') +
    `) from ${input.files.length} files ` +
    `in ${timing.seconds.toFixed(1)}s (${Math.round(timing.postsPerSecond)} posts/s); ` +
    `${input.labels.complaint} complaints; ${report.incidents.length} incidents` +
    (names.length ? ` (${names.join(', ')})` : '') +
    ` -> ${out}`
  );
}

/** A one-line progress bar with posts/s, redrawn in place on stderr. */
function progressBar(): { update: NonNullable<AnalyseOptions['onProgress']>; done: () => void } {
  return {
    update: ({ posts, elapsedMs }) => {
      const rate = Math.round(posts / Math.max(elapsedMs / 1000, 1e-3));
      process.stderr.write(`\r\x1b[Kanalysing: ${posts.toLocaleString('en')} posts, ${rate.toLocaleString('en')} posts/s`);
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}
