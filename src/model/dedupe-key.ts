// The one dedupe key of a post, used by the archive readers, the batch analysis and the stores' claims.
import type { Post } from './types.ts';

/**
 * `source:id`, with `%` and `:` in the source escaped (`%25`, `%3A`) so that the first `:` always
 * ends the source: `a` + `b:c` and `a:b` + `c` no longer meet. Sources without either character
 * (every built-in one) keep the key they always had, so claims already in a store stay valid.
 */
export function dedupeKey(post: Pick<Post, 'source' | 'id'>): string {
  const source = post.source;
  if (!source.includes(':') && !source.includes('%')) return `${source}:${post.id}`;
  return `${source.replaceAll('%', '%25').replaceAll(':', '%3A')}:${post.id}`;
}
