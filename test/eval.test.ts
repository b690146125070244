import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../src/eval/files.ts';
import { evaluate, type EvalRecord } from '../src/eval/evaluate.ts';
import { ConfusionCounter } from '../src/eval/metrics.ts';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/cli.ts'];

const POSTS = [
  { text: 'is whatsapp down for anyone else?', lang: 'en', label: 'complaint', sentiment: 'negative' },
  { text: "can't log in to instagram, error every time", lang: 'en', label: 'complaint', sentiment: 'negative' },
  { text: 'Storing bij KPN: duizenden klanten zonder internet', lang: 'nl', label: 'news', sentiment: 'neutral' },
  { text: 'ING werkt weer, gelukkig', lang: 'nl', label: 'other', sentiment: 'positive' },
  { text: 'everyone running to twitter to see if whatsapp is down 😂', lang: 'en', label: 'joke' },
];

function writeInputs(): { jsonl: string; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'eval-'));
  const jsonl = join(dir, 'posts.jsonl');
  const csv = join(dir, 'posts.csv');
  writeFileSync(jsonl, POSTS.map((post) => JSON.stringify(post)).join('\n') + '\n');
  const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  writeFileSync(csv, ['text,lang,label,sentiment', ...POSTS.map((p) => [quote(p.text), p.lang, p.label, p.sentiment ?? ''].join(','))].join('\n') + '\n');
  return { jsonl, csv };
}

describe('metrics', () => {
  it('computes precision, recall and F1 of the positive class, its gold count and macro-F1', () => {
    const counter = new ConfusionCounter();
    for (const [gold, predicted] of [['complaint', 'complaint'], ['complaint', 'other'], ['other', 'complaint'], ['other', 'other'], ['news', 'news']]) counter.add(gold, predicted);
    const m = counter.metrics('complaint');
    expect(m).toEqual({ n: 5, precision: 0.5, recall: 0.5, f1: 0.5, support: 2, macroF1: 0.6667 });
  });

  it('scores a class never predicted with F1 0, not NaN', () => {
    const counter = new ConfusionCounter();
    counter.add('complaint', 'other');
    expect(counter.metrics('complaint').f1).toBe(0);
  });
});

describe('evaluate', () => {
  it('scores records per language and fills the confusion matrix', async () => {
    const records: EvalRecord[] = POSTS.map((p) => ({ text: p.text, lang: p.lang, gold: { label: p.label as never } }));
    const result = await evaluate(records, 'complaint');
    expect(result.n).toBe(5);
    expect(Object.keys(result.byLang).sort()).toEqual(['en', 'nl']);
    expect(result.byLang.en.n).toBe(3);
    expect(Object.values(result.confusion).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('skips records without gold for the task', async () => {
    const records: EvalRecord[] = POSTS.map((p) => ({ text: p.text, lang: p.lang, gold: { sentiment: p.sentiment as never } }));
    const result = await evaluate(records, 'sentiment');
    expect(result.n).toBe(4);
    expect(result.skipped).toBe(1);
  });

  it('gives the same figures for the same posts in JSONL and CSV', async () => {
    const { jsonl, csv } = writeInputs();
    for (const task of ['complaint', 'sentiment'] as const) {
      const fromJsonl = await evaluateFiles([jsonl], { task });
      const fromCsv = await evaluateFiles([csv], { task });
      expect(fromCsv.overall).toEqual(fromJsonl.overall);
      expect(fromCsv.byLang).toEqual(fromJsonl.byLang);
      expect(fromCsv.confusion).toEqual(fromJsonl.confusion);
    }
  });
});

describe('outage-radar eval', () => {
  it('prints exactly one JSON object with --json', async () => {
    const { jsonl } = writeInputs();
    const { stdout } = await run(process.execPath, [...CLI, 'eval', '--json', jsonl]);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ task: 'complaint', n: 5 });
    for (const key of ['n', 'precision', 'recall', 'f1', 'macroF1']) expect(result.overall).toHaveProperty(key);
    expect(result.byLang.en).toHaveProperty('macroF1');
    expect(result.confusion.complaint).toBeDefined();
  });

  it('scores sentiment with --task sentiment', async () => {
    const { csv } = writeInputs();
    const { stdout } = await run(process.execPath, [...CLI, 'eval', '--task', 'sentiment', '--json', csv]);
    expect(JSON.parse(stdout)).toMatchObject({ task: 'sentiment', n: 4 });
  });

  it("evaluates the project's own test split with --split test and prints tables", async () => {
    const { stdout } = await run(process.execPath, [...CLI, 'eval', '--split', 'test']);
    expect(stdout).toMatch(/^task complaint: \d+ posts scored/);
    expect(stdout).toMatch(/confusion \(rows gold, columns predicted\)/);
  });

  it('refuses to run without files or a split', async () => {
    await expect(run(process.execPath, [...CLI, 'eval'])).rejects.toMatchObject({ code: 2 });
  });
});
