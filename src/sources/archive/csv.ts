// RFC 4180 CSV, streamed: quoted fields may hold commas, doubled quotes and line breaks; records
// end in LF or CRLF. Unquoted lines (the common case) take a split(',') fast path.
//
// A quote left open would otherwise turn the rest of the file into one field. So a quoted field may
// span lines only within bounds: a record that spans lines must close its quotes within
// MAX_QUOTED_LINES line breaks and the record limit (MAX_RECORD_CHARS), each closing quote followed
// by a delimiter, and have as many fields as the header. Otherwise its opening quote is taken to be unbalanced: the record's first line is
// reported malformed and reading resumes at the next line, so one stray quote costs one line and
// every line is still accounted for (a record, a malformed line or the header).
import type { TextSplitter } from './json-values.ts';
import { MAX_RECORD_CHARS, tooLongReason, type BrokenSink } from './lines.ts';

export type RowSink = (fields: string[], lineNumber: number) => void;

/** Line breaks a quoted field may hold: far more than a real post has, few enough to cut a stray quote short. */
export const MAX_QUOTED_LINES = 100;

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const RETURN = 13;

interface QuotedRecord {
  fields: string[];
  /** Index just past the record's line break (or the end of the text). */
  next: number;
  lineBreaks: number;
  /** A closing quote was followed by text rather than a delimiter (`"a"b`): tolerated on one line only. */
  strayAfterQuote: boolean;
}

/** A record whose opening quote is taken to be unbalanced, and why. */
interface Unbalanced {
  unbalanced: string;
}

/**
 * Calls `sink` with the fields of every non-blank record and the line the record starts on; an
 * over-long line and an unbalanced quote go to `broken` with the line they start on.
 */
export class CsvSplitter implements TextSplitter {
  private carry = '';
  private line = 1;
  /** Fields of the first record (the header), which a record spanning lines must match. */
  private columns: number | undefined;
  /** True while the rest of an over-long line is being passed over. */
  private skipping = false;

  constructor(
    private readonly sink: RowSink,
    private readonly broken: BrokenSink,
    private readonly maxChars = MAX_RECORD_CHARS,
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (this.skipping) {
      const newline = chunk.indexOf('\n');
      if (newline === -1) return;
      this.skipOverLongLine();
      text = chunk.slice(newline + 1);
    } else if (this.carry.length > 0) {
      text = this.carry + chunk;
    }
    this.carry = text.slice(this.consume(text, false));
    if (this.carry.length > this.maxChars) {
      this.carry = '';
      this.skipping = true;
    }
  }

  end(): void {
    if (this.skipping) this.skipOverLongLine();
    else if (this.carry.length > 0) this.consume(this.carry, true);
    this.carry = '';
  }

  private skipOverLongLine(): void {
    this.skipping = false;
    this.broken(`line ${tooLongReason(this.maxChars)}`, this.line);
    this.line++;
  }

  private emit(fields: string[], line: number): void {
    this.columns ??= fields.length;
    this.sink(fields, line);
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
      const stop = newline > start && text.charCodeAt(newline - 1) === RETURN ? newline - 1 : newline;
      if (stop - start > this.maxChars || quote === -1 || quote > newline) {
        if (stop - start > this.maxChars) this.broken(`line ${tooLongReason(this.maxChars)}`, this.line);
        else if (stop > start) this.emit(text.slice(start, stop).split(','), this.line);
        this.line++;
        start = newline + 1;
        continue;
      }
      const parsed = parseQuotedRecord(text, start, atEnd, this.maxChars);
      if (parsed === 'more') return start;
      const record = 'unbalanced' in parsed ? parsed : this.checked(parsed);
      if ('unbalanced' in record) {
        this.broken(`unbalanced quote: the quoted field opened on this line ${record.unbalanced}; the line is skipped and reading resumes at the next one`, this.line);
        this.line++;
        start = newline + 1;
        continue;
      }
      this.emit(record.fields, this.line);
      this.line += record.lineBreaks + 1;
      start = record.next;
    }
    return start;
  }

  /** A record that spans lines must be well formed and have the header's number of fields to be taken as one. */
  private checked(record: QuotedRecord): QuotedRecord | Unbalanced {
    if (record.lineBreaks === 0) return record;
    if (record.strayAfterQuote) return { unbalanced: `runs over ${record.lineBreaks} line breaks to a quote followed by text, not by a delimiter` };
    if (this.columns === undefined || record.fields.length === this.columns) return record;
    return { unbalanced: `runs over ${record.lineBreaks} line breaks into a record of ${record.fields.length} fields, the header has ${this.columns}` };
  }
}

/**
 * Parses one record that contains quotes: its fields, 'more' when the text ends inside it and more
 * may come, or why it cannot be a record (a quote that never closes, or not within the bounds).
 */
function parseQuotedRecord(text: string, start: number, atEnd: boolean, maxChars: number): QuotedRecord | Unbalanced | 'more' {
  const fields: string[] = [];
  const limit = Math.min(text.length, start + maxChars);
  let lineBreaks = 0;
  let strayAfterQuote = false;
  let i = start;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        lineBreaks += countLineBreaks(text, i, close === -1 || close >= limit ? limit : close);
        if (lineBreaks > MAX_QUOTED_LINES) return { unbalanced: `is not closed within ${MAX_QUOTED_LINES} line breaks` };
        if (close === -1 || close >= limit) return unclosed(text, start, atEnd, maxChars);
        field += text.slice(i, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          i = close + 2;
          continue;
        }
        if (close + 1 >= text.length && !atEnd) return 'more';
        i = close + 1;
        if (!isDelimiterAt(text, i)) strayAfterQuote = true;
        break;
      }
    }
    // Unquoted field, or stray text after a closing quote: taken literally up to the delimiter.
    const literalStart = i;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === NEWLINE || (c === RETURN && text.charCodeAt(i + 1) === NEWLINE)) break;
      i++;
    }
    if (i > literalStart) field += text.slice(literalStart, i);
    fields.push(field);
    if (i >= limit) {
      if (i === text.length && atEnd) return { fields, next: i, lineBreaks, strayAfterQuote };
      return text.length - start >= maxChars ? tooLong(maxChars) : 'more';
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    return { fields, next: i + (c === RETURN ? 2 : 1), lineBreaks, strayAfterQuote };
  }
}

/** A quote still open where the text read so far ends. */
function unclosed(text: string, start: number, atEnd: boolean, maxChars: number): Unbalanced | 'more' {
  if (text.length - start >= maxChars) return tooLong(maxChars);
  return atEnd ? { unbalanced: 'is never closed' } : 'more';
}

function tooLong(maxChars: number): Unbalanced {
  return { unbalanced: `is not closed within ${maxChars} characters` };
}

function isDelimiterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i >= text.length || c === COMMA || c === NEWLINE || (c === RETURN && text.charCodeAt(i + 1) === NEWLINE);
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
