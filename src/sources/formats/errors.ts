import type { Post } from '../../model/types.ts';

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

/**
 * One item of a payload that may hold many (an X search page): its post, or the reason it was
 * rejected. A bad item is rejected alone; its neighbours in the page still become posts.
 */
export type PayloadItem = Post | FormatError;
