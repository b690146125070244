// Turning the texts and rows a splitter finds into archive records: posts, malformed lines, duplicates.
import { dedupeKey } from '../../model/dedupe-key.ts';
import type { Post } from '../../model/types.ts';
import { capText } from '../../text/cap.ts';
import { FormatError, type PayloadItem } from '../formats/errors.ts';
import { postFromRow, type RowContext } from '../formats/row.ts';
import { postsFromJsonValue } from './shapes.ts';

export type ArchiveRecord =
  /** `truncatedFrom`: the length of a text cut to MAX_POST_TEXT_CHARS. */
  | { kind: 'post'; post: Post; file: string; line: number; truncatedFrom?: number }
  | { kind: 'malformed'; file: string; line: number; reason: string }
  | { kind: 'duplicate'; file: string; line: number; key: string };

export { dedupeKey };

/** What every row of a file shares: its source name, the reading mode and the base name for fallback ids. */
export interface FileContext {
  source: RowContext['source'];
  lenient: boolean;
  baseName: string;
  /** Only lines with line % count === index belong to this reader (see ReadOptions.partition). */
  partition?: { index: number; count: number };
  /** False: every post is a `post` record, duplicates included (the caller deduplicates). */
  dedupe?: boolean;
}

/** Collects the records of one file into `batch`, deduplicating against `seen` (shared across files). */
export class RecordCollector {
  batch: ArchiveRecord[] = [];

  constructor(
    readonly file: string,
    private readonly context: FileContext,
    private readonly seen: Set<string>,
  ) {}

  /** Hands over the records collected so far. */
  take(): ArchiveRecord[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }

  /** Whether a line belongs to this reader's partition. */
  owns(line: number): boolean {
    const partition = this.context.partition;
    return !partition || line % partition.count === partition.index;
  }

  json(text: string, line: number): void {
    if (!this.owns(line)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.malformed(`invalid JSON: ${(error as Error).message}`, line);
      return;
    }
    this.collect(line, () => postsFromJsonValue(value, this.rowContext(line)));
  }

  fields(record: Record<string, unknown>, line: number): void {
    if (!this.owns(line)) return;
    this.collect(line, () => [postFromRow(record, this.rowContext(line))]);
  }

  malformed(reason: string, line: number): void {
    if (!this.owns(line)) return;
    this.batch.push({ kind: 'malformed', file: this.file, line, reason });
  }

  /**
   * A line whose mapping fails is a malformed record, and so is each rejected item of a page (its
   * other items stay posts); any other error is a bug and propagates.
   */
  private collect(line: number, map: () => PayloadItem[]): void {
    try {
      for (const item of map()) {
        if (item instanceof FormatError) this.malformed(item.reason, line);
        else this.post(item, line);
      }
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      this.malformed(error.reason, line);
    }
  }

  private post(post: Post, line: number): void {
    if (this.context.dedupe !== false) {
      const key = dedupeKey(post);
      if (this.seen.has(key)) {
        this.batch.push({ kind: 'duplicate', file: this.file, line, key });
        return;
      }
      this.seen.add(key);
    }
    const text = capText(post.text);
    if (text === post.text) this.batch.push({ kind: 'post', post, file: this.file, line });
    else this.batch.push({ kind: 'post', post: { ...post, text }, file: this.file, line, truncatedFrom: post.text.length });
  }

  private rowContext(line: number): RowContext {
    return { source: this.context.source, lenient: this.context.lenient, fallbackId: this.context.lenient ? `${this.context.baseName}:${line}` : '' };
  }
}
