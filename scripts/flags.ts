// The bench scripts' command lines: `--name value` flags and the bare arguments between them.
export interface ScriptArgs {
  flags: Map<string, string>;
  paths: string[];
}

export function parseScriptArgs(argv: string[]): ScriptArgs {
  const flags = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) flags.set(argv[i].slice(2), argv[++i] ?? '');
    else paths.push(argv[i]);
  }
  return { flags, paths };
}
