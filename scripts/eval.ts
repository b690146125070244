// `npm run eval`: the classifier's figures on the project's test split (complaint and sentiment),
// then detection on the replayed incident scenarios. `--json` prints one object
// { "classification": {...}, "detection": {...} } instead of tables; progress goes to stderr.
// Options: --seeds 1,2,3,4 (per incident scenario; the default keeps the run near 30-60 s), --week-seeds 1, --scenarios sudden,slow,...
import { parseArgs } from 'node:util';
import { evaluateFiles, formatTables } from '../src/eval/command.ts';
import { TASKS } from '../src/eval/evaluate.ts';
import { evaluateReplays, formatReplayTable } from '../src/eval/replay.ts';
import { SCENARIO_NAMES, type ScenarioName } from '../src/sample/scenarios.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '1,2,3,4' },
    'week-seeds': { type: 'string', default: '1' },
    scenarios: { type: 'string', default: SCENARIO_NAMES.join(',') },
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
  process.stdout.write(JSON.stringify({ classification, detection }) + '\n');
} else {
  for (const result of Object.values(classification)) process.stdout.write(`classifier on the test split\n${formatTables(result)}\n`);
  process.stdout.write(formatReplayTable(detection));
}
