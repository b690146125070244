// `outage-radar nab DIR [--json] [--results DIR]`: scores the project's detector (or another detector's
// raw NAB results) on a Numenta Anomaly Benchmark folder with NAB's own rules.
import type { Command } from 'commander';
import { readCorpus, readProfiles, readResults, NabFormatError } from '../detect/nab/corpus.ts';
import { NabScorer, type ProfileResult } from '../detect/nab/scorer.ts';
import { anomalyScores } from '../detect/nab/runner.ts';

export interface NabReport {
  files: number;
  windows: number;
  detector: string;
  scores: Record<string, number>;
  thresholds: Record<string, number>;
  raw: Record<string, number>;
  seconds: number;
}

/** Scores one detector on the NAB folder `dir`: the project's own, or the raw results in `resultsDir`. */
export function runNab(dir: string, resultsDir?: string): NabReport {
  const started = performance.now();
  const files = readCorpus(dir);
  const profiles = readProfiles(dir);
  const { detector, scores } = resultsDir
    ? readResults(resultsDir, files)
    : { detector: 'outage-radar', scores: files.map((f) => anomalyScores(f.values, f.timestamps)) };
  const scorer = new NabScorer(files.map((f, i) => ({ scores: scores[i], windows: f.windows })));
  const results: Record<string, ProfileResult> = {};
  for (const [name, cost] of Object.entries(profiles)) results[name] = scorer.optimise(cost);
  const pick = (key: keyof ProfileResult) => Object.fromEntries(Object.entries(results).map(([p, r]) => [p, r[key]]));
  return {
    files: files.length,
    windows: scorer.windows,
    detector,
    scores: pick('score'),
    thresholds: pick('threshold'),
    raw: pick('raw'),
    seconds: (performance.now() - started) / 1000,
  };
}

export function registerNabCommand(program: Command): void {
  program
    .command('nab')
    .description('score a detector on a Numenta Anomaly Benchmark folder (data/, labels/, config/) with NAB\'s rules')
    .argument('<dir>', 'NAB folder')
    .option('--results <dir>', "score this detector's raw results (<dir>/<category>/<detector>_<file>.csv) instead of the project's detector")
    .option('--json', 'print one JSON object')
    .action((dir: string, options: { results?: string; json?: boolean }) => {
      let report: NabReport;
      try {
        report = runNab(dir, options.results);
      } catch (e) {
        if (!(e instanceof NabFormatError)) throw e;
        process.stderr.write(`nab: ${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      process.stdout.write(`${report.detector} on ${report.files} files, ${report.windows} windows (${report.seconds.toFixed(1)} s)\n`);
      for (const [profile, score] of Object.entries(report.scores)) {
        process.stdout.write(`  ${profile.padEnd(20)} ${score.toFixed(2).padStart(7)}   threshold ${report.thresholds[profile]}   raw ${report.raw[profile].toFixed(4)}\n`);
      }
    });
}
