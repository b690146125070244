// Splitting streamed text into lines without readline (which costs an event per line).

export type LineSink = (line: string, lineNumber: number) => void;

/** Calls `sink` for every non-blank line, with its 1-based line number; strips a trailing '\r'. */
export class LineSplitter {
  private carry = '';
  private lineNumber = 0;

  constructor(private readonly sink: LineSink) {}

  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    let start = 0;
    let end = text.indexOf('\n');
    while (end !== -1) {
      this.emit(text, start, end);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.carry = start === 0 ? text : text.slice(start);
  }

  end(): void {
    if (this.carry.length > 0) this.emit(this.carry, 0, this.carry.length);
    this.carry = '';
  }

  private emit(text: string, start: number, end: number): void {
    this.lineNumber++;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop === start) return;
    const line = text.slice(start, stop);
    if (isBlank(line)) return;
    this.sink(line, this.lineNumber);
  }
}

function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  return first <= 32 && line.trim().length === 0;
}
