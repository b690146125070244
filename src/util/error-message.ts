// The one way a process reports a fatal error: one line that says what to fix, secrets redacted.
import { redactUrls } from './redact.ts';

/**
 * A cause the user can fix (a flag, a path, a setting, an unreachable server): printed as its
 * message alone, without a stack, and the process exits with USER_ERROR_EXIT.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** Exit status for a cause the user can fix; 1 stays for bugs. */
export const USER_ERROR_EXIT = 2;

export function isUserError(error: unknown): error is Error {
  return error instanceof UserError;
}

/** What an error says: its message, or the thrown value itself when it is no Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error's message on one line, without passwords of URLs in it. */
export function errorLine(error: unknown): string {
  return redactUrls(errorMessage(error)).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * What to print for an error that ends the process: the line alone for a UserError, the stack too
 * for anything else (a bug: the stack is what its fix needs), redacted either way.
 */
export function fatalMessage(error: unknown): string {
  if (isUserError(error) || !(error instanceof Error) || !error.stack) return errorLine(error);
  return redactUrls(error.stack);
}

/**
 * Ends the process on an error nobody caught (a failed start-up, a rejected top-level await) with
 * fatalMessage through `log` and the exit status it calls for. Installed first thing by every entry point.
 */
export function exitOnFatalError(log: (message: string) => void): void {
  const fail = (error: unknown) => {
    log(fatalMessage(error));
    process.exit(isUserError(error) ? USER_ERROR_EXIT : 1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}
