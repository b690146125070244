// A token trie: finds every listed phrase in a token sequence with one map lookup per token in the
// common case (most tokens start no phrase).

export interface PhraseHit<T> {
  start: number;
  /** Index one past the last token of the phrase. */
  end: number;
  value: T;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(token, child);
      }
      node = child;
    }
    node.values.push(value);
  }

  /** Every (possibly overlapping) occurrence of every phrase. */
  findAll(tokens: readonly string[], out: PhraseHit<T>[] = []): PhraseHit<T>[] {
    const n = tokens.length;
    const rootNext = this.root.next;
    for (let start = 0; start < n; start++) {
      let node = rootNext.get(tokens[start]);
      let end = start + 1;
      while (node) {
        for (const value of node.values) out.push({ start, end, value });
        if (end >= n || node.next.size === 0) break;
        node = node.next.get(tokens[end]);
        end++;
      }
    }
    return out;
  }
}
