// Splitting a `.json` file into JSON texts without parsing the whole file: a top-level array is
// split element by element, anything else value by value (pretty-printed objects, NDJSON).
import { LineSplitter, MAX_RECORD_CHARS, tooLongReason, type BrokenSink, type LineSink } from './lines.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

export interface TextSplitter {
  push(chunk: string): void;
  end(): void;
}

/**
 * Calls `sink` with each JSON text and the line it starts on. A `.json` file whose first line is a
 * complete JSON value is NDJSON and is split by lines (a broken line then stays one malformed
 * line); otherwise (or when the first line is over the record limit) the file is split by bracket
 * structure. A text over `maxChars` goes to `broken` instead, unread.
 */
export class JsonFileSplitter implements TextSplitter {
  private head = '';
  private inner: TextSplitter | undefined;

  constructor(
    private readonly sink: LineSink,
    private readonly broken: BrokenSink,
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  push(chunk: string): void {
    if (this.inner) return this.inner.push(chunk);
    this.head += chunk;
    const decided = this.head.length > this.maxChars ? this.byStructure() : this.decide(false);
    if (decided) this.start(decided);
  }

  end(): void {
    if (!this.inner) this.start(this.decide(true) ?? this.byStructure());
    this.inner?.end();
  }

  private byStructure(): TextSplitter {
    return new JsonValueSplitter(this.sink, this.broken, this.maxChars);
  }

  private start(inner: TextSplitter): void {
    this.inner = inner;
    const head = this.head;
    this.head = '';
    inner.push(head);
  }

  private decide(atEnd: boolean): TextSplitter | undefined {
    const first = this.head.search(/\S/);
    if (first === -1) return atEnd ? this.byStructure() : undefined;
    if (this.head.charCodeAt(first) !== OPEN_BRACE) return this.byStructure();
    const newline = this.head.indexOf('\n', first);
    if (newline === -1 && !atEnd) return undefined;
    return isJson(this.head.slice(first, newline === -1 ? undefined : newline))
      ? new LineSplitter(this.sink, this.broken, this.maxChars)
      : this.byStructure();
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Splits by bracket depth, tracking strings and escapes across chunk boundaries. The elements of a
 * top-level array come out one by one (base depth 1); other top-level values whole (base depth 0).
 * A value over `maxChars` is scanned to its end without being kept, then reported to `broken`.
 */
export class JsonValueSplitter implements TextSplitter {
  private buffer = '';
  private scanned = 0;
  private unitStart = -1;
  private unitLine = 0;
  private line = 1;
  private depth = 0;
  private baseDepth = 0;
  private seenFirstValue = false;
  private inString = false;
  private escaped = false;
  /** The current unit is over the limit: its text is dropped as it is scanned. */
  private oversized = false;

  constructor(
    private readonly sink: LineSink,
    private readonly broken: BrokenSink,
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  push(chunk: string): void {
    this.buffer = this.buffer.length > 0 ? this.buffer + chunk : chunk;
    this.scan();
    if (this.unitStart !== -1 && this.buffer.length - this.unitStart > this.maxChars) this.oversized = true;
    const keepFrom = this.unitStart === -1 || this.oversized ? this.buffer.length : this.unitStart;
    this.buffer = this.buffer.slice(keepFrom);
    this.scanned -= keepFrom;
    if (this.unitStart !== -1) this.unitStart = 0;
  }

  end(): void {
    if (this.unitStart !== -1) {
      const rest = this.buffer.slice(this.unitStart).trim();
      if (this.oversized) this.broken(tooLongReason(this.maxChars), this.unitLine);
      else if (rest.length > 0) this.sink(rest, this.unitLine);
    }
    this.buffer = '';
    this.unitStart = -1;
    this.oversized = false;
  }

  private scan(): void {
    const text = this.buffer;
    const length = text.length;
    let i = this.scanned;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        else if (c === NEWLINE) this.line++;
        i++;
        continue;
      }
      if (c === NEWLINE) this.line++;
      if (c <= 32) {
        if (this.unitStart !== -1 && this.depth === this.baseDepth) this.emit(i);
        i++;
        continue;
      }
      if (!this.seenFirstValue) {
        this.seenFirstValue = true;
        if (c === OPEN_BRACKET) {
          this.depth = this.baseDepth = 1;
          i++;
          continue;
        }
      }
      if (this.depth === this.baseDepth && (c === COMMA || c === CLOSE_BRACKET)) {
        if (this.unitStart !== -1) this.emit(i);
        if (c === CLOSE_BRACKET && this.baseDepth === 1) this.depth = this.baseDepth = 0;
        i++;
        continue;
      }
      if (this.unitStart === -1) {
        this.unitStart = i;
        this.unitLine = this.line;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth <= this.baseDepth) {
          this.depth = this.baseDepth; // a stray closer ends the (malformed) unit instead of swallowing the file
          this.emit(i + 1);
          i++;
          continue;
        }
      }
      i++;
    }
    this.scanned = i;
  }

  private emit(end: number): void {
    if (this.oversized || end - this.unitStart > this.maxChars) this.broken(tooLongReason(this.maxChars), this.unitLine);
    else this.sink(this.buffer.slice(this.unitStart, end), this.unitLine);
    this.unitStart = -1;
    this.oversized = false;
  }
}
