// Detection evaluated on replayed incidents: every scenario of the sample generator goes through the
// real pipeline (classify -> aggregate -> causal detector), and the incidents it announces are matched
// to the scenario's truth: how long after the rise each outage was announced, which were missed, and
// how many alarms match no outage (per service-week watched).
import { SCENARIO_NAMES, generateScenario, type ScenarioName } from '../sample/scenarios.ts';
import { COMPLAINT_TAIL_MS, outageBuckets, type TruthIncident } from '../sample/truth.ts';
import type { Incident } from '../model/types.ts';
import { createPostClassifier, type PostClassifier } from '../pipeline/classify-post.ts';
import type { DetectorOptions } from '../detect/detector.ts';
import { roundTo } from '../util/round.ts';
import { detectIncidents, type DetectedIncident } from './replay-detection.ts';
import type { StepObserver } from '../pipeline/step-detector.ts';
import {
  CALIBRATION_TARGET, calibrationTable, formatCalibrationTable, formatPercent, meetsCalibrationTarget, observeCalibration, poolBinCounts,
  type CalibrationCounts, type CalibrationTable,
} from './calibration.ts';
import { GLOBAL_REGION } from '../model/constants.ts';

const MINUTE = 60_000;

/** The issue's targets. */
export const DETECTION_TARGETS = {
  medianDelayMinutes: 3,
  /** No missed incident above this many complaints an hour at its peak. */
  majorComplaintsPerHour: 200,
  falseAlarmsPerServiceWeek: 1,
  /** Judged on the GLOBAL series. */
  calibration: CALIBRATION_TARGET,
} as const;

export interface MatchOptions {
  bucketMs: number;
  /** An incident announced up to this long after the outage ended still belongs to it (the tail of complaints). Default COMPLAINT_TAIL_MS (60 min). */
  tailMs?: number;
}

/** What became of one truth incident. */
export interface TruthOutcome {
  truth: TruthIncident;
  /** More than DETECTION_TARGETS.majorComplaintsPerHour at its peak. */
  major: boolean;
  /** Minutes from the rise start to the first moment an incident for the service was known open; absent when missed. */
  delayMinutes?: number;
  /** Ids of the detected incidents matched to it (any region). */
  matched: string[];
}

export interface MatchResult {
  outcomes: TruthOutcome[];
  /** Detected incidents that match no truth incident. */
  falseAlarms: DetectedIncident[];
  /** Matched regional incidents in a country where the truth says the outage was not felt ('ZZ' excepted). */
  misplaced: DetectedIncident[];
}

/**
 * An incident is known open from the end of the bucket that opened it until the end of the bucket
 * that closed it (or forever when still open). It matches a truth incident of the same service when
 * that span meets [riseStart, end + tail]. A truth incident is detected when an incident of its
 * service is known open at some moment in [riseStart, end]; the delay is from riseStart to the first
 * such moment (0 when one was already open).
 */
export function matchIncidents(detected: readonly DetectedIncident[], truths: readonly TruthIncident[], options: MatchOptions): MatchResult {
  const tailMs = options.tailMs ?? COMPLAINT_TAIL_MS;
  const knownFrom = (d: DetectedIncident) => d.openedAt + options.bucketMs;
  const knownUntil = (d: DetectedIncident) => (d.closedAt === undefined ? Infinity : d.closedAt + options.bucketMs);
  const matchedIds = new Set<string>();
  const misplaced: DetectedIncident[] = [];
  const outcomes = truths.map((truth): TruthOutcome => {
    const rise = Date.parse(truth.riseStart);
    const end = Date.parse(truth.end);
    const ofService = detected.filter((d) => d.incident.service === truth.service);
    const matched = ofService.filter((d) => knownFrom(d) <= end + tailMs && knownUntil(d) > rise);
    let firstKnown = Infinity;
    for (const d of matched) {
      matchedIds.add(d.incident.id);
      const elsewhere = d.incident.episodes.some((e) => e.region !== 'ZZ' && !truth.regions.includes(e.region));
      if (elsewhere && !misplaced.includes(d)) misplaced.push(d);
      if (knownFrom(d) <= end) firstKnown = Math.min(firstKnown, Math.max(rise, knownFrom(d)));
    }
    return {
      truth,
      major: truth.complaintsPerHourAtPeak > DETECTION_TARGETS.majorComplaintsPerHour,
      ...(firstKnown === Infinity ? {} : { delayMinutes: (firstKnown - rise) / MINUTE }),
      matched: matched.map((d) => d.incident.id),
    };
  });
  return { outcomes, falseAlarms: detected.filter((d) => !matchedIds.has(d.incident.id)), misplaced };
}

/** Linear interpolation between order statistics (the usual "type 7" quantile); undefined for no values. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  if (below === above) return sorted[below];
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** What the detector saw of a truth incident's service from its rise to its end: why it was found late, or not at all. */
export interface TruthTrace {
  /** Highest GLOBAL confidence. */
  peakConfidence: number;
  /** GLOBAL expected complaints per bucket at the rise, and the highest expectation before the end (a baseline that follows the outage up). */
  baselineAtRise: number;
  baselineMax: number;
  /** Complaints counted for the service, by the region they were placed in. */
  complaints: { inTruthRegions: number; unknownRegion: number; elsewhere: number };
}

/** Collects a TruthTrace per truth incident from the detector's steps. */
export function traceTruths(truths: readonly TruthIncident[], bucketMs: number): { observe: StepObserver; traces: TruthTrace[] } {
  const windows = truths.map((truth) => ({ truth, ...outageBuckets(truth, bucketMs) }));
  const traces = truths.map((): TruthTrace => ({
    peakConfidence: 0,
    baselineAtRise: 0,
    baselineMax: 0,
    complaints: { inTruthRegions: 0, unknownRegion: 0, elsewhere: 0 },
  }));
  const observe: StepObserver = (at, { signals }) => {
    windows.forEach(({ truth, from, to }, i) => {
      if (at < from || at >= to) return;
      const trace = traces[i];
      for (const signal of signals) {
        if (signal.service !== truth.service) continue;
        if (signal.region === GLOBAL_REGION) {
          trace.peakConfidence = Math.max(trace.peakConfidence, signal.confidence);
          if (at === from) trace.baselineAtRise = signal.baseline;
          trace.baselineMax = Math.max(trace.baselineMax, signal.baseline);
        } else if (signal.region === 'ZZ') trace.complaints.unknownRegion += signal.complaints;
        else if (truth.regions.includes(signal.region)) trace.complaints.inTruthRegions += signal.complaints;
        else trace.complaints.elsewhere += signal.complaints;
      }
    });
  };
  return { observe, traces };
}

/** One scenario replayed with one seed. */
export interface ReplayRun {
  scenario: ScenarioName;
  seed: number;
  posts: number;
  /** services x weeks the replay watched. */
  serviceWeeks: number;
  match: MatchResult;
  /** One per truth incident, in the order of `match.outcomes`. */
  traces: TruthTrace[];
  calibration: CalibrationCounts;
}

export interface DetectionFigures {
  runs: number;
  truths: number;
  detected: number;
  missed: { major: number; majorOf: number; all: number; allOf: number };
  /**
   * Over the detected outages; `medianCountingMissed` over all of them with a miss counted as never
   * detected (absent when that median is a miss): the target is judged on it, so misses cannot flatter it.
   */
  delayMinutes: { median?: number; p90?: number; n: number; medianCountingMissed?: number };
  falseAlarms: number;
  /** Of the false alarms, those not confined to one region (see isRegional). */
  falseAlarmsGlobal: number;
  misplaced: number;
  serviceWeeks: number;
  falseAlarmsPerServiceWeek: number;
}

/** Pools runs: delays and misses over every truth incident, false alarms over every service-week watched. */
export function summarise(runs: readonly Pick<ReplayRun, 'match' | 'serviceWeeks'>[]): DetectionFigures {
  const outcomes = runs.flatMap((run) => run.match.outcomes);
  const delays = outcomes.flatMap((o) => (o.delayMinutes === undefined ? [] : [o.delayMinutes]));
  const falseAlarms = runs.flatMap((run) => run.match.falseAlarms);
  const serviceWeeks = runs.reduce((sum, run) => sum + run.serviceWeeks, 0);
  const major = outcomes.filter((o) => o.major);
  return {
    runs: runs.length,
    truths: outcomes.length,
    detected: delays.length,
    missed: {
      major: major.filter((o) => o.delayMinutes === undefined).length,
      majorOf: major.length,
      all: outcomes.length - delays.length,
      allOf: outcomes.length,
    },
    delayMinutes: {
      median: finite(quantile(delays, 0.5)),
      p90: finite(quantile(delays, 0.9)),
      n: delays.length,
      medianCountingMissed: finite(quantile(outcomes.map((o) => o.delayMinutes ?? Infinity), 0.5)),
    },
    falseAlarms: falseAlarms.length,
    falseAlarmsGlobal: falseAlarms.filter((d) => !isRegional(d.incident)).length,
    misplaced: runs.reduce((sum, run) => sum + run.match.misplaced.length, 0),
    serviceWeeks: round3(serviceWeeks),
    falseAlarmsPerServiceWeek: serviceWeeks > 0 ? round3(falseAlarms.length / serviceWeeks) : 0,
  };
}

export interface TargetCheck {
  medianDelay: boolean;
  noMajorMissed: boolean;
  falseAlarmRate: boolean;
  calibration: boolean;
}

export function checkTargets(figures: DetectionFigures, calibration: CalibrationTable): TargetCheck {
  return {
    medianDelay: figures.delayMinutes.medianCountingMissed !== undefined && figures.delayMinutes.medianCountingMissed <= DETECTION_TARGETS.medianDelayMinutes,
    noMajorMissed: figures.missed.major === 0,
    falseAlarmRate: figures.falseAlarmsPerServiceWeek <= DETECTION_TARGETS.falseAlarmsPerServiceWeek,
    calibration: meetsCalibrationTarget(calibration),
  };
}

export interface ReplayOptions {
  scenarios?: readonly ScenarioName[];
  /** Seeds per incident or trap scenario; default [1, 2, 3, 4]. */
  seeds?: readonly number[];
  /** Seeds for 'background-week' (a week of posts costs as much as ten scenario days); default [1]. */
  weekSeeds?: readonly number[];
  bucketMs?: number;
  classify?: PostClassifier;
  detector?: Partial<DetectorOptions>;
  /** Called after each run (progress on stderr in the script). */
  onRun?: (run: ReplayRun, seconds: number) => void;
}

/** A detected incident as reported: enough for the detector's owner to find it again. */
export interface AlarmRow {
  scenario: ScenarioName;
  seed: number;
  service: string;
  region: string;
  openedAt: string;
  start: string;
  end?: string;
  peakConfidence: number;
  complaints: number;
}

export interface OutcomeRow {
  scenario: ScenarioName;
  seed: number;
  service: string;
  regions: string[];
  riseStart: string;
  complaintsPerHourAtPeak: number;
  delayMinutes?: number;
  trace: TruthTrace;
}

export interface ReplayEvaluation {
  bucketMs: number;
  seconds: number;
  targets: typeof DETECTION_TARGETS;
  overall: DetectionFigures & { met: TargetCheck };
  scenarios: Partial<Record<ScenarioName, DetectionFigures>>;
  outcomes: OutcomeRow[];
  falseAlarms: AlarmRow[];
  misplaced: AlarmRow[];
  /** Every series-minute of every run by confidence bin; the target is judged on `global`. */
  calibration: { complaintTailMinutes: number; global: CalibrationTable; regional: CalibrationTable };
}

/** Replays every scenario x seed through the pipeline and scores what the detector announced. */
export function evaluateReplays(options: ReplayOptions = {}): ReplayEvaluation {
  const started = performance.now();
  const bucketMs = options.bucketMs ?? MINUTE;
  const classify = options.classify ?? createPostClassifier();
  const runs: ReplayRun[] = [];
  for (const scenario of options.scenarios ?? SCENARIO_NAMES) {
    const seeds = scenario === 'background-week' ? (options.weekSeeds ?? [1]) : (options.seeds ?? [1, 2, 3, 4]);
    for (const seed of seeds) {
      const runStarted = performance.now();
      const run = replayScenario(scenario, seed, { bucketMs, classify, detector: options.detector });
      runs.push(run);
      options.onRun?.(run, (performance.now() - runStarted) / 1000);
    }
  }
  const overall = summarise(runs);
  const calibration = {
    complaintTailMinutes: COMPLAINT_TAIL_MS / MINUTE,
    global: calibrationTable(poolBinCounts(runs.map((run) => run.calibration.global))),
    regional: calibrationTable(poolBinCounts(runs.map((run) => run.calibration.regional))),
  };
  const scenarios: Partial<Record<ScenarioName, DetectionFigures>> = {};
  for (const name of new Set(runs.map((run) => run.scenario))) scenarios[name] = summarise(runs.filter((run) => run.scenario === name));
  return {
    bucketMs,
    seconds: round3((performance.now() - started) / 1000),
    targets: DETECTION_TARGETS,
    overall: { ...overall, met: checkTargets(overall, calibration.global) },
    scenarios,
    outcomes: runs.flatMap((run) => run.match.outcomes.map((o, i) => outcomeRow(run, o, run.traces[i]))),
    falseAlarms: runs.flatMap((run) => run.match.falseAlarms.map((d) => alarmRow(run, d))),
    misplaced: runs.flatMap((run) => run.match.misplaced.map((d) => alarmRow(run, d))),
    calibration,
  };
}

/** One scenario with one seed through the pipeline, matched to its truth. */
export function replayScenario(
  scenario: ScenarioName,
  seed: number,
  options: { bucketMs?: number; classify?: PostClassifier; detector?: Partial<DetectorOptions> } = {},
): ReplayRun {
  const bucketMs = options.bucketMs ?? MINUTE;
  const generated = generateScenario(scenario, seed);
  const tracer = traceTruths(generated.truth, bucketMs);
  const calibration = observeCalibration(generated.truth, bucketMs);
  const onStep: StepObserver = (at, step) => {
    tracer.observe(at, step);
    calibration.observe(at, step);
  };
  const detection = detectIncidents(generated.posts, { bucketMs, classify: options.classify, detector: options.detector, onStep });
  return {
    scenario,
    seed,
    posts: detection.posts,
    serviceWeeks: generated.services.length * generated.weeks,
    match: matchIncidents(detection.incidents, generated.truth, { bucketMs }),
    traces: tracer.traces,
    calibration: calibration.counts,
  };
}

function outcomeRow(run: ReplayRun, outcome: TruthOutcome, trace: TruthTrace): OutcomeRow {
  return {
    scenario: run.scenario,
    seed: run.seed,
    service: outcome.truth.service,
    regions: outcome.truth.regions,
    riseStart: outcome.truth.riseStart,
    complaintsPerHourAtPeak: outcome.truth.complaintsPerHourAtPeak,
    ...(outcome.delayMinutes === undefined ? {} : { delayMinutes: outcome.delayMinutes }),
    trace: {
      peakConfidence: round3(trace.peakConfidence),
      baselineAtRise: round3(trace.baselineAtRise),
      baselineMax: round3(trace.baselineMax),
      complaints: trace.complaints,
    },
  };
}

function alarmRow(run: ReplayRun, d: DetectedIncident): AlarmRow {
  return {
    scenario: run.scenario,
    seed: run.seed,
    service: d.incident.service,
    region: isRegional(d.incident) ? d.incident.episodes[0].region : GLOBAL_REGION,
    openedAt: new Date(d.openedAt).toISOString(),
    start: d.incident.start,
    ...(d.incident.end === undefined ? {} : { end: d.incident.end }),
    peakConfidence: round3(d.incident.peakConfidence),
    complaints: d.incident.complaints,
  };
}

/** An incident of one region alone: its only episodes are that region's, and the service-wide signal named no other. */
function isRegional(incident: Incident): boolean {
  const regions = new Set(incident.episodes.map((e) => e.region));
  return regions.size === 1 && incident.regions.every((r) => regions.has(r));
}

function finite(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) ? round3(x) : undefined;
}

function cell(x: number | undefined): string {
  return x === undefined ? '-' : String(x);
}

/** The human-readable replay table, one row per scenario and the overall row, then the targets. */
export function formatReplayTable(evaluation: ReplayEvaluation): string {
  const header = ['scenario', 'runs', 'truths', 'missed>200/h', 'missed', 'delay med', 'delay p90', 'false al.', 'svc-weeks', 'FA/svc-wk'];
  const widths = [18, 5, 7, 13, 7, 10, 10, 10, 10, 10];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  const figuresRow = (name: string, f: DetectionFigures) =>
    row([
      name,
      String(f.runs),
      String(f.truths),
      `${f.missed.major}/${f.missed.majorOf}`,
      `${f.missed.all}/${f.missed.allOf}`,
      cell(f.delayMinutes.median),
      cell(f.delayMinutes.p90),
      String(f.falseAlarms),
      String(f.serviceWeeks),
      String(f.falseAlarmsPerServiceWeek),
    ]);
  const o = evaluation.overall;
  const calibrated = evaluation.calibration.global.confident;
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = [
    `detection on replayed incidents (${evaluation.bucketMs / 1000} s buckets; delay in minutes from the rise start to the first moment an incident is known open, i.e. the end of the bucket that opened it)`,
    row(header),
    ...Object.entries(evaluation.scenarios).map(([name, f]) => figuresRow(name, f)),
    figuresRow('all', o),
    '',
    `targets: median delay <= ${DETECTION_TARGETS.medianDelayMinutes} min, misses counted as never: ${yes(o.met.medianDelay)} ` +
      `(${o.delayMinutes.medianCountingMissed ?? 'a miss'}; ${cell(o.delayMinutes.median)} over the ${o.delayMinutes.n} detected); ` +
      `no missed incident > ${DETECTION_TARGETS.majorComplaintsPerHour}/h: ${yes(o.met.noMajorMissed)} (${o.missed.major} of ${o.missed.majorOf}); ` +
      `<= ${DETECTION_TARGETS.falseAlarmsPerServiceWeek} false alarm per service-week: ${yes(o.met.falseAlarmRate)} (${o.falseAlarmsPerServiceWeek}); ` +
      `of the GLOBAL minutes with confidence >= ${calibrated.confidenceAtLeast}, >= ${DETECTION_TARGETS.calibration.shareInOutage * 100} % inside a true outage: ` +
      `${yes(o.met.calibration)} (${calibrated.shareInOutage === undefined ? 'no such minute' : formatPercent(calibrated.shareInOutage)})`,
    `false alarms: ${o.falseAlarms} (${o.falseAlarmsGlobal} GLOBAL); matched regional incidents outside the truth's countries: ${o.misplaced}; ${evaluation.seconds} s`,
    '',
    formatCalibrationTable(evaluation.calibration.global, 'GLOBAL'),
    '',
    formatCalibrationTable(evaluation.calibration.regional, 'regional'),
    "(a regional minute counts as inside when its region is one of the truth's countries or ZZ, the unknown region)",
  ];
  if (evaluation.outcomes.length > 0) {
    lines.push(
      '',
      'per outage, from rise to end: delay; highest GLOBAL confidence; GLOBAL baseline per bucket at the rise -> highest; complaints counted in its regions / unknown region (ZZ) / elsewhere',
    );
    for (const r of evaluation.outcomes) {
      const where = r.regions.length > 3 ? `${r.regions.length} countries` : r.regions.join(',');
      const { trace: t } = r;
      lines.push(
        `  ${`${r.scenario}#${r.seed}`.padEnd(20)} ${`${r.service} (${where})`.padEnd(30)} ${String(r.complaintsPerHourAtPeak).padStart(4)}/h  ` +
          `${(r.delayMinutes === undefined ? 'MISSED' : `${r.delayMinutes} min`).padStart(7)}  conf ${t.peakConfidence.toFixed(2)}  ` +
          `baseline ${t.baselineAtRise} -> ${t.baselineMax}  complaints ${t.complaints.inTruthRegions}/${t.complaints.unknownRegion}/${t.complaints.elsewhere}`,
      );
    }
  }
  if (evaluation.falseAlarms.length > 0) {
    lines.push('', 'false alarms:');
    for (const a of evaluation.falseAlarms) {
      lines.push(`  ${a.scenario}#${a.seed} ${a.service}|${a.region} opened ${a.openedAt} (start ${a.start}${a.end ? `, end ${a.end}` : ', still open'}), peak confidence ${a.peakConfidence}, ${a.complaints} complaints`);
    }
  }
  return lines.join('\n') + '\n';
}

function round3(x: number): number {
  return roundTo(x, 3);
}
