import type { Command } from 'commander';

// Placeholder until the module's owner implements the command.
export function registerNabCommand(program: Command): void {
  program.command('nab').description('not implemented yet').action(() => {
    process.stderr.write('nab: not implemented yet\n');
    process.exitCode = 2;
  });
}
