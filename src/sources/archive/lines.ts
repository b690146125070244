// Splitting streamed text into lines without readline (which costs an event per line).

export type LineSink = (line: string, lineNumber: number) => void;
/** A unit of the file that cannot be read (an over-long line, an unbalanced quote), with the line it starts on. */
export type BrokenSink = (reason: string, lineNumber: number) => void;

/**
 * The longest archive record read, in characters (UTF-16 code units): 1 Mi, a thousand times a
 * long post. A longer line (or JSON value, or CSV record) is reported malformed and skipped
 * without being held in memory whole.
 */
export const MAX_RECORD_CHARS = 1 << 20;

export function tooLongReason(maxChars: number): string {
  return `longer than ${maxChars} characters (the limit for one record); skipped`;
}

/** Calls `sink` for every non-blank line, with its 1-based line number; strips a trailing '\r'. */
export class LineSplitter {
  private carry = '';
  private lineNumber = 0;
  /** True while the rest of an over-long line is being passed over. */
  private skipping = false;

  constructor(
    private readonly sink: LineSink,
    private readonly broken: BrokenSink,
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  push(chunk: string): void {
    let text = chunk;
    let start = 0;
    if (this.skipping) {
      const newline = chunk.indexOf('\n');
      if (newline === -1) return;
      this.skipping = false;
      this.tooLong();
      start = newline + 1;
    } else if (this.carry.length > 0) {
      text = this.carry + chunk;
    }
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      this.emit(text, start, end);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.skipping = text.length - start > this.maxChars;
    this.carry = this.skipping ? '' : start === 0 ? text : text.slice(start);
  }

  end(): void {
    if (this.skipping) this.tooLong();
    else if (this.carry.length > 0) this.emit(this.carry, 0, this.carry.length);
    this.carry = '';
    this.skipping = false;
  }

  private emit(text: string, start: number, end: number): void {
    this.lineNumber++;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop === start) return;
    if (stop - start > this.maxChars) return this.broken(tooLongReason(this.maxChars), this.lineNumber);
    const line = text.slice(start, stop);
    if (isBlank(line)) return;
    this.sink(line, this.lineNumber);
  }

  private tooLong(): void {
    this.lineNumber++;
    this.broken(tooLongReason(this.maxChars), this.lineNumber);
  }
}

function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  return first <= 32 && line.trim().length === 0;
}
