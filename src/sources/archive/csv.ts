// RFC 4180 CSV, streamed: quoted fields may hold commas, doubled quotes and line breaks; records
// end in LF or CRLF. Unquoted lines (the common case) take a split(',') fast path.
import type { TextSplitter } from './json-values.ts';

export type RowSink = (fields: string[], lineNumber: number) => void;
/** A record that cannot be parsed, with the line it starts on. */
export type BrokenRowSink = (reason: string, lineNumber: number) => void;

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const RETURN = 13;
/** Longer records are taken to be an unclosed quote rather than data. */
const MAX_RECORD_CHARS = 1 << 20;

interface QuotedRecord {
  fields: string[];
  /** Index just past the record's line break (or the end of the text). */
  next: number;
  lineBreaks: number;
}

/** Calls `sink` with the fields of every non-blank record and the line the record starts on. */
export class CsvSplitter implements TextSplitter {
  private carry = '';
  private line = 1;

  constructor(
    private readonly sink: RowSink,
    private readonly broken: BrokenRowSink,
  ) {}

  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = text.slice(this.consume(text, false));
  }

  end(): void {
    if (this.carry.length > 0) this.consume(this.carry, true);
    this.carry = '';
  }

  /** Emits every complete record in `text`; returns where the incomplete rest starts. */
  private consume(text: string, atEnd: boolean): number {
    let start = 0;
    let quote = text.indexOf('"');
    while (start < text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) {
        if (!atEnd) return start;
        newline = text.length;
      }
      if (quote !== -1 && quote < start) quote = text.indexOf('"', start);
      if (quote === -1 || quote > newline) {
        const stop = newline > start && text.charCodeAt(newline - 1) === RETURN ? newline - 1 : newline;
        if (stop > start) this.sink(text.slice(start, stop).split(','), this.line);
        this.line++;
        start = newline + 1;
        continue;
      }
      const record = parseQuotedRecord(text, start, atEnd);
      if (!record) {
        if (text.length - start <= MAX_RECORD_CHARS) return start;
        // A quote that never closes would otherwise swallow the rest of the file into one record.
        this.broken(`quoted field not closed within ${MAX_RECORD_CHARS} characters`, this.line);
        this.line++;
        start = newline + 1;
        continue;
      }
      if (record.fields.length === 0) this.broken('unterminated quoted field at end of file', this.line);
      else this.sink(record.fields, this.line);
      this.line += record.lineBreaks + 1;
      start = record.next;
    }
    return start;
  }
}

/**
 * Parses one record that contains quotes, or returns undefined when the text ends inside it and
 * more may come. At the end of the file an unterminated quote gives a record without fields.
 */
function parseQuotedRecord(text: string, start: number, atEnd: boolean): QuotedRecord | undefined {
  const fields: string[] = [];
  let lineBreaks = 0;
  let i = start;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) return atEnd ? { fields: [], next: text.length, lineBreaks: countLineBreaks(text, start, text.length) } : undefined;
        const part = text.slice(i, close);
        lineBreaks += countLineBreaks(part, 0, part.length);
        field += part;
        if (text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          i = close + 2;
          continue;
        }
        if (close + 1 >= text.length && !atEnd) return undefined;
        i = close + 1;
        break;
      }
    }
    // Unquoted field, or stray text after a closing quote: taken literally up to the delimiter.
    const literalStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === NEWLINE || (c === RETURN && text.charCodeAt(i + 1) === NEWLINE)) break;
      i++;
    }
    if (i > literalStart) field += text.slice(literalStart, i);
    fields.push(field);
    if (i >= text.length) {
      if (!atEnd) return undefined;
      return { fields, next: i, lineBreaks };
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    return { fields, next: i + (c === RETURN ? 2 : 1), lineBreaks };
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
