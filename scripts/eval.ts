// `npm run eval`: the classifier on REAL posts first (the shared real-posts-dev dev part, GermEval,
// UMSAB sentiment, cross-validation on the real sets in training; src/eval/real-posts.ts), then the
// project's template test split as a regression check, then detection on the replayed scenarios and
// the calibration of the confidence on them (src/eval/calibration.ts).
// `--json` prints one object { "real": {...}, "classification": {...}, "detection": {...} } instead of
// tables; progress goes to stderr. Options: --seeds 1,2,3,4 (per incident scenario), --week-seeds 1,
// --scenarios sudden,slow,..., --folds 5 (cross-validation; 0 leaves it out).
import { parseArgs } from 'node:util';
import { evaluateFiles, formatTables } from '../src/eval/files.ts';
import { evaluateRealPosts, formatRealPosts } from '../src/eval/real-posts.ts';
import { TASKS } from '../src/eval/evaluate.ts';
import { evaluateReplays, formatReplayTable } from '../src/eval/replay.ts';
import { SCENARIO_NAMES, type ScenarioName } from '../src/sample/scenarios.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '1,2,3,4' },
    'week-seeds': { type: 'string', default: '1' },
    scenarios: { type: 'string', default: SCENARIO_NAMES.join(',') },
    folds: { type: 'string', default: '5' },
  },
});

function seedList(option: string, text: string): number[] {
  const seeds = text.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
  if (seeds.some((seed) => !Number.isInteger(seed))) fail(`--${option} "${text}": give whole numbers separated by commas, e.g. 1,2,3`);
  return seeds;
}

function scenarioList(text: string): ScenarioName[] {
  const names = text.split(',').map((part) => part.trim());
  const unknown = names.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) fail(`--scenarios: unknown ${unknown.join(', ')} (choose from ${SCENARIO_NAMES.join(', ')})`);
  return names as ScenarioName[];
}

function fail(message: string): never {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(2);
}

const seeds = seedList('seeds', values.seeds);
const weekSeeds = seedList('week-seeds', values['week-seeds']);
const scenarios = scenarioList(values.scenarios);
const [folds] = seedList('folds', values.folds);

process.stderr.write(`eval: real posts${folds > 0 ? `, with ${folds}-fold cross-validation (one model trained per fold)` : ''}...\n`);
const real = await evaluateRealPosts({ folds });

const classification = Object.fromEntries(
  await Promise.all(TASKS.map(async (task) => [task, await evaluateFiles([], { task, split: 'test' })] as const)),
);
const detection = evaluateReplays({
  scenarios,
  seeds,
  weekSeeds,
  onRun: (run, seconds) =>
    process.stderr.write(`eval: replayed ${run.scenario}#${run.seed}: ${run.posts} posts in ${seconds.toFixed(1)} s, ${run.match.falseAlarms.length} false alarms\n`),
});

if (values.json) {
  process.stdout.write(JSON.stringify({ real, classification, detection }) + '\n');
} else {
  process.stdout.write(formatRealPosts(real) + '\n');
  for (const result of Object.values(classification)) process.stdout.write(`REGRESSION CHECK: the project's template test split (synthetic; not a measure of real accuracy)\n${formatTables(result)}\n`);
  process.stdout.write(formatReplayTable(detection));
}
