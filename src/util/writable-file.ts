// Checks that a file can be written before the work that produces it starts, so a typo in a path
// costs a second, not a whole analysis followed by a stack trace.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from './error-message.ts';

/** Throws a UserError naming `flag` and what to fix when `path` cannot be written as a file. */
export async function assertWritableFile(path: string, flag: string): Promise<void> {
  const file = resolve(path);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UserError(`${flag} ${path} is a directory; give a file name inside it`);
  if (existing) {
    if (!(await writable(file))) throw new UserError(`${flag} ${path} cannot be written (no permission); choose another file`);
    return;
  }
  const dir = dirname(file);
  const parent = await stat(dir).catch(() => undefined);
  if (!parent) throw new UserError(`${flag} ${path}: directory ${dir} does not exist; create it or choose another path`);
  if (!parent.isDirectory()) throw new UserError(`${flag} ${path}: ${dir} is not a directory; choose another path`);
  if (!(await writable(dir))) throw new UserError(`${flag} ${path}: directory ${dir} is not writable; choose another path`);
}

function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(() => true, () => false);
}
