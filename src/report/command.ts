import type { Command } from 'commander';

// Placeholder until the module's owner implements the command.
export function registerAnalyseCommand(program: Command): void {
  program.command('analyse').description('not implemented yet').action(() => {
    process.stderr.write('analyse: not implemented yet\n');
    process.exitCode = 2;
  });
}
