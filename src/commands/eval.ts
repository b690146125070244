// `outage-radar eval FILE... [--task complaint|sentiment] [--json] [--split test]`: scores the
// classifier on labelled archive files (any format the archive readers accept) or on the project's
// own test split.
import { Option, type Command } from 'commander';
import { TASKS } from '../eval/evaluate.ts';
import { evaluateFiles, formatTables, SPLITS, type EvalCommandOptions } from '../eval/files.ts';

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('score the classifier on labelled posts (complaint F1 per language, or sentiment)')
    .argument('[files...]', 'archive files or folders with gold labels (JSONL, JSON, CSV, optionally .gz)')
    .addOption(new Option('--task <task>', 'what to score').choices(TASKS).default('complaint'))
    .option('--json', 'print exactly one JSON object instead of tables')
    .addOption(new Option('--split <name>', "the project's own labelled split instead of files").choices(Object.keys(SPLITS)))
    .action(async (files: string[], options: EvalCommandOptions, command: Command) => {
      if (files.length === 0 && !options.split) command.error('eval: give labelled files, or --split test', { exitCode: 2 });
      if (files.length > 0 && options.split) command.error('eval: give either files or --split, not both', { exitCode: 2 });
      const result = await evaluateFiles(files, options);
      process.stdout.write(options.json ? JSON.stringify(result) + '\n' : formatTables(result));
    });
}
