import { describe, expect, it } from 'vitest';
import { CsvSplitter } from '../src/sources/archive/csv.ts';
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

const lines = (out: Unit[]) => new LineSplitter((text, line) => out.push([line, text]));
const json = (out: Unit[]) => new JsonFileSplitter((text, line) => out.push([line, text]));
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
  it('numbers lines from 1, skips blank ones, strips CR and keeps a last line without newline', () => {
    expect(expectChunkingIrrelevant(lines, 'a\r\n\n  \nb\nc')).toEqual([
      [1, 'a'],
      [4, 'b'],
      [5, 'c'],
    ]);
  });
});

describe('JSON splitting', () => {
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

  it('reports a quote that never closes, on the line where its record starts', () => {
    expect(expectChunkingIrrelevant(csv, 'a,b\n1,"open\nmore')).toEqual([
      [1, ['a', 'b']],
      [2, 'unterminated quoted field at end of file'],
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
