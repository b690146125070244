import { describe, expect, it } from 'vitest';
import { CsvSplitter, MAX_QUOTED_LINES } from '../src/sources/archive/csv.ts';
import { JsonFileSplitter, type TextSplitter } from '../src/sources/archive/json-values.ts';
import { LineSplitter } from '../src/sources/archive/lines.ts';
import { completeCharactersEnd } from '../src/sources/archive/open.ts';

type Unit = [line: number, value: unknown];

/** Feeds `text` to a splitter cut into pieces of `size` characters. */
function split(make: (out: Unit[]) => TextSplitter, text: string, size: number): Unit[] {
  const out: Unit[] = [];
  const splitter = make(out);
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  splitter.end();
  return out;
}

const lines = (out: Unit[]) => new LineSplitter((text, line) => out.push([line, text]), (reason, line) => out.push([line, reason]));
const json = (out: Unit[]) => new JsonFileSplitter((text, line) => out.push([line, text]), (reason, line) => out.push([line, reason]));
const csv = (out: Unit[]) =>
  new CsvSplitter(
    (fields, line) => out.push([line, fields]),
    (reason, line) => out.push([line, reason]),
  );

/** Every chunk size from 1 character up gives the same units as the whole text at once. */
function expectChunkingIrrelevant(make: (out: Unit[]) => TextSplitter, text: string): Unit[] {
  const whole = split(make, text, text.length + 1);
  for (let size = 1; size <= text.length; size++) expect(split(make, text, size), `chunk size ${size}`).toEqual(whole);
  return whole;
}

describe('line splitting', () => {
  it('reports a line over the record limit by its number and reads on, however it was read', () => {
    const small = (out: Unit[]) => new LineSplitter((text, line) => out.push([line, text]), (reason, line) => out.push([line, reason]), 20);
    expect(expectChunkingIrrelevant(small, `a\n${'x'.repeat(45)}\r\nb\n${'y'.repeat(21)}`)).toEqual([
      [1, 'a'],
      [2, 'longer than 20 characters (the limit for one record); skipped'],
      [3, 'b'],
      [4, 'longer than 20 characters (the limit for one record); skipped'],
    ]);
  });

  it('numbers lines from 1, skips blank ones, strips CR and keeps a last line without newline', () => {
    expect(expectChunkingIrrelevant(lines, 'a\r\n\n  \nb\nc')).toEqual([
      [1, 'a'],
      [4, 'b'],
      [5, 'c'],
    ]);
  });
});

describe('JSON splitting', () => {
  const small = (out: Unit[]) => new JsonFileSplitter((text, line) => out.push([line, text]), (reason, line) => out.push([line, reason]), 24);

  it('reports an array element over the record limit by the line it starts on and reads the next elements', () => {
    expect(expectChunkingIrrelevant(small, `[{"a":1},\n{"t":"${'x'.repeat(30)}"},\n{"b":2}]`)).toEqual([
      [1, '{"a":1}'],
      [2, 'longer than 24 characters (the limit for one record); skipped'],
      [3, '{"b":2}'],
    ]);
  });

  it('splits a first line over the record limit by structure rather than waiting for its end', () => {
    expect(expectChunkingIrrelevant(small, `[{"a":1},{"t":"${'[{'.repeat(20)}"},{"b":2},{"c":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}]`)).toEqual([
      [1, '{"a":1}'],
      [1, 'longer than 24 characters (the limit for one record); skipped'],
      [1, '{"b":2}'],
      [1, 'longer than 24 characters (the limit for one record); skipped'],
    ]);
  });

  it('splits a pretty-printed top-level array into its elements with their start lines', () => {
    const text = '[\n  {"a": "x]},\\"y"},\n  {"b": [1, {"c": 2}]}\n  ,{"d":\n 3}\n]\n';
    expect(expectChunkingIrrelevant(json, text)).toEqual([
      [2, '{"a": "x]},\\"y"}'],
      [3, '{"b": [1, {"c": 2}]}'],
      [4, '{"d":\n 3}'],
    ]);
  });

  it('splits concatenated pretty-printed objects one by one', () => {
    expect(expectChunkingIrrelevant(json, '{\n "a": 1\n}\n{\n "b": "}"\n}\n')).toEqual([
      [1, '{\n "a": 1\n}'],
      [4, '{\n "b": "}"\n}'],
    ]);
  });

  it('hands over a truncated last value so that it is reported, not lost', () => {
    expect(expectChunkingIrrelevant(json, '[{"a": 1}, {"b": "cut')).toEqual([
      [1, '{"a": 1}'],
      [1, '{"b": "cut'],
    ]);
  });

  it('ends a unit at a stray closing brace instead of swallowing the rest of the file', () => {
    expect(split(json, '[{"a": 1}}, {"b": 2}]', 100)).toEqual([
      [1, '{"a": 1}'],
      [1, '}'],
      [1, '{"b": 2}'],
    ]);
  });
});

describe('CSV splitting', () => {
  it('gives the same records for every chunking, with quotes, commas, CRLF and line breaks in fields', () => {
    const text = 'id,text\r\n1,"a, ""b""\r\nc"\r\n2,plain\r\n\r\n3,"x"\r\n4,""\n5,tail';
    expect(expectChunkingIrrelevant(csv, text)).toEqual([
      [1, ['id', 'text']],
      [2, ['1', 'a, "b"\r\nc']],
      [4, ['2', 'plain']],
      [6, ['3', 'x']],
      [7, ['4', '']],
      [8, ['5', 'tail']],
    ]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(split(csv, 'a,b"c,d\n', 100)).toEqual([[1, ['a', 'b"c', 'd']]]);
  });

  it('reports a quote that never closes on its line, then reads the lines after it', () => {
    expect(expectChunkingIrrelevant(csv, 'a,b\n1,"open\n2,more')).toEqual([
      [1, ['a', 'b']],
      [2, 'unbalanced quote: the quoted field opened on this line is never closed; the line is skipped and reading resumes at the next one'],
      [3, ['2', 'more']],
    ]);
  });

  it('takes a quote closed on a later line by a quote followed by text as unbalanced: it costs its own line only', () => {
    expect(expectChunkingIrrelevant(csv, 'a,b,c\n1,x,"broken\n2,y,z\n3,y,z\n4,"q",ok\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, 'unbalanced quote: the quoted field opened on this line runs over 3 line breaks to a quote followed by text, not by a delimiter; the line is skipped and reading resumes at the next one'],
      [3, ['2', 'y', 'z']],
      [4, ['3', 'y', 'z']],
      [5, ['4', 'q', 'ok']],
    ]);
  });

  it('takes a quote that runs into a record with more fields than the header as unbalanced', () => {
    expect(expectChunkingIrrelevant(csv, 'a,b,c\n1,x,"broken\n2,y,z",w,v\n3,y,z\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, 'unbalanced quote: the quoted field opened on this line runs over 1 line breaks into a record of 5 fields, the header has 3; the line is skipped and reading resumes at the next one'],
      [3, ['2', 'y', 'z"', 'w', 'v']],
      [4, ['3', 'y', 'z']],
    ]);
  });

  it('still takes a quoted field over several lines that closes well and fills the header', () => {
    expect(expectChunkingIrrelevant(csv, 'a,b,c\n1,x,"line one\nline ""two""\n"\n2,y,z\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x', 'line one\nline "two"\n']],
      [5, ['2', 'y', 'z']],
    ]);
  });

  it(`takes a quote not closed within ${MAX_QUOTED_LINES} line breaks as unbalanced`, () => {
    const rows = Array.from({ length: 150 }, (_, i) => `${i},y`).join('\n');
    const out = split(csv, `a,b\n1,"open\n${rows}\n9,"closed at last"`, 4096);
    expect(out[1]).toEqual([2, `unbalanced quote: the quoted field opened on this line is not closed within ${MAX_QUOTED_LINES} line breaks; the line is skipped and reading resumes at the next one`]);
    expect(out.slice(2).map(([line]) => line)).toEqual(Array.from({ length: 151 }, (_, i) => i + 3));
    expect(out.at(-1)).toEqual([153, ['9', 'closed at last']]);
  });

  it('reports a line over the record limit and reads on at the next line, however it was read', () => {
    const small = (out: Unit[]) => new CsvSplitter((fields, line) => out.push([line, fields]), (reason, line) => out.push([line, reason]), 20);
    expect(expectChunkingIrrelevant(small, `a,b\n1,${'x'.repeat(30)}\n2,"${'q'.repeat(30)}"\n3,ok`)).toEqual([
      [1, ['a', 'b']],
      [2, 'line longer than 20 characters (the limit for one record); skipped'],
      [3, 'line longer than 20 characters (the limit for one record); skipped'],
      [4, ['3', 'ok']],
    ]);
  });

  it('takes a quoted field that spans lines past the record limit as unbalanced', () => {
    const small = (out: Unit[]) => new CsvSplitter((fields, line) => out.push([line, fields]), (reason, line) => out.push([line, reason]), 20);
    expect(expectChunkingIrrelevant(small, `a,b\n1,"${'long line\n'.repeat(3)}"\n3,ok`)).toEqual([
      [1, ['a', 'b']],
      [2, 'unbalanced quote: the quoted field opened on this line is not closed within 20 characters; the line is skipped and reading resumes at the next one'],
      [3, ['long line']],
      [4, ['long line']],
      [5, 'unbalanced quote: the quoted field opened on this line is never closed; the line is skipped and reading resumes at the next one'],
      [6, ['3', 'ok']],
    ]);
  });
});

describe('decoding reads', () => {
  it('cuts a read after its last complete UTF-8 character', () => {
    const bytes = Buffer.from('ok 😢ü', 'utf8');
    expect(completeCharactersEnd(bytes)).toBe(bytes.length);
    expect(completeCharactersEnd(bytes.subarray(0, bytes.length - 1))).toBe(bytes.length - 2);
    expect(completeCharactersEnd(bytes.subarray(0, 5))).toBe(3);
    expect(completeCharactersEnd(bytes.subarray(0, 7))).toBe(7);
  });
});
