import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NabScorer, normalise, probationRows, scaledSigmoid } from '../src/detect/nab/scorer.ts';
import { NabFormatError, readCorpus } from '../src/detect/nab/corpus.ts';
import { runNab } from '../src/commands/nab.ts';

const STANDARD = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };
const LOW_FN = { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 };
const NAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/nab');

/** 100 rows (15 probationary), one window over rows 40..49, detections where `hits` says. */
function oneWindow(hits: Record<number, number>): { scores: number[]; windows: [number, number][] } {
  const scores = new Array<number>(100).fill(0);
  for (const [row, score] of Object.entries(hits)) scores[Number(row)] = score;
  return { scores, windows: [[40, 49]] };
}

describe('NAB scorer', () => {
  it('ignores the first 15% of rows, at most 750', () => {
    expect(probationRows(100)).toBe(15);
    expect(probationRows(4032)).toBe(604);
    expect(probationRows(22695)).toBe(750);
  });

  it('gives a detection on the first row of a window the full true-positive weight', () => {
    const result = new NabScorer([oneWindow({ 40: 0.9 })]).optimise(STANDARD);
    expect(result.raw).toBeCloseTo(1, 12);
    expect(result.score).toBeCloseTo(100, 10);
    expect(result.threshold).toBe(0.9);
  });

  it('weights a later detection in the window by the scaled sigmoid and counts only the earliest', () => {
    const scorer = new NabScorer([oneWindow({ 45: 0.8, 47: 0.8 })]);
    const expected = scaledSigmoid(-0.5) / scaledSigmoid(-1);
    expect(expected).toBeCloseTo(0.85979, 4);
    expect(scorer.rawAt(0.8, STANDARD)).toBeCloseTo(expected, 12);
  });

  it('charges a false positive before any window the full false-positive weight, and less just after a window', () => {
    const before = new NabScorer([oneWindow({ 20: 1, 40: 1 })]).rawAt(1, STANDARD);
    expect(before).toBeCloseTo(1 - 0.11, 12);
    const after = new NabScorer([oneWindow({ 40: 1, 51: 1 })]).rawAt(1, STANDARD);
    expect(after).toBeCloseTo(1 + 0.11 * scaledSigmoid((51 - 49) / 9), 12);
    expect(after).toBeGreaterThan(before);
  });

  it('counts detections in the probationary period for nothing', () => {
    const result = new NabScorer([oneWindow({ 5: 1 })]).optimise(STANDARD);
    expect(result.threshold).toBe(1.1);
    expect(result.raw).toBe(-1);
    expect(result.score).toBe(0);
  });

  it('picks one threshold for all files, the highest among equally good ones', () => {
    // File A rewards flagging at 0.7; file B has a false positive at 0.6 and one at 0.5.
    const a = oneWindow({ 40: 0.7 });
    const b = { scores: new Array<number>(100).fill(0).map((_v, i) => (i === 30 ? 0.6 : i === 31 ? 0.5 : 0)), windows: [] as [number, number][] };
    const result = new NabScorer([a, b]).optimise(STANDARD);
    expect(result.threshold).toBe(0.7);
    expect(result.raw).toBeCloseTo(1, 12);
    // A tie: the same window hit at 0.7 and (later rows cost nothing extra) at 0.65 keeps the higher one.
    const tie = new NabScorer([oneWindow({ 40: 0.7, 41: 0.65 })]).optimise(STANDARD);
    expect(tie.threshold).toBe(0.7);
  });

  it('scores a detector that always says 0.5 as exactly 0 in every profile', () => {
    const files = [oneWindow({}), { scores: new Array<number>(200).fill(0.5), windows: [[100, 119]] as [number, number][] }];
    for (const f of files) f.scores.fill(0.5);
    const scorer = new NabScorer(files);
    expect(scorer.optimise(STANDARD)).toEqual({ raw: -2, threshold: 1.1, score: 0 });
    expect(scorer.optimise(LOW_FN)).toEqual({ raw: -4, threshold: 1.1, score: 0 });
  });

  it('normalises so that missing every window is 0 and hitting each first is 100', () => {
    expect(normalise(-83, STANDARD, 83)).toBe(0);
    expect(normalise(83, STANDARD, 83)).toBe(100);
    expect(normalise(-166, LOW_FN, 83)).toBe(0);
  });
});

describe('NAB corpus', () => {
  it('maps windows to rows and reads CRLF files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nab-'));
    mkdirSync(join(dir, 'data', 'cat'), { recursive: true });
    mkdirSync(join(dir, 'labels'));
    const rows = Array.from({ length: 6 }, (_v, i) => `2014-01-01 00:0${i}:00,${i * 1.5}`);
    writeFileSync(join(dir, 'data', 'cat', 'f.csv'), ['timestamp,value', ...rows].join('\r\n') + '\r\n');
    writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'cat/f.csv': [['2014-01-01 00:02:00.000000', '2014-01-01 00:04:00.000000']] }));
    const [file] = readCorpus(dir);
    expect(file.values).toEqual([0, 1.5, 3, 4.5, 6, 7.5]);
    expect(file.windows).toEqual([[2, 4]]);
  });
});

describe('NAB folder errors', () => {
  it('names the missing labels file when the folder is not a NAB layout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nab-'));
    expect(() => runNab(dir)).toThrow(NabFormatError);
    expect(() => runNab(dir)).toThrow(/labels\/combined_windows\.json is missing/);
  });

  it('names the file and line of a value that is not a number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nab-'));
    mkdirSync(join(dir, 'data', 'cat'), { recursive: true });
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'data', 'cat', 'f.csv'), 'timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,oops\n');
    writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'cat/f.csv': [] }));
    expect(() => readCorpus(dir)).toThrow(/f\.csv:3: value "oops" is not a number/);
  });
});

describe.runIf(existsSync(NAB_DIR))('NAB scorer on the shared NAB data', () => {
  it("reproduces NAB's published scores for the numenta detector's raw results", () => {
    const report = runNab(NAB_DIR, join(NAB_DIR, 'results', 'numenta'));
    expect(report.files).toBe(48);
    expect(report.scores.standard).toBeCloseTo(70.92886633105584, 9);
    expect(report.scores.reward_low_FP_rate).toBeCloseTo(64.98548661333827, 9);
    expect(report.scores.reward_low_FN_rate).toBeCloseTo(74.99675426086455, 9);
    expect(report.thresholds.standard).toBe(0.543099145074);
  });

  it("scores NAB's null detector 0 with threshold 1.1", () => {
    const report = runNab(NAB_DIR, join(NAB_DIR, 'results', 'null'));
    expect(report.scores).toEqual({ standard: 0, reward_low_FP_rate: 0, reward_low_FN_rate: 0 });
    expect(report.thresholds).toEqual({ standard: 1.1, reward_low_FP_rate: 1.1, reward_low_FN_rate: 1.1 });
  });
});
