import { UserError } from '../../util/error-message.ts';

/** An archive file that cannot be read at all (missing, unreadable, corrupt gzip, unusable CSV header). */
export class ArchiveError extends UserError {
  override readonly name = 'ArchiveError';

  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}
