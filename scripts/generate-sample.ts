// Writes the seeded sample archive (a replay of 4 Oct 2021) in Twitter, Mastodon and CSV form.
// `npm run generate` writes the bundled demo into data/sample with the defaults below.
import { Command, InvalidArgumentError } from 'commander';
import { writeSampleArchive } from '../src/sample/archive.ts';
import { FORMATS, type FormatName } from '../src/sample/formats.ts';

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('expected an integer');
  return parsed;
}

function formatList(value: string): FormatName[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidArgumentError(`unknown format(s) ${unknown.join(', ') || '(none given)'}; choose from ${FORMATS.join(', ')}`);
  }
  return names as FormatName[];
}

const program = new Command('generate-sample')
  .description('Generate the seeded sample archive: a replay of the 4 Oct 2021 Facebook/WhatsApp/Instagram outage day.')
  .option('--seed <n>', 'random seed (same seed, same bytes)', integer, 42)
  .option('--scale <x>', 'multiplies every volume (1 = the bundled sample, ~64k posts; 16 = ~1M; 40 = ~2.5M)', positiveNumber, 1)
  .option('--out <dir>', 'output folder', 'data/sample')
  .option('--gzip', 'gzip the files (the default)', true)
  .option('--no-gzip', 'write plain files')
  .option('--formats <list>', `comma-separated formats: ${FORMATS.join(',')}`, formatList, [...FORMATS])
  .action(async (options: { seed: number; scale: number; out: string; gzip: boolean; formats: FormatName[] }) => {
    const summary = await writeSampleArchive(options);
    const seconds = summary.millis / 1000;
    process.stdout.write(`${summary.posts} posts in ${seconds.toFixed(1)} s (${Math.round(summary.posts / seconds)} posts/s), seed ${summary.seed}, scale ${summary.scale}\n`);
    for (const [format, entry] of Object.entries(summary.formats)) {
      const { duplicates, malformedLines, missingCreatedAt, badDates } = entry.flaws;
      process.stdout.write(`  ${format.padEnd(8)} ${entry.file}: ${entry.posts} posts, ${entry.lines} lines, ${(entry.bytes / 1e6).toFixed(2)} MB` +
        ` (flaws: ${duplicates} duplicated, ${malformedLines} malformed lines, ${missingCreatedAt} without created_at, ${badDates} bad dates)\n`);
    }
    process.stdout.write(`  truth    ${summary.truthFile}\n`);
  });

await program.parseAsync(process.argv);
