// The `outage-radar` command line: one sub-command per job, each registered by the module that owns it.
import { Command } from 'commander';
import { registerAnalyseCommand } from './commands/analyse.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerNabCommand } from './commands/nab.ts';
import { registerServeCommand } from './commands/serve.ts';
import { exitOnFatalError } from './util/error-message.ts';

exitOnFatalError((message) => process.stderr.write(`outage-radar: ${message}\n`));

const program = new Command('outage-radar')
  .description('Finds outages of online services in public social-media posts.')
  .showHelpAfterError();

registerAnalyseCommand(program);
registerEvalCommand(program);
registerNabCommand(program);
registerServeCommand(program);

await program.parseAsync(process.argv);
