import type { Command } from 'commander';

// Placeholder until the module's owner implements the command.
export function registerEvalCommand(program: Command): void {
  program.command('eval').description('not implemented yet').action(() => {
    process.stderr.write('eval: not implemented yet\n');
    process.exitCode = 2;
  });
}
