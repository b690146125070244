// Scoring the classifier on labelled archive files (any format the archive readers accept) or on the
// project's own test split: the records, the figures and their tables.
import { fileURLToPath } from 'node:url';
import { expandInputs, readArchives } from '../sources/archive/index.ts';
import { evaluate, type EvalRecord, type EvalResult, type EvalTask } from './evaluate.ts';
import type { Metrics } from './metrics.ts';

export const SPLITS: Record<string, string> = {
  test: fileURLToPath(new URL('../../data/labelled/test.jsonl', import.meta.url)),
};

export interface EvalCommandOptions {
  task: EvalTask;
  json?: boolean;
  split?: string;
}

/** Counts of input lines that could not be scored, reported beside the figures. */
export interface InputProblems {
  malformed: number;
  duplicates: number;
}

/** The gold-labelled posts of archive files; malformed lines and duplicates are counted and reported on stderr. */
export async function* evalRecords(files: string[], problems: InputProblems): AsyncGenerator<EvalRecord> {
  for await (const record of readArchives(files, { lenient: true })) {
    if (record.kind === 'post') {
      yield { text: record.post.text, lang: record.post.lang, gold: record.post.gold ?? {} };
    } else if (record.kind === 'malformed') {
      problems.malformed++;
      process.stderr.write(`eval: ${record.file}:${record.line}: skipped, ${record.reason}\n`);
    } else {
      problems.duplicates++;
    }
  }
}

/** Evaluates files (or the named split) and returns the result with the input problems. */
export async function evaluateFiles(files: string[], options: EvalCommandOptions): Promise<EvalResult & InputProblems> {
  const problems: InputProblems = { malformed: 0, duplicates: 0 };
  const inputs = options.split ? [SPLITS[options.split]] : await expandInputs(files);
  const result = await evaluate(evalRecords(inputs, problems), options.task);
  return { ...result, ...problems };
}

function pct(x: number): string {
  return x.toFixed(3);
}

function metricsRow(name: string, m: Metrics): string {
  return [name.padEnd(8), String(m.n).padStart(6), pct(m.precision).padStart(9), pct(m.recall).padStart(7), pct(m.f1).padStart(7), pct(m.macroF1).padStart(9)].join(' ');
}

/** The human-readable tables: figures per language, then the confusion matrix. */
export function formatTables(result: EvalResult & InputProblems): string {
  const positive = result.task === 'complaint' ? 'complaint' : 'negative';
  const lines = [
    `task ${result.task}: ${result.n} posts scored (precision/recall/F1 of ${positive} vs the rest; macro-F1 over the classes)`,
    ['', 'lang'.padEnd(7), 'n'.padStart(6), 'precision'.padStart(9), 'recall'.padStart(7), 'f1'.padStart(7), 'macro-F1'.padStart(9)].join(' ').trimStart(),
    metricsRow('all', result.overall),
    ...Object.entries(result.byLang).map(([lang, m]) => metricsRow(lang, m)),
    '',
    'confusion (rows gold, columns predicted)',
  ];
  const classes = [...new Set([...Object.keys(result.confusion), ...Object.values(result.confusion).flatMap((row) => Object.keys(row))])].sort();
  lines.push(['gold'.padEnd(10), ...classes.map((c) => c.padStart(10))].join(''));
  for (const gold of classes) {
    lines.push([gold.padEnd(10), ...classes.map((c) => String(result.confusion[gold]?.[c] ?? 0).padStart(10))].join(''));
  }
  const notes = [
    result.skipped > 0 ? `${result.skipped} posts without a gold ${result.task === 'complaint' ? 'label' : 'sentiment'}` : '',
    result.malformed > 0 ? `${result.malformed} malformed lines` : '',
    result.duplicates > 0 ? `${result.duplicates} duplicates` : '',
  ].filter(Boolean);
  if (notes.length > 0) lines.push('', `not scored: ${notes.join(', ')}`);
  return lines.join('\n') + '\n';
}
