/**
 * A payload that cannot be turned into a `Post`. `reason` says which field is wrong and why,
 * so an archive reader can report it next to a file and line number.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';

  constructor(readonly reason: string) {
    super(reason);
  }
}
